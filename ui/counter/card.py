"""The ticket card of the counter console: the number at this counter (or, muted, the next
one), its service, how long it has waited, its priority and recalls."""

from __future__ import annotations

import math
from datetime import datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.calls import QueueTicket
from kiosk.vocabulary import TicketState
from ui import icons
from ui.counter.common import minutes_text, priority_icon, priority_word
from ui.counter.waiting import waited_minutes
from ui.i18n import translate
from ui.theme import CONSOLE_NUMBER, SMALLEST, Theme
from ui.widgets.common import label
from ui.widgets.painted_text import PaintedText

NUMBER_MIN = 44  # px at scale 1: the smallest the called number gets in a crowded card


class PriorityMark(QFrame):
    """Icon and word on the accent colour: never colour alone (UI-GUIDE)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "priority")
        self.icon = label("", wrap=False)
        self.word = label("", wrap=False)
        row = QHBoxLayout(self)
        row.addWidget(self.icon)
        row.addWidget(self.word)
        self.code: str | None = None
        self.theme: Theme | None = None

    def set_priority(self, code: str | None) -> None:
        self.code = code
        self.word.setText(priority_word(code) if code else "")
        self._draw_icon()
        self.setVisible(bool(code))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._draw_icon()
        self.layout().setContentsMargins(theme.px(8), theme.px(2), theme.px(12), theme.px(2))
        self.layout().setSpacing(theme.px(6))

    def _draw_icon(self) -> None:
        if self.theme is None:
            return
        size = self.theme.font_px(SMALLEST)
        self.icon.setPixmap(icons.pixmap(priority_icon(self.code), size, self.theme.colors.on_accent))
        self.icon.setFixedSize(size, size)


class CallNumber(QLabel):
    """The ticket's number, as big as its box allows and never above CONSOLE_NUMBER: the card
    gives it the height its other lines leave, so a long service name or a device-tagged
    number (A-K7-012) makes it smaller instead of pushing the buttons or being cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.muted = False  # who comes next, not who is called
        self.theme: Theme | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_number(self, text: str, muted: bool) -> None:
        if (text, muted) != (self.text(), self.muted):
            self.muted = muted
            self.setText(text)
            self.update()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setMinimumHeight(math.ceil(QFontMetricsF(self._font(theme.font_px(NUMBER_MIN))).height()))
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """Its full width, but only its least height: it grows into whatever height the
        card has left (its policy expands), and never asks the card for more."""
        if self.theme is None:
            return super().sizeHint()
        metrics = QFontMetricsF(self._font(self.theme.font_px(CONSOLE_NUMBER)))
        return QSize(math.ceil(metrics.horizontalAdvance(self.text() or "A-000")),
                     self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.theme.px(120) if self.theme else 0, self.minimumHeight())

    @staticmethod
    def _font(px: int) -> QFont:
        font = QFont("Noto Sans")
        font.setPixelSize(max(1, px))
        font.setBold(True)
        font.setFeature(QFont.Tag("tnum"), 1)
        return font

    def fitted_font(self) -> QFont:
        """The largest size whose line fits the box's height and whose number fits its width."""
        size = self.theme.font_px(CONSOLE_NUMBER) if self.theme else 24
        font = self._font(size)
        metrics = QFontMetricsF(font)
        ratio = min(1.0, self.height() / metrics.height(),
                    self.width() / max(1.0, metrics.horizontalAdvance(self.text())))
        font = self._font(int(size * ratio))
        while font.pixelSize() > 1 and (
                QFontMetricsF(font).height() > self.height()
                or QFontMetricsF(font).horizontalAdvance(self.text()) > self.width()):
            font.setPixelSize(font.pixelSize() - 1)
        return font

    def painted_texts(self) -> list[PaintedText]:
        return [PaintedText(self.text(), self.fitted_font(), self.rect(), wrap=False)]

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.text() or self.theme is None:
            return
        c = self.theme.colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.fitted_font())
        ink = c.muted if self.muted else (c.accent if self.theme.high_contrast else c.primary)
        painter.setPen(QColor(ink))
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.text())
        painter.end()


class TicketCard(QFrame):
    """The ticket at the counter, top to bottom: its state and priority mark; its number with
    beside it how long it waited, how often it was recalled and whether it came from another
    service's queue; its service. The number takes what height the rest leaves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.state = label("", "state")
        self.priority = PriorityMark()
        self.number = CallNumber()
        self.waited = label("", "secondary", wrap=False)  # short; the number gives way
        self.recalls = label("", "secondary", wrap=False)
        self.service = label("")  # body size: the longest catalog names fit in four lines
        self.note = label("", "secondary", wrap=False)
        self.column = QVBoxLayout(self)
        self.top = QHBoxLayout()
        self.top.addWidget(self.state, 1)
        self.top.addWidget(self.priority, 0, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(self.top)
        # The facts beside the number, not under it: the card must fit above the buttons.
        self.middle = QHBoxLayout()
        self.middle.addWidget(self.number, 1)
        facts = QVBoxLayout()
        facts.addStretch(1)
        facts.addWidget(self.waited)
        facts.addWidget(self.recalls)
        facts.addWidget(self.note)
        facts.addStretch(1)
        self.middle.addLayout(facts)
        self.column.addLayout(self.middle, 1)
        self.column.addWidget(self.service)

    def apply_theme(self, theme: Theme) -> None:
        self.column.setContentsMargins(theme.px(20), theme.px(14), theme.px(20), theme.px(14))
        self.column.setSpacing(theme.px(6))
        self.top.setSpacing(theme.px(12))
        self.middle.setSpacing(theme.px(16))
        self.priority.apply_theme(theme)
        self.number.apply_theme(theme)

    def show_ticket(self, ticket: QueueTicket, now: datetime, lang: str) -> None:
        """The ticket called to or served at this counter."""
        self.state.setText(translate("CounterConsole", "Being served") if ticket.state == TicketState.SERVING
                           else translate("CounterConsole", "Called"))
        self._fill(ticket, now, lang, muted=False)
        self.recalls.setText(translate("CounterConsole", "Recalled %1×").replace(
            "%1", str(ticket.recalls)))
        self.recalls.setVisible(ticket.recalls > 0)
        self.note.setText(translate("CounterConsole", "Transferred"))  # from another queue
        self.note.setVisible(ticket.transferred)

    def show_next(self, ticket: QueueTicket | None, now: datetime, lang: str) -> None:
        """Nobody at the counter: who comes next, muted, so the card is never a blank."""
        self.recalls.hide()
        self.note.hide()
        if ticket is None:
            self.state.setText(translate("CounterConsole", "No one is waiting."))
            for widget in (self.number, self.priority, self.waited, self.service):
                widget.hide()
            return
        self.state.setText(translate("CounterConsole", "Next in line"))
        self._fill(ticket, now, lang, muted=True)

    def _fill(self, ticket: QueueTicket, now: datetime, lang: str, *, muted: bool) -> None:
        self.number.set_number(ticket.number, muted)
        self.priority.set_priority(ticket.priority)
        self.waited.setText(translate("CounterConsole", "Waited %1").replace(
            "%1", minutes_text(waited_minutes(ticket, now))))
        self.service.setText(ticket.service_name.get(lang)
                             or ticket.service_name.get("id", ticket.service))
        for widget in (self.number, self.waited, self.service):
            widget.show()
