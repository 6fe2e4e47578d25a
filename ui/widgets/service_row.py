"""A service in a list: name, agency, today's state and how many are waiting."""

from __future__ import annotations

from kiosk.catalog import Agency, Service
from kiosk.local_plaza import ServiceState
from ui.i18n import translate
from ui.theme import Theme
from ui.widgets.painted_row import PaintedRow, RowText


def badge_text(badge: str) -> str:
    return {
        "open": translate("Badge", "Open"),
        "closed": translate("Badge", "Closed"),
        "quota_full": translate("Badge", "Quota full"),
    }[badge]


def waiting_text(waiting: int) -> str:
    return translate("ServiceRow", "%1 waiting").replace("%1", str(waiting))


def service_row(service: Service, agency: Agency, state: ServiceState | None, lang: str,
                theme: Theme) -> PaintedRow:
    """A tappable row; its `key` is the service code."""
    text = RowText(
        mark=service.prefix,
        title=service.name.get(lang),
        lines=(agency.short_name,),
        badge=badge_text(state.availability.badge) if state else "",
        badge_kind=state.availability.badge if state else "",
        side=(waiting_text(state.waiting),) if state else (),
    )
    return PaintedRow(text, theme, key=service.code)
