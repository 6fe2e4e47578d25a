"""One print job, told truthfully: ask the printer how it is (DLE EOT 1-4), send the slip only
when it can print, and ask again after the cut. A job counts as printed only when the printer
answered "fine" both times; silence is never taken for "fine".

Runs on a worker thread (the kiosk's printer thread, or the command line): every step has a
short timeout, so a silent printer ends a job in well under two seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.config import PrinterSection
from kiosk.printing.status import (
    FIXES,
    STATUS_KINDS,
    STATUS_QUERY,
    PrinterState,
    PrinterStatus,
    decode,
    describe,
    is_status_byte,
)
from kiosk.printing.transport import (
    ConnectionLost,
    PrinterUnreachable,
    Transport,
    open_transport,
)

log = logging.getLogger(__name__)

Opener = Callable[[PrinterSection], Transport]


@dataclass(frozen=True)
class PrintOutcome:
    printed: bool
    status: PrinterStatus  # the last known: after the cut, or where the job stopped
    seconds: float  # from the start of the job to the printer's last answer


class Printer:
    def __init__(self, settings: PrinterSection, opener: Opener = open_transport,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._open = opener
        self._clock = clock

    @property
    def set_up(self) -> bool:
        return self.settings.kind != "none"

    def status(self) -> PrinterStatus:
        """Ask the printer how it is (one short connection)."""
        if not self.set_up:
            return PrinterStatus(PrinterState.NOT_SET_UP)
        try:
            transport = self._open(self.settings)
        except PrinterUnreachable as error:
            return PrinterStatus(PrinterState.UNREACHABLE, detail=str(error))
        try:
            return self._ask(transport)
        except ConnectionLost as error:
            return PrinterStatus(PrinterState.LOST, detail=str(error))
        finally:
            transport.close()

    def print_job(self, job: bytes) -> PrintOutcome:
        """Send one slip if the printer says it can print it; printed only if it still says so
        after the cut."""
        start = self._clock()
        if not self.set_up:
            return PrintOutcome(False, PrinterStatus(PrinterState.NOT_SET_UP), 0.0)
        try:
            transport = self._open(self.settings)
        except PrinterUnreachable as error:
            return self._outcome(False, PrinterStatus(PrinterState.UNREACHABLE, detail=str(error)),
                                 start)
        try:
            before = self._ask(transport)
            if not before.can_print:
                return self._outcome(False, before, start)
            transport.write(job)
            after = self._ask(transport)
            return self._outcome(after.can_print, after, start)
        except ConnectionLost as error:
            return self._outcome(False, PrinterStatus(PrinterState.LOST, detail=str(error)), start)
        finally:
            transport.close()

    def _ask(self, transport: Transport) -> PrinterStatus:
        """DLE EOT 1-4 sent at once; the four answers read within one status timeout. Bytes that
        cannot be a status answer are skipped."""
        transport.drain()  # an answer to something else, sent before we asked
        transport.write(STATUS_QUERY)
        answers: list[int] = []
        deadline = self._clock() + self.settings.status_timeout
        while len(answers) < len(STATUS_KINDS):
            data = transport.read(len(STATUS_KINDS) - len(answers), deadline - self._clock())
            if not data:
                break  # silent, or it stopped answering part-way
            answers += [byte for byte in data if is_status_byte(byte)]
        return decode(dict(zip(STATUS_KINDS, answers, strict=False)))

    def _outcome(self, printed: bool, status: PrinterStatus, start: float) -> PrintOutcome:
        outcome = PrintOutcome(printed, status, self._clock() - start)
        if not printed:
            log.warning("ticket not printed; the printer: %s", describe(status))
        return outcome


@dataclass(frozen=True)
class PrinterReport:
    status: PrinterStatus
    words: str  # where the printer is and its state, with its raw answers
    fix: str  # what IT does about it; "" when nothing

    @property
    def ok(self) -> bool:
        """It can print, or no printer is set up (the kiosk shows tickets on screen)."""
        return self.status.can_print or self.status.state is PrinterState.NOT_SET_UP


def printer_state_in_words(settings: PrinterSection, opener: Opener = open_transport
                           ) -> PrinterReport:
    """The printer's state in words (for `doctor`): asks the printer itself, on one short
    connection, and changes nothing."""
    status = Printer(settings, opener).status()
    where = {"network": settings.address, "usb": settings.device,
             "serial": settings.device}.get(settings.kind, "")
    prefix = f"{settings.kind} printer {where}: " if where else "printer: "
    return PrinterReport(status, prefix + describe(status), FIXES.get(status.state, ""))
