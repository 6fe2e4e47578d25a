"""Render the display board offscreen to a PNG at the asked size (`screenshot --mode display`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.calls import BoardState
from ui.app import application
from ui.display.board import DisplayBoard
from ui.theme import Theme


def render_board(state: BoardState, size: tuple[int, int], out: Path, lang: str, theme: Theme,
                 plaza_name: str, now: Callable[[], datetime], *, logo_path: str = "",
                 spoken: str = "") -> Path:
    """Save the board showing `state` as a PNG at `out`; returns `out`."""
    app = application()
    board = DisplayBoard(theme, plaza_name, now, logo_path=logo_path, lang=lang)
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
