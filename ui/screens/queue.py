"""Queue status: per service, who is being served, how many wait, how long it may take."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout

from ui import wording
from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.widgets.common import clear_layout, label
from ui.widgets.painted_row import PaintedRow, RowText
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
        serving = translate("Queue", "Now serving: %1")
        for index, service in enumerate(services):
            state = states[service.code]
            waiting = waiting_text(state.waiting)
            if state.waiting:
                waiting += " · " + wording.wait(state.wait)
            text = RowText(
                mark=service.prefix,
                title=service.name.get(self.lang),
                lines=(self.model.agency(service.agency).short_name, waiting),
                badge=badge_text(state.availability.badge),
                badge_kind=state.availability.badge,
                side_emphasis=serving.replace("%1", ", ".join(state.now_serving))
                if state.now_serving else "",
            )
            grid.addWidget(PaintedRow(text, self.theme, key=service.code), index // columns,
                           index % columns)
        if not services:
            grid.addWidget(label(translate("Queue", "Loading the queue…")), 0, 0)
        self.column.addLayout(grid)
        self.column.addStretch()
