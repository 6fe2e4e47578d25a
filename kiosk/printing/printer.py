"""One print job, told truthfully: ask the printer how it is (DLE EOT 1-4), send the slip only
when it can print, then wait until the printer has printed and cut it before asking again. A
job counts as printed only when the printer answered "fine" both times; silence is never taken
for "fine".

DLE EOT is answered in real time, when the question arrives, not when what was sent before it
has printed: asked right after the cut, it tells how the printer was when the slip arrived. So
the slip is followed by GS r 1, which the printer answers only once it has processed everything
before it, and which a printer stopped mid-slip (its roll ended, its cover opened, its cutter
jammed) does not answer at all. While waiting for that answer the kiosk asks DLE EOT again every
status timeout, so a stopped printer is seen at once; once it has come, DLE EOT 1-4 tell the
state after the slip. No answer within the write timeout is "unknown", never "printed".

Runs on a worker thread (the kiosk's printer thread, or the command line): every step has a
short timeout, so a silent printer ends a job in well under two seconds.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.config import PrinterSection
from kiosk.printing.status import (
    FIXES,
    PAPER_STATUS_END,
    PAPER_STATUS_QUERY,
    STATUS_KINDS,
    STATUS_QUERY,
    PrinterState,
    PrinterStatus,
    decode,
    describe,
    is_asb_header,
    is_paper_status_byte,
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
            return self._ask(self._listen(transport))
        except ConnectionLost as error:
            return PrinterStatus(PrinterState.LOST, detail=str(error))
        finally:
            transport.close()

    def print_job(self, job: bytes) -> PrintOutcome:
        """Send one slip if the printer says it can print it; printed only if, once it has
        printed and cut it, it still says so."""
        start = self._clock()
        if not self.set_up:
            return PrintOutcome(False, PrinterStatus(PrinterState.NOT_SET_UP), 0.0)
        try:
            transport = self._open(self.settings)
        except PrinterUnreachable as error:
            return self._outcome(False, PrinterStatus(PrinterState.UNREACHABLE, detail=str(error)),
                                 start)
        try:
            answers = self._listen(transport)
            before = self._ask(answers)
            if not before.can_print:
                return self._outcome(False, before, start)
            answers.in_order.clear()  # nothing before GS r is its answer
            transport.write(job + PAPER_STATUS_QUERY)
            after = self._after_the_slip(answers)
            return self._outcome(after.can_print, after, start)
        except ConnectionLost as error:
            return self._outcome(False, PrinterStatus(PrinterState.LOST, detail=str(error)), start)
        finally:
            transport.close()

    def _listen(self, transport: Transport) -> _Answers:
        transport.drain()  # an answer to something else, sent before we asked
        return _Answers(transport, self._clock)

    def _ask(self, answers: _Answers) -> PrinterStatus:
        """DLE EOT 1-4 sent at once; the four answers read within one status timeout."""
        answers.realtime.clear()
        answers.transport.write(STATUS_QUERY)
        answers.read_until(lambda: len(answers.realtime) >= len(STATUS_KINDS),
                           self._clock() + self.settings.status_timeout)
        return decode(dict(zip(STATUS_KINDS, answers.realtime, strict=False)))

    def _after_the_slip(self, answers: _Answers) -> PrinterStatus:
        """The state once the printer has printed and cut the slip (GS r 1 answered), asking
        DLE EOT every status timeout meanwhile: a printer stopped mid-slip never answers GS r,
        but says why at once. No answer within the write timeout: unknown (silent)."""
        deadline = self._clock() + self.settings.write_timeout
        while True:
            wait = min(max(0.0, deadline - self._clock()), self.settings.status_timeout)
            if answers.read_until(lambda: bool(answers.in_order), self._clock() + wait):
                break
            now = self._ask(answers)
            if answers.in_order:
                break  # it came with the answers
            if not now.can_print:
                return now  # stopped mid-slip, or silent: not printed
            if self._clock() >= deadline:
                return replace(now, state=PrinterState.SILENT, detail=(
                    f"no answer to GS r 1 within {self.settings.write_timeout:g} s of the slip: "
                    "not known whether it was printed"))
        paper = answers.in_order.popleft()
        after = replace(self._ask(answers), paper_reply=paper)
        if paper & PAPER_STATUS_END and after.can_print:  # the sensors disagree: trust the worse
            return replace(after, state=PrinterState.PAPER_OUT, detail="paper end (GS r 1)")
        return after

    def _outcome(self, printed: bool, status: PrinterStatus, start: float) -> PrintOutcome:
        outcome = PrintOutcome(printed, status, self._clock() - start)
        if not printed:
            log.warning("ticket not printed; the printer: %s", describe(status))
        return outcome


class _Answers:
    """What the printer sends back on one connection, sorted as it comes in: answers to DLE EOT
    (real time), to GS r (in order), and Automatic Status Back, which a printer set up for it
    sends unasked (GS a) and which is skipped. Anything else is dropped."""

    def __init__(self, transport: Transport, clock: Callable[[], float]) -> None:
        self.transport = transport
        self.realtime: list[int] = []
        self.in_order: deque[int] = deque()
        self._clock = clock
        self._skip = 0  # bytes left of an Automatic Status Back

    def read_until(self, done: Callable[[], bool], deadline: float) -> bool:
        """Read until `done()` or the deadline (or the printer stops sending); `done()`."""
        while not done():
            data = self.transport.read(64, deadline - self._clock())
            if not data:
                break
            for byte in data:
                self._sort(byte)
        return done()

    def _sort(self, byte: int) -> None:
        if self._skip:
            self._skip -= 1
        elif is_status_byte(byte):
            self.realtime.append(byte)
        elif is_asb_header(byte):
            self._skip = 3
        elif is_paper_status_byte(byte):
            self.in_order.append(byte)


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
