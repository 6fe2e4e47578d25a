"""The paper ticket, laid out for 58 and 80 mm rolls with python-escpos and rendered to its
Dummy printer: the bytes of one job, ready for any transport.

The slip carries what the screen shows: the plaza's name (from its catalog), the number as
large as the roll allows, the service in the visitor's language, the counter, the date and
time in the plaza's zone, who is ahead and the wait, the tracking QR, where to complain, and
a cut. Text is folded to plain ASCII: code pages differ between cheap printers, and the
plaza's words need no more.
"""

from __future__ import annotations

import os
import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.local_plaza import IssuedTicket, LocalPlaza
from kiosk.numbering import tracking_url
from kiosk.printing import words
from kiosk.service_day import local_time
from kiosk.vocabulary import Priority
from kiosk.waiting import WaitEstimate


@dataclass(frozen=True)
class Paper:
    mm: int
    dots: int  # printable width at 203 dpi
    columns: int  # characters of font A (12 dots) per line
    qr_module: int  # dots per QR module: about 25-30 mm for a tracking link


PAPERS = {58: Paper(58, 384, 32, 6), 80: Paper(80, 576, 48, 8)}
BIGGEST = 6  # the number's size multiplier (of 8 allowed): 6x is 18 mm tall


@dataclass(frozen=True)
class Slip:
    """Everything a ticket prints, already in the visitor's language."""

    plaza: str
    number: str
    service: str
    counters: str
    issued: datetime  # in the plaza's zone
    people_ahead: int
    wait: WaitEstimate | None
    url: str
    lang: str
    priority: str | None = None
    reprint: bool = False


def slip_for(plaza: LocalPlaza, ticket: IssuedTicket, lang: str, tracking_base: str, *,
             reprint: bool = False) -> Slip:
    """The slip of an issued ticket, from the plaza's catalog (its name, the service's words)."""
    try:
        service = plaza.service(ticket.service_code)
        service_name, counters = service.name.get(lang), words.counters(service.counters, lang)
    except KeyError:  # the service left the catalog since: the ticket still stands
        service_name, counters = ticket.service_code, ""
    return Slip(
        plaza=plaza.name.get(lang), number=ticket.number, service=service_name,
        counters=counters, issued=local_time(ticket.issued_at, plaza.timezone),
        people_ahead=ticket.people_ahead, wait=ticket.wait,
        url=tracking_url(tracking_base, ticket.public_code), lang=lang,
        priority=ticket.priority, reprint=reprint)


def plain(text: str) -> str:
    """The text in printable ASCII: dashes and quotes kept as their ASCII look-alikes, accents
    dropped, anything else left out."""
    text = text.translate({0x2010: "-", 0x2011: "-", 0x2013: "-", 0x2014: "-", 0x2018: "'",
                           0x2019: "'", 0x201C: '"', 0x201D: '"', 0x00A0: " ", 0x00B7: "-"})
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded if ch.isprintable())


def render_slip(slip: Slip, paper_mm: int, native_qr: bool) -> bytes:
    paper = PAPERS[paper_mm]
    lang = slip.lang
    printer = _dummy(paper_mm)
    printer.hw("INIT")
    printer.set(align="center", bold=True)
    _lines(printer, paper, slip.plaza)
    printer.set(bold=False)
    _rule(printer, paper)
    _lines(printer, paper, words.HEADING.get(lang))
    _big(printer, paper, slip.number)
    printer.set(bold=True)
    _lines(printer, paper, slip.counters)
    printer.set(bold=False)
    _lines(printer, paper, slip.service)
    if slip.priority:
        group = words.PRIORITY_GROUPS[Priority(slip.priority)].get(lang)
        printer.set(bold=True, invert=True)
        _lines(printer, paper, f" {words.PRIORITY.get(lang)}: {group} ")
        printer.set(bold=False, invert=False)
    printer.ln()
    _lines(printer, paper, words.people_ahead(slip.people_ahead, lang))
    _lines(printer, paper, words.wait(slip.wait, lang))
    printer.ln()
    _lines(printer, paper, words.FOLLOW.get(lang))
    _qr(printer, paper, slip.url, native_qr)
    _lines(printer, paper, slip.url.removeprefix("https://"))  # to type, without a phone camera
    _lines(printer, paper, f"{slip.issued:%d-%m-%Y %H:%M} {slip.issued.tzname() or ''}".strip())
    if slip.reprint:
        _lines(printer, paper, words.REPRINT.get(lang))
    _rule(printer, paper)
    _lines(printer, paper, words.KEEP.get(lang))
    _lines(printer, paper, words.COMPLAIN.get(lang))
    printer.cut(mode="PART")  # a partial cut: the slip hangs from the printer, not on the floor
    return printer.output


def render_test_page(paper_mm: int, native_qr: bool, lines: list[str], url: str, lang: str = "id"
                     ) -> bytes:
    """`plaza-kiosk print-test`: the big number, a QR code and a few lines of the kiosk's
    facts, so IT sees every part of a slip print."""
    paper = PAPERS[paper_mm]
    printer = _dummy(paper_mm)
    printer.hw("INIT")
    printer.set(align="center", bold=True)
    _lines(printer, paper, words.TEST_PAGE.get(lang))
    printer.set(bold=False)
    _rule(printer, paper)
    _big(printer, paper, "A-000")
    for line in lines:
        _lines(printer, paper, line)
    _qr(printer, paper, url, native_qr)
    _lines(printer, paper, url)
    _rule(printer, paper)
    _lines(printer, paper, "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz")
    printer.cut(mode="PART")
    return printer.output


# --- building blocks ---


def _lines(printer: Any, paper: Paper, text: str) -> None:
    for line in textwrap.wrap(plain(text), paper.columns) or ([""] if text else []):
        printer.textln(line)


def _rule(printer: Any, paper: Paper) -> None:
    printer.textln("-" * paper.columns)


def _big(printer: Any, paper: Paper, number: str) -> None:
    size = max(2, min(BIGGEST, paper.columns // max(1, len(number))))
    printer.set(custom_size=True, width=size, height=size, bold=True)
    printer.textln(plain(number))
    printer.set(normal_textsize=True, bold=False)


def _qr(printer: Any, paper: Paper, url: str, native: bool) -> None:
    from escpos.constants import QR_ECLEVEL_M

    if native:  # drawn by the printer itself: sharp on a good one, smudged on a cheap one
        printer.set(align="center")
        printer.qr(url, ec=QR_ECLEVEL_M, size=paper.qr_module, native=True)
        printer.ln()
    else:  # drawn here and sent as a raster image (GS v 0): the same on every printer
        printer.qr(url, ec=QR_ECLEVEL_M, size=paper.qr_module, native=False, center=True)
    printer.set(align="center")


def _dummy(paper_mm: int) -> Any:
    from escpos.printer import Dummy

    return Dummy(profile=_profile(paper_mm))


@cache
def _profile(paper_mm: int) -> Any:
    """python-escpos's default profile with the roll's width, so a raster QR can be centred and
    a too-wide image is refused instead of printed cut off."""
    escpos_cache()
    from escpos.capabilities import Profile, get_profile_class

    paper, base = PAPERS[paper_mm], get_profile_class("default").profile_data
    profile = Profile(columns=paper.columns, features=dict(base["features"]))
    profile.profile_data = dict(  # this instance's own: the shared default stays as it was
        base, media={"dpi": 203, "width": {"mm": paper.mm, "pixels": paper.dots}},
        fonts={"0": {"name": "Font A", "columns": paper.columns},
               "1": {"name": "Font B", "columns": paper.dots // 9}})
    return profile


def escpos_cache() -> None:
    """python-escpos pickles its printer database at import, by default into a new temporary
    folder every time: a kiosk restarted daily would leave one behind each start. Keep it in
    the user's cache folder instead (before the first import)."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("plaza-kiosk")) / "escpos"
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


def warm_up() -> None:
    """Load python-escpos and the profiles (~0.1 s) before the first visitor's ticket needs
    them (called on the printer thread)."""
    for paper_mm in PAPERS:
        _profile(paper_mm)
    import escpos.printer  # noqa: F401
