"""List rows painted in one widget each: a screen of 45 services appears within a frame budget.

A row built from styled labels costs ~5 ms (each label is polished by the stylesheet); a
painted row costs a fraction of that and still wraps long names, shows press feedback and
reports its height for its width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import BODY, SECONDARY, SECTION, Theme
from ui.widgets.common import unbroken
from ui.widgets.painted_text import PaintedText

WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
ONE_LINE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop  # a column as wide as its text
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
MIDDLE_MIN = 320  # px at scale 1: a narrower name column moves the badge and notes under it


@dataclass(frozen=True)
class RowText:
    """What a row shows: a big mark on the left, lines in the middle, a badge and notes right."""

    mark: str
    title: str
    lines: tuple[str, ...] = ()
    badge: str = ""
    badge_kind: str = ""  # open, closed, quota_full
    side: tuple[str, ...] = ()  # short texts under the badge (right-aligned)
    side_emphasis: str = ""  # one larger text on the right (e.g. the number being served)
    mark_color: str = ""  # the mark's own colour (an office's colour); empty: the text colour


class TouchRow(QWidget):
    """A painted, tappable row whose height follows its width (its text wraps). Subclasses
    give `heightForWidth` and `on_tap`, keep a `theme`, and paint `_pressed` as pressed."""

    theme: Theme
    _pressed = False
    touch_target = True  # for layout checks: the whole row is one tap

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        width = max(self.width(), self.theme.px(400))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.theme.px(300), self.heightForWidth(self.theme.px(300)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.height() != self.heightForWidth(self.width()):
            self.updateGeometry()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True  # feedback within one frame
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        was_pressed, self._pressed = self._pressed, False
        self.update()
        inside = self.rect().contains(event.position().toPoint())
        if was_pressed and event.button() == Qt.MouseButton.LeftButton and inside:
            self.on_tap()

    def on_tap(self) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class _Piece:
    """One text of a row where it is drawn: `kind` picks its font and colour."""

    kind: str  # mark, title, line, emphasis, badge, side
    text: str
    rect: QRect
    flags: int


class PaintedRow(TouchRow):
    clicked = Signal()

    def __init__(self, text: RowText, theme: Theme, key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.key = key
        self.theme = theme
        self._pressed = False
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        family = "Noto Sans"
        title = QFont(family)
        title.setPixelSize(theme.font_px(BODY))
        title.setBold(True)
        line = QFont(family)
        line.setPixelSize(theme.font_px(SECONDARY))
        mark = QFont(family)
        mark.setPixelSize(theme.font_px(SECTION))
        mark.setBold(True)
        badge = QFont(line)
        badge.setBold(True)
        self._fonts = {"mark": mark, "title": title, "line": line, "emphasis": mark, "badge": badge,
                       "side": line}
        self._layout_cache: tuple[int, list[_Piece], int] = (-1, [], 0)

    # --- geometry: one pass places every text; height, painting and checks all read it ---

    def _pieces(self, width: int) -> tuple[list[_Piece], int]:
        """The texts placed for `width`, and the row's height."""
        if self._layout_cache[0] == width:
            return self._layout_cache[1], self._layout_cache[2]
        t, text = self.theme, self.text
        pad, gap, small = t.px(24), t.px(20), t.px(4)
        metrics = {kind: QFontMetrics(font) for kind, font in self._fonts.items()}
        inner = QRect(pad, pad, max(1, width - 2 * pad), 10_000)
        mark_width = max(self._advance("mark", "WW"), self._advance("mark", text.mark)) if text.mark else 0
        longest = self._longest_word()
        # The mark sits left of the name unless the name's longest word would not fit beside it.
        mark_above = bool(mark_width) and inner.width() - mark_width - gap < longest
        left = inner.left() + (mark_width + gap if mark_width and not mark_above else 0)
        top = inner.top() + (metrics["mark"].height() + small if mark_above else 0)
        side_width = self._side_width()
        middle_width = inner.right() - side_width - gap - left
        # Side by side while the name keeps a wide column; else the badge and notes go under it.
        stacked = side_width > 0 and middle_width < max(t.px(MIDDLE_MIN), longest)
        if stacked or not side_width:
            middle_width = inner.right() + 1 - left
        middle_width = max(1, middle_width)
        pieces: list[_Piece] = []
        if text.mark:
            pieces.append(_Piece("mark", text.mark, QRect(inner.left(), inner.top(), mark_width,
                                                          metrics["mark"].height()), int(ONE_LINE)))
        y = top
        for kind, value in (("title", text.title), *(("line", line) for line in text.lines)):
            shown = unbroken(value)
            used = metrics[kind].boundingRect(QRect(left, y, middle_width, 10_000), int(WRAP), shown)
            pieces.append(_Piece(kind, shown, QRect(left, y, middle_width, used.height()), int(WRAP)))
            y += used.height() + small
        bottom = y - small
        if stacked:
            y, x, flags, column = bottom + t.px(12), left, int(WRAP), middle_width
        else:
            y, x, flags, column = top, inner.right() + 1 - side_width, int(RIGHT), side_width
        if text.side_emphasis:
            shown = unbroken(text.side_emphasis)
            used = metrics["emphasis"].boundingRect(QRect(x, y, column, 10_000), flags, shown)
            pieces.append(_Piece("emphasis", shown, QRect(x, y, column, used.height()), flags))
            y += used.height()
        if text.badge:
            badge = self._advance("badge", text.badge) + 2 * t.px(16)
            box_x = x if stacked else x + column - badge
            pieces.append(_Piece("badge", text.badge, QRect(box_x, y, badge,
                                                            metrics["badge"].height() + small),
                                 int(Qt.AlignmentFlag.AlignCenter)))
            y += metrics["badge"].height() + small + t.px(8)
        for value in text.side:
            used = metrics["side"].boundingRect(QRect(x, y, column, 10_000), flags, value)
            pieces.append(_Piece("side", value, QRect(x, y, column, used.height()), flags))
            y += used.height() + small
        if text.side:
            y -= small
        content = max(bottom, y, inner.top() + metrics["mark"].height())
        height = content + pad
        self._layout_cache = (width, pieces, height)
        return pieces, height

    def _advance(self, kind: str, text: str) -> int:
        """A text's width in whole pixels, rounded up: a box cut to the pixel below would wrap it."""
        return math.ceil(QFontMetricsF(self._fonts[kind]).horizontalAdvance(text))

    def _side_width(self) -> int:
        widths = [self._advance("side", s) for s in self.text.side]
        if self.text.badge:
            widths.append(self._advance("badge", self.text.badge) + 2 * self.theme.px(16))
        if self.text.side_emphasis:
            widths.append(self._advance("emphasis", self.text.side_emphasis))
        return max(widths, default=0)

    def _longest_word(self) -> int:
        words = [(kind, word) for kind, value in (("title", self.text.title),
                                                  *(("line", line) for line in self.text.lines))
                 for word in unbroken(value).split()]
        return max((self._advance(kind, word) for kind, word in words), default=0)

    def heightForWidth(self, width: int) -> int:
        return self._pieces(width)[1]

    def painted_texts(self) -> list[PaintedText]:
        """What the row draws, where, for layout checks."""
        return [PaintedText(piece.text, self._fonts[piece.kind], piece.rect,
                            wrap=bool(piece.flags & int(Qt.TextFlag.TextWordWrap)))
                for piece in self._pieces(self.width())[0]]

    # --- painting ---

    def paintEvent(self, _event) -> None:
        t = self.theme
        c = t.colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = t.px(20)
        painter.setBrush(QColor((c.selected or c.primary) if self._pressed else c.surface))
        painter.setPen(QColor(c.outline) if t.high_contrast else Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), radius, radius)
        ink = QColor(c.on_selected if self._pressed else c.text)
        muted = QColor(c.on_selected if self._pressed else c.muted)
        own_mark = self.text.mark_color and not self._pressed and not t.high_contrast
        for piece in self._pieces(self.width())[0]:
            painter.setFont(self._fonts[piece.kind])
            if piece.kind == "badge":
                colour = {"open": c.open, "quota_full": c.warning}.get(self.text.badge_kind, c.closed)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colour))
                painter.drawRoundedRect(QRectF(piece.rect), t.px(12), t.px(12))
                painter.setPen(QColor("#000000" if t.high_contrast else "#FFFFFF"))
            elif piece.kind == "mark":
                painter.setPen(QColor(self.text.mark_color) if own_mark else ink)
            else:
                painter.setPen(muted if piece.kind in ("line", "side") else ink)
            painter.drawText(piece.rect, piece.flags, piece.text)

    # --- touch ---

    def on_tap(self) -> None:
        self.clicked.emit()

    def accessible_text(self) -> str:
        """Everything the row says, for tests and screen readers."""
        return " ".join((self.text.mark, self.text.title, *self.text.lines, self.text.badge,
                         self.text.side_emphasis, *self.text.side)).strip()
