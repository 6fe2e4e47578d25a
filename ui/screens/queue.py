"""Queue status: per service, who is being served, how many wait, how long it may take."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from ui import wording
from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.widgets.common import card, clear_layout, label
from ui.widgets.service_row import badge_text, waiting_text


class QueueScreen(ScrollScreen):
    name = "queue"

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        model.statesChanged.connect(self._refresh)

    def _refresh(self) -> None:
        if self.isVisible():
            self.render()

    def render(self) -> None:
        clear_layout(self.column)
        self.column.addWidget(label(translate("Queue", "Queue status"), "title"))
        self.column.addWidget(label(
            translate("Queue", "Busiest services first. This page updates by itself."), "secondary"))
        states = self.model.states
        services = [s for s in self.model.catalog.services if s.code in states]
        # Services with people waiting or being served first, then open ones, then the rest.
        services.sort(key=lambda s: (-(states[s.code].waiting + len(states[s.code].now_serving)),
                                     not states[s.code].availability.can_issue))
        columns = 2 if self.theme.landscape else 1
        grid = QGridLayout()
        grid.setSpacing(self.theme.px(20))
        pad = self.theme.px(24)
        for index, service in enumerate(services):
            state = states[service.code]
            box = card()
            layout = QHBoxLayout(box)
            layout.setContentsMargins(pad, pad, pad, pad)
            layout.setSpacing(self.theme.px(20))
            texts = QVBoxLayout()
            name = label(service.name.get(self.lang))
            name.setStyleSheet("font-weight: bold;")
            texts.addWidget(name)
            texts.addWidget(label(self.model.agency(service.agency).short_name, "secondary"))
            waiting = waiting_text(state.waiting)
            if state.waiting:
                waiting += " · " + wording.wait(state.wait)
            texts.addWidget(label(waiting, "secondary"))
            side = QVBoxLayout()
            side.addWidget(label(translate("Queue", "Now serving"), "secondary", wrap=False))
            side.addWidget(label(", ".join(state.now_serving) or "—", "section", wrap=False))
            side.addWidget(label(badge_text(state.availability.badge),
                                 f"badge-{state.availability.badge}", wrap=False))
            layout.addLayout(texts, 1)
            layout.addLayout(side)
            grid.addWidget(box, index // columns, index % columns)
        if not services:
            grid.addWidget(label(translate("Queue", "Loading the queue…")), 0, 0)
        self.column.addLayout(grid)
        self.column.addStretch()
