"""Kiosk window fixtures: one offscreen QApplication for the session (pytest-qt) with the
kiosk's fonts, and kiosk windows per test (`window`, `make_window`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.config import load_config
from kiosk.pin import hash_pin
from ui.app import application, build_kiosk
from ui.kiosk_model import StaffNotes
from ui.shell import KioskWindow

STAFF_PIN = "246810"
_PIN_HASH = hash_pin(STAFF_PIN)  # scrypt is slow on purpose: hash once per session


@pytest.fixture(scope="session")
def kiosk_app(qapp):
    """pytest-qt's shared offscreen QApplication, with the kiosk's fonts loaded."""
    return application()


@pytest.fixture
def config(tmp_path):
    return load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""}).with_values(
        staff={"pin_hash": _PIN_HASH, "max_attempts": 5, "lockout_seconds": 300},
        data={"dir": str(tmp_path)},
    )


@pytest.fixture
def make_window(qtbot, kiosk_app, plaza, config) -> Callable[..., KioskWindow]:
    windows: list[KioskWindow] = []

    def make(size: tuple[int, int] = (1080, 1920), kiosk_mode: bool = True, enrolment=None,
             **config_changes):
        window = build_kiosk(config.with_values(**config_changes) if config_changes else config,
                             plaza, StaffNotes(), kiosk_mode=kiosk_mode, enrolment=enrolment)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        window.model.store.wait_idle()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.dispose()
        window.kiosk_mode = False


@pytest.fixture
def window(make_window) -> KioskWindow:
    return make_window()
