"""The kiosk's ticket printer, driven from the UI: every print job and status question runs on
its own thread (a silent printer must never freeze a tap), and the answers come back on the
UI thread as signals for the ticket screen and the staff panel.

A ticket is stored "not printed" when it is born (kiosk.local_plaza); only the printer's "fine"
once it has printed and cut the slip (kiosk.printing.printer) marks it printed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import Config
from kiosk.local_plaza import IssuedTicket, LocalPlaza
from kiosk.printing.layout import render_slip, slip_for, warm_up
from kiosk.printing.printer import Printer, PrintOutcome
from kiosk.printing.status import PrinterState, PrinterStatus
from ui.i18n import languages
from ui.store_thread import StoreThread

log = logging.getLogger(__name__)

STATUS_POLL_MS = 60_000  # staff see a low roll or an open cover between visitors too
RECENT = 5  # tickets staff can print again
KEPT_JOBS = 50


class Paper(StrEnum):
    """A ticket's slip as the screen tells it."""

    NO_PRINTER = "no_printer"
    PRINTING = "printing"
    PRINTED = "printed"
    NOT_PRINTED = "not_printed"


class PrinterDesk(QObject):
    jobChanged = Signal(str)  # a ticket id whose slip changed state
    statusChanged = Signal()  # the printer's state (staff panel)
    recentChanged = Signal()  # the tickets staff can print again
    reprinted = Signal(object, object)  # IssuedTicket, PrintOutcome

    def __init__(self, config: Config, plaza: LocalPlaza, store: StoreThread,
                 printer: Printer | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = config.printer
        self.tracking_base = config.qr.tracking_base_url
        self.plaza = plaza
        self.store = store
        self.printer = printer or Printer(config.printer)
        self.status = PrinterStatus(PrinterState.NOT_CHECKED)
        self.checked_at: datetime | None = None
        self.recent: list[IssuedTicket] = []
        self._jobs: dict[str, Paper] = {}
        self._thread = StoreThread(self, name="printer")
        self._thread.unhandled.connect(lambda line: log.error("printer job: %s", line))
        self._thread.submit(warm_up, lambda _: None)  # python-escpos loaded before the first tap
        self._poll = QTimer(self, interval=STATUS_POLL_MS)
        self._poll.timeout.connect(self.check)
        self._poll.start()
        self.check()

    # --- the ticket screen ---

    def print_ticket(self, ticket: IssuedTicket, reprint: bool = False) -> None:
        """Print a ticket's slip in the visitor's language (now, on the printer thread)."""
        lang = languages().current
        self._set(ticket.id, Paper.PRINTING)

        def job() -> PrintOutcome:
            slip = slip_for(self.plaza, ticket, lang, self.tracking_base, reprint=reprint)
            return self.printer.print_job(render_slip(slip, self.settings.paper_mm,
                                                      self.settings.qr == "native"))

        def failed(error: Exception) -> None:  # a bug, not the printer: still never "printed"
            self._finished(ticket, PrintOutcome(False, PrinterStatus(
                PrinterState.NOT_CHECKED, detail=f"{type(error).__name__}: {error}"), 0.0), reprint)

        self._thread.submit(job, lambda outcome: self._finished(ticket, outcome, reprint), failed)

    def paper(self, ticket: IssuedTicket) -> Paper:
        """The slip of a ticket on screen: its job here, else what the store says."""
        if ticket.id in self._jobs:
            return self._jobs[ticket.id]
        if ticket.printed is None:
            return Paper.NO_PRINTER
        return Paper.PRINTED if ticket.printed else Paper.NOT_PRINTED

    def _finished(self, ticket: IssuedTicket, outcome: PrintOutcome, reprint: bool) -> None:
        log.info("ticket %s %s in %.0f ms (printer %s)", ticket.number,
                 "printed" if outcome.printed else "NOT printed", outcome.seconds * 1000,
                 outcome.status.state)
        self.store.submit(lambda: self.plaza.mark_printed(ticket.id, outcome.printed),
                          lambda _: self.load_recent())
        self._set_status(outcome.status)
        self._set(ticket.id, Paper.PRINTED if outcome.printed else Paper.NOT_PRINTED)
        if reprint:
            self.reprinted.emit(ticket, outcome)

    def _set(self, ticket_id: str, paper: Paper) -> None:
        self._jobs[ticket_id] = paper
        while len(self._jobs) > KEPT_JOBS:
            del self._jobs[next(iter(self._jobs))]
        self.jobChanged.emit(ticket_id)

    # --- the staff panel ---

    def check(self) -> None:
        """Ask the printer how it is (on the printer thread, after any job in hand)."""
        self._thread.submit(self.printer.status, self._set_status)

    def load_recent(self) -> None:
        def done(tickets: list[IssuedTicket]) -> None:
            self.recent = tickets
            self.recentChanged.emit()

        self.store.submit(lambda: self.plaza.recent_tickets(RECENT), done)

    def _set_status(self, status: PrinterStatus) -> None:
        if status.state is PrinterState.NOT_CHECKED:
            return  # a job that failed before it asked: the last answer still stands
        if status.state != self.status.state:
            log.log(logging.WARNING if status.problem else logging.INFO,
                    "printer: %s -> %s %s", self.status.state, status.state, status.detail)
        self.status = status
        self.checked_at = self.plaza.clock()
        self.statusChanged.emit()

    def wait_idle(self, timeout_ms: int = 5000) -> None:
        """Until every job and question has answered (screenshots and tests)."""
        self._thread.wait_idle(timeout_ms)
        self.store.wait_idle(timeout_ms)

    def stop(self) -> bool:
        self._poll.stop()
        return self._thread.stop()
