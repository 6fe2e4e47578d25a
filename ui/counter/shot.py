"""Render the counter console and its sign-in panel offscreen to PNGs, at the asked size
(the CLI's `screenshot --mode counter`; also handy for looking at a change)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.calls import CounterView, QueueTicket
from kiosk.vocabulary import TicketState
from ui.app import application
from ui.counter.console import CounterConsole
from ui.counter.sign_in import SignInPanel
from ui.i18n import languages
from ui.theme import Theme

# Tuesday 2026-11-24, 10:42 in Banjarmasin (UTC+8): a busy morning.
SAMPLE_NOW = datetime(2026, 11, 24, 2, 42, tzinfo=UTC)
_KTP = {"id": "Perekaman dan Pencetakan KTP Elektronik (KTP-el) untuk Penduduk Pindah Datang",
        "en": "Recording and printing of the electronic ID card (KTP-el) for residents moving in"}
_KK = {"id": "Kartu Keluarga", "en": "Family card"}
_AKTA = {"id": "Akta Kelahiran", "en": "Birth certificate"}
SAMPLE_SERVICES: tuple[tuple[str, dict[str, str]], ...] = (
    ("ktp-el", _KTP), ("kk", _KK), ("akta-lahir", _AKTA),
    ("pindah", {"id": "Surat Pindah Penduduk", "en": "Moving-out letter"}),
)


def sample_view(now: datetime = SAMPLE_NOW, *, online: bool = True, mode: str = "open",
                current_state: str | None = TicketState.CALLED, recalls: int = 1) -> CounterView:
    """A realistic morning at counter 3: one number called, nine waiting, two of them priority."""
    names = {"A": ("ktp-el", _KTP), "B": ("kk", _KK), "C": ("akta-lahir", _AKTA)}

    def ticket(number: str, minutes: int, priority: str | None = None,
               **changes: object) -> QueueTicket:
        service, name = names[number[0]]
        return QueueTicket(id=f"t-{number}", number=number, service=service, service_name=name,
                           priority=priority, issued_at=now - timedelta(minutes=minutes),
                           state=TicketState.WAITING, **changes)

    waiting = (
        ticket("A-019", 9, "lansia"), ticket("B-007", 4, "ibu_hamil"), ticket("A-013", 31),
        ticket("C-004", 27, transferred=True), ticket("A-014", 25), ticket("B-005", 22),
        ticket("A-015", 18), ticket("A-016", 15), ticket("C-005", 11),
    )
    current = None
    if current_state is not None:
        current = replace(ticket("A-012", 34, "disabilitas"), state=current_state, recalls=recalls,
                          counter="3", called_at=now - timedelta(minutes=2))
    return CounterView(counter="3", staff_name="Rina Wulandari", mode=mode, online=online,
                       current=current, waiting=waiting, served_today=14,
                       mean_service_minutes=6.4, last_sync=now - timedelta(minutes=11),
                       services=SAMPLE_SERVICES)


def _save(widget: QWidget, size: tuple[int, int], out: Path) -> None:
    app = QApplication.instance()
    widget.resize(*size)
    widget.show()
    for _ in range(3):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")


def render_counter(view: CounterView, size: tuple[int, int], out: Path, lang: str = "id",
                   theme: Theme | None = None, *, now: Callable[[], datetime] | None = None,
                   timezone: str = "Asia/Makassar") -> None:
    application()
    languages().switch(lang)
    console = CounterConsole(theme, timezone=timezone, now=now or (lambda: SAMPLE_NOW))
    console.set_view(view)
    _save(console, size, out)
    console.close()
    console.deleteLater()


def render_sign_in(staff: list[tuple[str, str]], counters: list[str], size: tuple[int, int],
                   out: Path, lang: str = "id", theme: Theme | None = None) -> None:
    application()
    languages().switch(lang)
    panel = SignInPanel(theme)
    panel.set_staff(staff)
    panel.set_counters(counters)
    _save(panel, size, out)
    panel.close()
    panel.deleteLater()
