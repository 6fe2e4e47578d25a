"""The waiting list of a counter console: painted rows (a busy queue re-renders every few
seconds; styled labels per row would cost a frame each time), tap to select one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.calls import QueueTicket
from ui import icons
from ui.counter.common import minutes_text, priority_icon, priority_word
from ui.i18n import translate
from ui.theme import CONSOLE_TARGET, SMALLEST, Theme
from ui.widgets.common import unbroken
from ui.widgets.painted_row import TouchRow
from ui.widgets.painted_text import PaintedText
from ui.widgets.scroll import TouchScroll

WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
LINE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class _RowLayout:
    number: QRect
    waited: QRect
    name: QRect
    mark: QRect  # the priority pill (empty: none)
    note: QRect  # "Transferred" (empty: none)
    height: int


def waited_minutes(ticket: QueueTicket, now: datetime) -> int:
    """Whole minutes since the number was taken (its original time, also after a transfer)."""
    return max(0, int((now - ticket.issued_at).total_seconds() // 60))


class WaitingRow(TouchRow):
    """Number | service name (wrapped) with priority mark | minutes waited."""

    tapped = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.ticket: QueueTicket | None = None
        self.name = ""
        self.waited = ""
        self.mark = ""  # the priority word, empty for none
        self.note = ""  # "Transferred"
        self.selected = False
        self._pressed = False
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._height: tuple[int, int] = (-1, 0)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._number_font = QFont("Noto Sans")
        self._number_font.setPixelSize(theme.font_px(30))
        self._number_font.setBold(True)
        self._text_font = QFont("Noto Sans")
        self._text_font.setPixelSize(theme.font_px(SMALLEST))
        self._small_font = QFont("Noto Sans")
        self._small_font.setPixelSize(theme.font_px(SMALLEST))
        self._mark_font = QFont(self._small_font)
        self._mark_font.setBold(True)
        self._forget_height()

    def set_ticket(self, ticket: QueueTicket, lang: str, now: datetime, selected: bool) -> None:
        self.ticket = ticket
        self.name = ticket.service_name.get(lang) or ticket.service_name.get("id", ticket.service)
        self.waited = minutes_text(waited_minutes(ticket, now))
        self.mark = priority_word(ticket.priority) if ticket.priority else ""
        self.note = translate("CounterConsole", "Transferred") if ticket.transferred else ""
        self.selected = selected
        self.setAccessibleName(self.accessible_text())
        self._forget_height()
        self.update()

    def accessible_text(self) -> str:
        number = self.ticket.number if self.ticket else ""
        return " ".join(part for part in (number, self.name, self.mark, self.note, self.waited) if part)

    # --- geometry ---

    def _forget_height(self) -> None:
        self._height = (-1, 0)
        self.updateGeometry()

    def _layout(self, width: int) -> _RowLayout:
        """Where each part of the row goes at `width`: the number with the minutes waited
        under it on the left, the service name wrapping beside them, the priority pill and
        the transfer note below (the note on a line of its own when they do not fit side by
        side). Painting, height and layout checks all read this one answer."""
        px = self.theme.px
        pad, gap = px(16), px(16)
        number_metrics = QFontMetrics(self._number_font)
        small = QFontMetrics(self._small_font)
        # Aligned across rows; a device-tagged number (A-K7-012) takes the room it needs.
        column = max(number_metrics.horizontalAdvance("W-000"),
                     number_metrics.horizontalAdvance(self.ticket.number if self.ticket else ""),
                     small.horizontalAdvance(minutes_text(888)), small.horizontalAdvance(self.waited))
        number = QRect(pad, pad, column, number_metrics.height())
        waited = QRect(pad, number.bottom() + 1, column, small.height())
        left = pad + column + gap
        room = max(1, width - pad - left)
        name_height = QFontMetrics(self._text_font).boundingRect(
            QRect(left, pad, room, 10_000), WRAP, unbroken(self.name)).height()
        name = QRect(left, pad, room, name_height)
        bottom = max(waited.bottom(), name.bottom()) + 1
        mark = note = QRect()
        mark_metrics = QFontMetrics(self._mark_font)
        line = self._mark_height()
        inside = width - 2 * pad
        x, y = pad, bottom + px(8)
        if self.mark:
            icon = mark_metrics.height() - px(2)
            mark = QRect(x, y, min(inside, px(8) + icon + px(6)
                                   + mark_metrics.horizontalAdvance(self.mark) + px(12)), line)
            x = mark.right() + 1 + px(12)
        if self.note:
            note_width = mark_metrics.horizontalAdvance(self.note) + px(2)
            if self.mark and x + note_width > width - pad:
                x, y = pad, mark.bottom() + 1 + px(6)
            note = QRect(x, y, min(note_width, width - pad - x), line)
        if self.mark or self.note:
            bottom = max(mark.bottom(), note.bottom()) + 1
        return _RowLayout(number, waited, name, mark, note, bottom + pad)

    def _mark_height(self) -> int:
        return QFontMetrics(self._mark_font).height() + self.theme.px(8)

    def heightForWidth(self, width: int) -> int:
        if self._height[0] == width:
            return self._height[1]
        height = max(self.theme.px(CONSOLE_TARGET), self._layout(width).height)
        self._height = (width, height)
        return height

    def painted_texts(self) -> list[PaintedText]:
        """What the row draws, where, for layout checks."""
        parts = self._layout(self.width())
        texts = [PaintedText(self.ticket.number if self.ticket else "", self._number_font,
                             parts.number, wrap=False),
                 PaintedText(self.waited, self._small_font, parts.waited, wrap=False),
                 PaintedText(unbroken(self.name), self._text_font, parts.name)]
        if self.mark:
            texts.append(PaintedText(self.mark, self._mark_font, self._mark_text(parts.mark),
                                     wrap=False))
        if self.note:
            texts.append(PaintedText(self.note, self._mark_font, parts.note, wrap=False))
        return texts

    def _mark_text(self, pill: QRect) -> QRect:
        icon = QFontMetrics(self._mark_font).height() - self.theme.px(2)
        left = pill.left() + self.theme.px(14) + icon
        return QRect(left, pill.top(), pill.right() + 1 - left, pill.height())

    # --- painting ---

    def paintEvent(self, _event) -> None:
        t, c, px = self.theme, self.theme.colors, self.theme.px
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        filled = self.selected or self._pressed
        painter.setBrush(QColor((c.selected or c.primary) if filled else c.surface))
        painter.setPen(QColor(c.outline) if t.high_contrast else Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), px(14), px(14))
        ink = QColor(c.on_selected if filled else c.text)
        muted = QColor(c.on_selected if filled else c.muted)
        parts = self._layout(self.width())
        painter.setFont(self._number_font)
        painter.setPen(ink)
        painter.drawText(parts.number, LINE, self.ticket.number if self.ticket else "")
        painter.setFont(self._text_font)
        painter.drawText(parts.name, WRAP, unbroken(self.name))  # never "KTP-" and "el"
        painter.setFont(self._small_font)
        painter.setPen(muted)
        painter.drawText(parts.waited, LINE, self.waited)
        if self.mark:
            self._paint_mark(painter, parts.mark)
        if self.note:
            painter.setFont(self._mark_font)
            painter.setPen(muted)
            painter.drawText(parts.note, LINE, self.note)

    def _paint_mark(self, painter: QPainter, pill: QRect) -> None:
        """A gold pill with the priority group's own icon and word."""
        c, px = self.theme.colors, self.theme.px
        icon_size = QFontMetrics(self._mark_font).height() - px(2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c.accent))
        painter.drawRoundedRect(QRectF(pill), px(8), px(8))
        icon_top = pill.top() + (pill.height() - icon_size) // 2
        group = self.ticket.priority if self.ticket else None
        painter.drawPixmap(pill.left() + px(8), icon_top,
                           icons.pixmap(priority_icon(group), icon_size, c.on_accent))
        painter.setFont(self._mark_font)
        painter.setPen(QColor(c.on_accent))
        painter.drawText(self._mark_text(pill), LINE, self.mark)

    # --- touch ---

    def on_tap(self) -> None:
        if self.ticket:
            self.tapped.emit(self.ticket.id)


class WaitingList(TouchScroll):
    """Rows in call order. Rows are reused between updates, so a day of updates creates
    no more widgets than the longest queue."""

    rowTapped = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        content = QWidget()
        super().__init__(content, parent)
        self.theme = theme
        self.column = QVBoxLayout(content)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addStretch()
        self.rows: list[WaitingRow] = []

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.column.setSpacing(theme.px(10))
        self.set_fade_color(theme.colors.background)
        for row in self.rows:
            row.apply_theme(theme)

    def set_tickets(self, tickets: tuple[QueueTicket, ...], lang: str, now: datetime,
                    selected: str) -> None:
        while len(self.rows) < len(tickets):
            row = WaitingRow(self.theme)
            row.tapped.connect(self.rowTapped.emit)
            self.column.insertWidget(len(self.rows), row)
            self.rows.append(row)
        for row, ticket in zip(self.rows, tickets, strict=False):
            row.set_ticket(ticket, lang, now, ticket.id == selected)
            row.show()
        for row in self.rows[len(tickets):]:
            row.ticket = None
            row.hide()

    def visible_rows(self) -> list[WaitingRow]:
        return [row for row in self.rows if row.ticket is not None]
