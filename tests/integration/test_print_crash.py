"""kill -9 between storing a ticket and printing it: the ticket stays in the store as "not
printed", and staff print it from the staff panel of the kiosk that comes back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kiosk.printing.decode import read_job
from kiosk.printing.simulator import Mode, PrinterSimulator
from kiosk.printing.status import PrinterState
from kiosk.store.models import TicketRow
from tests.kiosk_window import STAFF_PIN
from tests.ui.helpers import button_named, find_button, tap, visible_texts
from ui.i18n import translate

ROOT = Path(__file__).resolve().parents[2]


def test_a_ticket_stored_but_never_printed_is_kept_and_printed_again(
        qtbot, make_window, plaza, tmp_path) -> None:
    with PrinterSimulator(Mode.SILENT) as printer:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.print_crash_child",
             str(plaza.store.path), printer.address, str(tmp_path / "child")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = child.stdout.readline().split()  # the ticket is stored before this is said
            assert line[:1] == ["issued"], line
            ticket_id, number = line[1], line[2]
            # Its first look at the printer (one connection) is over before it takes the number;
            # the print job is the second connection, asking and waiting for an answer.
            deadline = time.monotonic() + 5
            while not (len(printer.jobs) >= 2 and printer.questions >= 8) \
                    and time.monotonic() < deadline:
                time.sleep(0.01)
            assert len(printer.jobs) == 2 and printer.questions == 8
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(5) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert printer.complete_jobs() == []  # nothing came out

        with plaza.store.read() as session:
            row = session.get(TicketRow, ticket_id)
            assert row is not None and row.number == number and row.printed is False

        printer.mode = Mode.ONLINE  # the kiosk comes back; staff check the printer
        window = make_window(printer={"kind": "network", "address": printer.address})
        window.model.printer.wait_idle()
        window.go("staff")
        for digit in STAFF_PIN:
            tap(qtbot, find_button(window.current, digit))
        tap(qtbot, find_button(window.current, translate("Staff", "OK")))
        qtbot.waitUntil(lambda: window.current.unlocked, timeout=10_000)
        # The panel is drawn again when the printer's answer comes (its buttons move): tap
        # once it shows the printer ready, as staff would.
        qtbot.waitUntil(lambda: window.model.printer.status.state is PrinterState.READY,
                        timeout=10_000)
        window.model.printer.wait_idle()
        QApplication.processEvents()
        assert f"{number} · 10:00 · {translate('Staff', 'not printed')}" in visible_texts(
            window.current)

        with qtbot.waitSignal(window.model.printer.reprinted, timeout=5000):
            tap(qtbot, button_named(window.current, f"reprint-{number}"))
        (job,) = printer.wait_for_jobs(1)
        assert read_job(bytes(job.data)).biggest_line().text == number
        window.model.printer.wait_idle()
        with plaza.store.read() as session:
            assert session.scalar(select(TicketRow.printed).where(TicketRow.id == ticket_id))
