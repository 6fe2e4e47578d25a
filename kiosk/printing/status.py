"""What a printer says about itself: its answers to DLE EOT 1-4 and GS r 1, decoded.

The answers are asked for, never assumed: no answer (or an incomplete one) is "silent", an
unknown state that is never taken for "fine" (python-escpos's own `paper_status()` reads
silence as "no paper" and `is_online()` as offline, and through a spooler it answers from the
queue, not the printer).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

# DLE EOT n, n = 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor.
STATUS_KINDS = (1, 2, 3, 4)
STATUS_QUERY = b"".join(b"\x10\x04" + bytes([n]) for n in STATUS_KINDS)
# GS r 1 (1D 72 01), transmit the paper sensor status: unlike DLE EOT, answered in order, only
# once the printer has processed (printed, cut) everything sent before it. A printer stopped by
# a paper end, an open cover or an error is offline and does not answer it at all.
PAPER_STATUS_QUERY = b"\x1d\x72\x01"
PAPER_STATUS_END = 0x0C  # GS r 1 bits 2-3: the roll end sensor (0x03, bits 0-1: near end)


def is_status_byte(value: int) -> bool:
    """Every DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear (ESC/POS)."""
    return value & 0x93 == 0x12


def is_paper_status_byte(value: int) -> bool:
    """A GS r answer has bits 4 and 7 clear (so does each byte of an Automatic Status Back but
    its first, which `is_asb_header` tells)."""
    return value & 0x90 == 0x00


def is_asb_header(value: int) -> bool:
    """The first of the four bytes of an Automatic Status Back (GS a), which a printer set up
    for it sends unasked: bits 0, 1 and 7 clear, bit 4 set."""
    return value & 0x93 == 0x10


class PrinterState(StrEnum):
    NOT_SET_UP = "not_set_up"  # [printer] kind = none: tickets on screen only
    NOT_CHECKED = "not_checked"  # not asked yet
    READY = "ready"
    PAPER_LOW = "paper_low"  # the near-end sensor: still prints, staff should change the roll
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # stopped for another reason (the feed button, waiting to recover)
    FAULT = "fault"  # cutter, mechanism, or a fault that needs a restart
    SILENT = "silent"  # connected, but no (complete) answer: unknown, never "fine"
    UNREACHABLE = "unreachable"  # no connection: switched off, unplugged, wrong address, no permission
    LOST = "lost"  # the connection broke during the job


PRINTABLE = (PrinterState.READY, PrinterState.PAPER_LOW)


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    replies: tuple[int | None, ...] = ()  # the answers to DLE EOT 1-4 (None: none came)
    detail: str = ""  # what went wrong, in IT's words (an OS error, which cause bit)
    paper_low: bool = False  # the near-end sensor, whatever else is wrong
    paper_reply: int | None = None  # the answer to GS r 1 after a slip, when one came

    @property
    def can_print(self) -> bool:
        return self.state in PRINTABLE

    @property
    def problem(self) -> bool:
        """Something staff should act on (a low roll included)."""
        return self.state not in (PrinterState.READY, PrinterState.NOT_SET_UP,
                                  PrinterState.NOT_CHECKED)


def decode(replies: Mapping[int, int]) -> PrinterStatus:
    """The state from the answers to DLE EOT 1-4 (by n). A missing answer makes it silent."""
    raw = tuple(replies.get(n) for n in STATUS_KINDS)
    missing = [str(n) for n, value in zip(STATUS_KINDS, raw, strict=True) if value is None]
    if missing:
        return PrinterStatus(PrinterState.SILENT, raw,
                             f"no answer to DLE EOT {', '.join(missing)}")
    printer, offline, error, paper = (value or 0 for value in raw)
    low = bool(paper & 0x0C)
    causes = [words for bit, words in ((0x04, "mechanical error"), (0x08, "autocutter error"),
                                       (0x20, "unrecoverable error"),
                                       (0x40, "auto-recoverable error (overheated?)"))
              if error & bit]
    if offline & 0x04:
        state, detail = PrinterState.COVER_OPEN, "cover open"
    elif offline & 0x20 or paper & 0x60:
        state, detail = PrinterState.PAPER_OUT, "paper end"
    elif causes or offline & 0x40:
        state, detail = PrinterState.FAULT, ", ".join(causes) or "error"
    elif printer & 0x08:
        state = PrinterState.OFFLINE
        detail = "paper being fed by the button" if offline & 0x08 else "offline"
    elif low:
        state, detail = PrinterState.PAPER_LOW, "paper near end"
    else:
        state, detail = PrinterState.READY, ""
    return PrinterStatus(state, raw, detail, paper_low=low)


_WORDS = {
    PrinterState.NOT_SET_UP: "no printer set up ([printer] kind = none): tickets are shown on "
                             "screen only",
    PrinterState.NOT_CHECKED: "not checked yet",
    PrinterState.READY: "ready",
    PrinterState.PAPER_LOW: "ready, but the paper roll is nearly finished: change it soon",
    PrinterState.PAPER_OUT: "out of paper: put in a new roll",
    PrinterState.COVER_OPEN: "the cover is open: close it",
    PrinterState.OFFLINE: "offline",
    PrinterState.FAULT: "in error: switch it off and on; if it stays, call its supplier",
    PrinterState.SILENT: "does not answer (state unknown): check its power and cable, and that "
                         "it is an ESC/POS printer that answers DLE EOT and GS r",
    PrinterState.UNREACHABLE: "cannot be reached",
    PrinterState.LOST: "the connection broke during printing",
}


# What IT does about each state, in one line (doctor, print-test).
FIXES = {
    PrinterState.PAPER_LOW: "put in a new roll before it runs out",
    PrinterState.PAPER_OUT: "put in a new roll and close the cover",
    PrinterState.COVER_OPEN: "close the printer's cover firmly",
    PrinterState.OFFLINE: "check the printer's buttons and lights (a held feed button stops it)",
    PrinterState.FAULT: "switch the printer off and on; if the fault stays, call its supplier",
    PrinterState.SILENT: "check its power and cable; a printer that never answers DLE EOT, or "
                         "GS r 1 after a slip, cannot be used (the kiosk would not know it "
                         "printed)",
    PrinterState.UNREACHABLE: "check its power, cable and [printer] address or device; then "
                              "plaza-kiosk print-test",
    PrinterState.LOST: "check its cable and power, then plaza-kiosk print-test",
}


def describe(status: PrinterStatus) -> str:
    """The state in words for IT (doctor, print-test, the log), with the raw answers."""
    words = _WORDS[status.state]
    if status.detail and status.state not in (PrinterState.READY, PrinterState.PAPER_LOW):
        words += f" ({status.detail})"
    if status.replies:
        answers = " ".join("--" if value is None else f"{value:02X}" for value in status.replies)
        words += f"; DLE EOT 1-4 answered {answers}"
    if status.paper_reply is not None:
        words += f"; GS r 1 answered {status.paper_reply:02X}"
    return words
