"""The printing budgets (issue 13), measured the way a visitor meets them: a tap on "take a
number" at a kiosk with a network printer on loopback (the printer simulator, the real store),
to the printer having the whole job: p95 at most 300 ms; and a silent printer: the on-screen
ticket says it could not be printed within 1.5 s of the tap."""

from __future__ import annotations

import statistics
import time

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.printing.simulator import Mode, PrinterSimulator
from tests.ui.helpers import find_button, tap, visible_texts
from ui.i18n import translate
from ui.printer_thread import Paper

TICKETS = 30
P95_BUDGET = 0.300
FALLBACK_BUDGET = 1.5


@pytest.fixture
def simulator():
    with PrinterSimulator() as running:
        yield running


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def test_tap_to_printer_p95_and_silent_fallback(qtbot, make_window, simulator, capsys) -> None:
    window = make_window(printer={"kind": "network", "address": simulator.address})
    printer = window.model.printer
    printer.wait_idle()
    take = translate("Service", "Take a number")

    took: list[float] = []
    for index in range(TICKETS):
        window.go("service", code="ktp-el" if index % 2 else "kk")
        button = find_button(window.current, take)
        start = time.monotonic()
        tap(qtbot, button)
        qtbot.waitUntil(lambda n=index + 1: len(simulator.complete_jobs()) == n, timeout=5000)
        took.append(simulator.complete_jobs()[-1].cut_at - start)
        qtbot.waitUntil(lambda: window.current.name == "ticket", timeout=5000)
        printer.wait_idle()  # its answer reaches the screen before the next visitor
    p95 = _p95(took)

    simulator.mode = Mode.SILENT
    shown: list[float] = []
    printer.jobChanged.connect(lambda _id: shown.append(time.monotonic()))
    window.go("service", code="ktp-el")
    button = find_button(window.current, take)
    start = time.monotonic()
    tap(qtbot, button)
    qtbot.waitUntil(lambda: window.current.name == "ticket"
                    and printer.paper(window.current.params["ticket"]) is Paper.NOT_PRINTED,
                    timeout=5000)
    QApplication.processEvents()
    fallback = shown[-1] - start
    assert translate("Ticket", "Your ticket could not be printed") in visible_texts(window.current)

    with capsys.disabled():
        print(f"\nprinting: tap to full job p50 {statistics.median(took) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, max {max(took) * 1000:.0f} ms over {TICKETS} tickets; "
              f"silent printer: fallback on screen after {fallback * 1000:.0f} ms")
    assert p95 <= P95_BUDGET
    assert fallback <= FALLBACK_BUDGET
