"""The waiting list of a counter console: painted rows (a busy queue re-renders every few
seconds; styled labels per row would cost a frame each time), tap to select one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.calls import QueueTicket
from ui import icons
from ui.counter.common import minutes_text, priority_word
from ui.i18n import translate
from ui.theme import CONSOLE_TARGET, SMALLEST, Theme
from ui.widgets.painted_row import TouchRow
from ui.widgets.scroll import TouchScroll

WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


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

    def _columns(self, width: int) -> tuple[QRect, QRect, QRect]:
        px = self.theme.px
        pad, gap = px(16), px(16)
        metrics = QFontMetrics(self._number_font)
        # Aligned across rows; a device-tagged number (A-K7-012) takes the room it needs.
        number_width = max(metrics.horizontalAdvance("W-000"),
                           metrics.horizontalAdvance(self.ticket.number if self.ticket else ""))
        side_width = QFontMetrics(self._small_font).horizontalAdvance(self.waited or "000 min")
        number = QRect(pad, pad, number_width, 10_000)
        side = QRect(width - pad - side_width, pad, side_width, 10_000)
        left = number.right() + gap
        middle = QRect(left, pad, max(1, side.left() - gap - left), 10_000)
        return number, middle, side

    def _mark_height(self) -> int:
        return QFontMetrics(self._mark_font).height() + self.theme.px(8)

    def heightForWidth(self, width: int) -> int:
        if self._height[0] == width:
            return self._height[1]
        _number, middle, _side = self._columns(width)
        px = self.theme.px
        content = QFontMetrics(self._text_font).boundingRect(middle, WRAP, self.name).height()
        if self.mark or self.note:
            content += px(8) + self._mark_height()
        content = max(content, QFontMetrics(self._number_font).height())
        height = max(px(CONSOLE_TARGET), content + 2 * px(16))
        self._height = (width, height)
        return height

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
        number, middle, side = self._columns(self.width())
        painter.setFont(self._number_font)
        painter.setPen(ink)
        painter.drawText(number, WRAP, self.ticket.number if self.ticket else "")
        painter.setFont(self._text_font)
        used = painter.boundingRect(middle, WRAP, self.name)
        painter.drawText(middle, WRAP, self.name)
        painter.setFont(self._small_font)
        painter.setPen(muted)
        painter.drawText(side, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, self.waited)
        x, y = middle.left(), used.bottom() + px(8)
        if self.mark:
            x = self._paint_mark(painter, x, y) + px(12)
        if self.note:
            painter.setFont(self._mark_font)
            painter.setPen(muted)
            painter.drawText(QRect(x, y, middle.right() - x, self._mark_height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.note)

    def _paint_mark(self, painter: QPainter, x: int, y: int) -> int:
        """A gold pill with the priority icon and word; returns its right edge."""
        c, px = self.theme.colors, self.theme.px
        metrics = QFontMetrics(self._mark_font)
        height = self._mark_height()
        icon_size = metrics.height() - px(2)
        width = px(8) + icon_size + px(6) + metrics.horizontalAdvance(self.mark) + px(12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c.accent))
        painter.drawRoundedRect(QRectF(x, y, width, height), px(8), px(8))
        icon_top = y + (height - icon_size) // 2
        painter.drawPixmap(x + px(8), icon_top, icons.pixmap("priority", icon_size, c.on_accent))
        painter.setFont(self._mark_font)
        painter.setPen(QColor(c.on_accent))
        painter.drawText(QRect(x + px(14) + icon_size, y, width, height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.mark)
        return x + width

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
