"""Information and complaints: where the plaza is, and how to complain (SP4N-LAPOR)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.theme import MARGIN
from ui.widgets.common import card, clear_layout, label
from ui.widgets.complaint import complaint_card


class InfoScreen(ScrollScreen):
    name = "info"

    def render(self) -> None:
        clear_layout(self.column)
        plaza = self.model.catalog.plaza
        pad = self.theme.px(MARGIN)
        self.column.addWidget(label(translate("Info", "Information & complaints"), "title"))

        about = card()
        about_layout = QVBoxLayout(about)
        about_layout.setContentsMargins(pad, pad, pad, pad)
        about_layout.addWidget(label(plaza.name.get(self.lang), "section"))
        if plaza.address:
            about_layout.addWidget(label(plaza.address))
        about_layout.addWidget(label(translate(
            "Info", "Most services open Monday to Friday from 08:00. Each service shows its own "
            "hours for today."), "secondary"))
        about_layout.addWidget(label(translate(
            "Info", "Services here are free unless a fee is shown. Do not pay anyone extra."),
            "secondary"))
        self.column.addWidget(about)

        self.column.addWidget(complaint_card(
            translate("Info", "Not satisfied? Tell us."),
            translate("Info", "Send a complaint to SP4N-LAPOR!, the government's public complaint "
                      "service: lapor.go.id, or an SMS to 1708. You can also ask the information "
                      "desk."), pad, self.theme.px(240)))

        if self.model.catalog.sample:
            self.column.addWidget(label(translate(
                "Info", "This kiosk shows sample data for demonstration."), "secondary"))
        self.column.addStretch()
