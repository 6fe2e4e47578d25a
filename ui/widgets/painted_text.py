"""What a self-painting widget draws, for whoever checks layouts: a widget that paints its own
text (a list row, a shrink-to-fit number) answers `painted_texts()` with these, so a layout
check sees its words as it sees a label's."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont


@dataclass(frozen=True)
class PaintedText:
    """A text drawn with `font` in `rect` (widget coordinates), wrapped between words or on
    one line."""

    text: str
    font: QFont
    rect: QRect
    wrap: bool = True
