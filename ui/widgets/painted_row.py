"""List rows painted in one widget each: a screen of 45 services appears within a frame budget.

A row built from styled labels costs ~5 ms (each label is polished by the stylesheet); a
painted row costs a fraction of that and still wraps long names, shows press feedback and
reports its height for its width.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import BODY, SECONDARY, SECTION, Theme

WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop


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


class PaintedRow(TouchRow):
    clicked = Signal()

    def __init__(self, text: RowText, theme: Theme, key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.key = key
        self.theme = theme
        self._pressed = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sp = self.sizePolicy()
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        family = "Noto Sans"
        self._title_font = QFont(family)
        self._title_font.setPixelSize(theme.font_px(BODY))
        self._title_font.setBold(True)
        self._line_font = QFont(family)
        self._line_font.setPixelSize(theme.font_px(SECONDARY))
        self._mark_font = QFont(family)
        self._mark_font.setPixelSize(theme.font_px(SECTION))
        self._mark_font.setBold(True)
        self._badge_font = QFont(self._line_font)
        self._badge_font.setBold(True)
        self._height_cache: tuple[int, int] = (-1, 0)

    # --- geometry ---

    def _columns(self, width: int) -> tuple[QRect, QRect, QRect]:
        """Mark, middle and side columns inside the padding."""
        t = self.theme
        pad = t.px(24)
        inner = QRect(pad, pad, max(1, width - 2 * pad), 10_000)
        mark_metrics = QFontMetrics(self._mark_font)
        mark_width = max(mark_metrics.horizontalAdvance("WW"),
                         mark_metrics.horizontalAdvance(self.text.mark)) if self.text.mark else 0
        side_width = self._side_width()
        gap = t.px(20)
        mark = QRect(inner.left(), inner.top(), mark_width, inner.height())
        left = mark.right() + (gap if mark_width else 0)
        side = QRect(inner.right() - side_width, inner.top(), side_width, inner.height())
        middle = QRect(left, inner.top(), max(1, side.left() - gap - left), inner.height())
        return mark, middle, side

    def _side_width(self) -> int:
        metrics = QFontMetrics(self._line_font)
        widths = [metrics.horizontalAdvance(s) for s in self.text.side]
        if self.text.badge:
            widths.append(QFontMetrics(self._badge_font).horizontalAdvance(self.text.badge)
                          + 2 * self.theme.px(16))
        if self.text.side_emphasis:
            widths.append(QFontMetrics(self._mark_font).horizontalAdvance(self.text.side_emphasis))
        return max(widths, default=0)

    def _middle_height(self, middle: QRect) -> int:
        height = QFontMetrics(self._title_font).boundingRect(middle, WRAP, self.text.title).height()
        line_metrics = QFontMetrics(self._line_font)
        for line in self.text.lines:
            height += self.theme.px(4) + line_metrics.boundingRect(middle, WRAP, line).height()
        return height

    def _side_height(self) -> int:
        height = 0
        if self.text.side_emphasis:
            height += QFontMetrics(self._mark_font).height()
        if self.text.badge:
            height += QFontMetrics(self._badge_font).height() + self.theme.px(8)
        height += len(self.text.side) * (QFontMetrics(self._line_font).height() + self.theme.px(4))
        return height

    def heightForWidth(self, width: int) -> int:
        if self._height_cache[0] == width:
            return self._height_cache[1]
        _mark, middle, _side = self._columns(width)
        content = max(self._middle_height(middle), self._side_height(),
                      QFontMetrics(self._mark_font).height())
        height = content + 2 * self.theme.px(24)
        self._height_cache = (width, height)
        return height

    # --- painting ---

    def paintEvent(self, _event) -> None:
        t = self.theme
        c = t.colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = t.px(20)
        background = QColor((c.selected or c.primary) if self._pressed else c.surface)
        painter.setBrush(background)
        if t.high_contrast:
            painter.setPen(QColor(c.outline))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), radius, radius)
        ink = QColor(c.on_selected if self._pressed else c.text)
        muted = QColor(c.on_selected if self._pressed else c.muted)
        mark, middle, side = self._columns(self.width())

        if self.text.mark:
            painter.setFont(self._mark_font)
            own = self.text.mark_color and not self._pressed and not t.high_contrast
            painter.setPen(QColor(self.text.mark_color) if own else ink)
            painter.drawText(mark, WRAP, self.text.mark)

        painter.setFont(self._title_font)
        painter.setPen(ink)
        used = painter.boundingRect(middle, WRAP, self.text.title)
        painter.drawText(middle, WRAP, self.text.title)
        y = used.bottom() + t.px(4)
        painter.setFont(self._line_font)
        painter.setPen(muted)
        for line in self.text.lines:
            area = QRect(middle.left(), y, middle.width(), 10_000)
            used = painter.boundingRect(area, WRAP, line)
            painter.drawText(area, WRAP, line)
            y = used.bottom() + t.px(4)

        y = side.top()
        if self.text.side_emphasis:
            painter.setFont(self._mark_font)
            painter.setPen(ink)
            height = QFontMetrics(self._mark_font).height()
            painter.drawText(QRect(side.left(), y, side.width(), height), RIGHT,
                             self.text.side_emphasis)
            y += height
        if self.text.badge:
            painter.setFont(self._badge_font)
            metrics = QFontMetrics(self._badge_font)
            width = metrics.horizontalAdvance(self.text.badge) + 2 * t.px(16)
            box = QRect(side.right() - width, y, width, metrics.height() + t.px(4))
            colour = {"open": c.open, "quota_full": c.warning}.get(self.text.badge_kind, c.closed)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(box), t.px(12), t.px(12))
            painter.setPen(QColor("#000000" if t.high_contrast else "#FFFFFF"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.text.badge)
            y = box.bottom() + t.px(8)
        painter.setFont(self._line_font)
        painter.setPen(muted)
        line_height = QFontMetrics(self._line_font).height()
        for line in self.text.side:
            painter.drawText(QRect(side.left(), y, side.width(), line_height), RIGHT, line)
            y += line_height + t.px(4)

    # --- touch ---

    def on_tap(self) -> None:
        self.clicked.emit()

    def accessible_text(self) -> str:
        """Everything the row says, for tests and screen readers."""
        return " ".join((self.text.mark, self.text.title, *self.text.lines, self.text.badge,
                         self.text.side_emphasis, *self.text.side)).strip()
