"""Render the display board offscreen to a PNG at the asked size (`screenshot --mode display`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk import feed
from kiosk.calls import BoardState
from kiosk.local_plaza import LocalPlaza
from kiosk.numbering import format_number, new_public_code
from kiosk.vocabulary import TicketState
from ui.app import application
from ui.display.board import DisplayBoard
from ui.i18n import languages
from ui.theme import Theme


def render_board(state: BoardState, size: tuple[int, int], out: Path, lang: str, theme: Theme,
                 plaza_name: str, now: Callable[[], datetime], *, logo_path: str = "",
                 spoken: str = "") -> Path:
    """Save the board showing `state` as a PNG at `out`; returns `out`."""
    app = application()
    languages().switch(lang)
    board = DisplayBoard(theme, plaza_name, now, logo_path=logo_path)
    board.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # never flashes on a real screen
    try:
        board.resize(*size)  # the size asked for, not the (offscreen) screen's
        board.set_state(state)
        if spoken:
            board.show_spoken(spoken)
        board.show()
        for _ in range(3):
            app.processEvents()
        board.ticker.rewind()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not board.grab().save(str(out), "PNG"):
            raise OSError(f"cannot write {out}")
    finally:
        board.dispose()
        board.close()
        board.deleteLater()
        QApplication.processEvents()
    return out


def seed_sample_calls(plaza: LocalPlaza, calls: int = 7) -> None:
    """A morning's worth of tickets, some called to counters, written through the change feed's
    own path (`kiosk.feed.apply`), so a screenshot shows what a real board would. The same
    tickets each time (ids from the day and number): seeding a store twice changes nothing."""
    now = plaza.clock()
    services = [s for s in plaza.catalog().services if s.counters][:6]
    changes = []
    for n in range(calls + 14):
        service = services[n % len(services)]
        sequence = 40 - n
        called = n < calls
        changes.append(feed.TicketChange(
            id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"sample-call:{service.code}:{plaza.today()}:{sequence}")),
            public_code=new_public_code(), service=service.code,
            service_day=plaza.today(), sequence=sequence,
            number=format_number(service.prefix, sequence),
            state=TicketState.CALLED if called else TicketState.WAITING,
            issued_at=now - timedelta(minutes=90 - n), device_id=plaza.device_id,
            queue=service.code, counter=service.counters[0] if called else None,
            called_at=now - timedelta(minutes=3 * n) if called else None, changed_at=now))
    feed.apply(plaza.store, changes, None, now)
