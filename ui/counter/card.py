"""The ticket card of the counter console: the number at this counter (or, muted, the next
one), its service, how long it has waited, its priority and recalls."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.calls import SERVING, QueueTicket
from ui import icons
from ui.counter.common import minutes_text, priority_word, restyle
from ui.counter.waiting import waited_minutes
from ui.i18n import translate
from ui.theme import CONSOLE_NUMBER, SMALLEST, Theme
from ui.widgets.common import label
from ui.widgets.fit_label import FitLabel


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

    def set_priority(self, code: str | None) -> None:
        self.word.setText(priority_word(code) if code else "")
        self.setVisible(bool(code))

    def apply_theme(self, theme: Theme) -> None:
        size = theme.font_px(SMALLEST)
        self.icon.setPixmap(icons.pixmap("priority", size, theme.colors.on_accent))
        self.icon.setFixedSize(size, size)
        self.layout().setContentsMargins(theme.px(8), theme.px(2), theme.px(12), theme.px(2))
        self.layout().setSpacing(theme.px(6))


class TicketCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.state = label("", "state", wrap=False)
        self.priority = PriorityMark()
        self.number = FitLabel("number")  # a device-tagged number is longer; it shrinks to fit
        self.waited = label("", "secondary")
        self.recalls = label("", "secondary")
        self.service = label("", "service")
        self.note = label("", "secondary")
        self.column = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.priority)
        self.column.addLayout(top)
        # The facts beside the number, not under it: the card must fit above the buttons.
        middle = QHBoxLayout()
        middle.addWidget(self.number, 1)
        facts = QVBoxLayout()
        facts.addStretch(1)
        facts.addWidget(self.waited)
        facts.addWidget(self.recalls)
        facts.addStretch(1)
        middle.addLayout(facts, 1)
        self.column.addLayout(middle)
        self.column.addWidget(self.service)
        self.column.addWidget(self.note)
        self.column.addStretch(1)

    def apply_theme(self, theme: Theme) -> None:
        self.column.setContentsMargins(theme.px(20), theme.px(16), theme.px(20), theme.px(16))
        self.column.setSpacing(theme.px(6))
        self.priority.apply_theme(theme)
        # Only as tall as the figures' caps: no room kept for accents or descenders.
        self.number.setFixedHeight(round(theme.font_px(CONSOLE_NUMBER) * 0.92))

    def show_ticket(self, ticket: QueueTicket, now: datetime, lang: str) -> None:
        """The ticket called to or served at this counter."""
        self.state.setText(translate("CounterConsole", "Being served") if ticket.state == SERVING
                           else translate("CounterConsole", "Called"))
        restyle(self.number, "number")
        self._fill(ticket, now, lang)
        self.recalls.setText(translate("CounterConsole", "Recalled %1×").replace(
            "%1", str(ticket.recalls)))
        self.recalls.setVisible(ticket.recalls > 0)
        self.note.setText(translate("CounterConsole", "Transferred from another service"))
        self.note.setVisible(ticket.transferred)

    def show_next(self, ticket: QueueTicket | None, now: datetime, lang: str) -> None:
        """Nobody at the counter: who comes next, muted, so the card is never a blank."""
        self.recalls.hide()
        self.note.hide()
        restyle(self.number, "number-next")
        if ticket is None:
            self.state.setText(translate("CounterConsole", "No one is waiting."))
            for widget in (self.number, self.priority, self.waited, self.service):
                widget.hide()
            return
        self.state.setText(translate("CounterConsole", "Next in line"))
        self._fill(ticket, now, lang)

    def _fill(self, ticket: QueueTicket, now: datetime, lang: str) -> None:
        self.number.setText(ticket.number)
        self.priority.set_priority(ticket.priority)
        self.waited.setText(translate("CounterConsole", "Waited %1").replace(
            "%1", minutes_text(waited_minutes(ticket, now))))
        self.service.setText(ticket.service_name.get(lang)
                             or ticket.service_name.get("id", ticket.service))
        for widget in (self.number, self.waited, self.service):
            widget.show()
