"""Endurance: a kiosk runs all day. Guards against the PySide6 6.12.0 / Python 3.11 abort
(DESIGN §8) and against widgets piling up screen after screen."""

from __future__ import annotations

import gc
import os

import psutil
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel

SCREEN_CHANGES = int(os.environ.get("PLAZA_SOAK_CHANGES", "10000"))
VOID_CALLS = 100_000


@pytest.mark.soak
def test_a_hundred_thousand_void_calls(qapp) -> None:
    widget = QLabel()
    for index in range(VOID_CALLS):
        widget.setText("x" if index % 2 else "y")
        widget.setEnabled(bool(index % 3))
    assert widget.text() in ("x", "y")


def settle() -> None:
    """What the event loop does between taps: run posted events and the deleteLater()s."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.soak
def test_ten_thousand_screen_changes_without_growing(window) -> None:
    ticket = window.model.plaza.issue_ticket("ktp-el")
    process = psutil.Process()
    route = [("service", {"code": "ktp-el"}), ("ticket", {"ticket": ticket}), ("home", {})]

    def run(changes: int) -> None:
        for index in range(changes):
            name, params = route[index % len(route)]
            window.go(name, **params)
            if index % 30 == 29:
                settle()
        settle()
        gc.collect()

    run(600)  # warm-up: caches, fonts, first layouts
    baseline = process.memory_info().rss
    run(SCREEN_CHANGES)
    grown = process.memory_info().rss / baseline - 1
    assert window.current.name in ("service", "ticket", "home")
    assert grown < 0.05, f"RSS grew {grown:.1%} over {SCREEN_CHANGES} screen changes"
