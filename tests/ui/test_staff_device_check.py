"""The staff panel's device check: doctor's findings, run off the UI thread, each shown with
what to do; the panel stays responsive while the check waits."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from plaza_kiosk.doctor import Finding, Status
from tests.kiosk_window import STAFF_PIN
from tests.ui.helpers import find_button, tap, visible_texts
from ui.i18n import translate


def _unlocked_panel(qtbot, window):
    for _ in range(5):
        qtbot.mouseClick(window.header.logo, Qt.MouseButton.LeftButton)
    for digit in STAFF_PIN:
        tap(qtbot, find_button(window.current, digit))
    tap(qtbot, find_button(window.current, translate("Staff", "OK")))
    qtbot.waitUntil(lambda: window.current.unlocked, timeout=10_000)
    QApplication.processEvents()
    return window.current


def test_the_device_check_shows_each_finding_with_its_fix(qtbot, window) -> None:
    release = threading.Event()
    asked: list[object] = []

    def diagnose(screen):
        asked.append((screen, threading.current_thread() is threading.main_thread()))
        release.wait(5)  # as slow as a city server that does not answer
        return [Finding("config", Status.PASS, "/etc/plaza-kiosk/config.toml parses"),
                Finding("clock", Status.FAIL, "this device is 600.0 s behind the city server",
                        "timedatectl set-ntp true, then restart")]

    staff = _unlocked_panel(qtbot, window)
    staff.offer_checks(diagnose)
    staff.render()
    QApplication.processEvents()
    tap(qtbot, find_button(staff, translate("Staff", "Check this device")))
    assert staff.diagnosing
    QApplication.processEvents()
    assert translate("Staff", "Checking this device…") in visible_texts(staff)  # the UI runs on
    release.set()
    qtbot.waitUntil(lambda: not staff.diagnosing, timeout=5000)
    QApplication.processEvents()
    texts = visible_texts(staff)
    assert any("clock: this device is 600.0 s behind the city server" in t for t in texts)
    assert any("timedatectl set-ntp true, then restart" in t for t in texts)
    assert asked and asked[0][1] is False  # never on the UI thread
    assert asked[0][0] is not None  # the screen's size, measured on the UI thread
