"""A service in a list: name, agency, today's state and how many are waiting."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalog import Agency, Service
from kiosk.local_plaza import ServiceState
from ui.i18n import translate
from ui.theme import Theme
from ui.widgets.common import label
from ui.widgets.tap_card import TapCard


def badge_text(badge: str) -> str:
    return {
        "open": translate("Badge", "Open"),
        "closed": translate("Badge", "Closed"),
        "quota_full": translate("Badge", "Quota full"),
    }[badge]


def waiting_text(waiting: int) -> str:
    return translate("ServiceRow", "%1 waiting").replace("%1", str(waiting))


class ServiceRow(TapCard):
    def __init__(self, service: Service, agency: Agency, state: ServiceState | None, lang: str,
                 theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service_code = service.code
        layout = QHBoxLayout(self)
        pad = theme.px(24)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(20))
        prefix = label(service.prefix, "section", wrap=False)
        prefix.setFixedWidth(theme.px(84))
        texts = QVBoxLayout()
        texts.setSpacing(theme.px(4))
        self.name = label(service.name.get(lang))
        self.name.setStyleSheet("font-weight: bold;")
        texts.addWidget(self.name)
        texts.addWidget(label(agency.short_name, "secondary"))
        side = QVBoxLayout()
        side.setSpacing(theme.px(8))
        if state is not None:
            badge = label(badge_text(state.availability.badge), f"badge-{state.availability.badge}",
                          wrap=False)
            side.addWidget(badge)
            side.addWidget(label(waiting_text(state.waiting), "secondary", wrap=False))
        side.addStretch()
        layout.addWidget(prefix)
        layout.addLayout(texts, 1)
        layout.addLayout(side)
