"""The plaza's words, declared once: a ticket's states, the priority groups, the roles of
devices, and a text in both languages. The store, the sync protocol, the city server and the
screens all use these, so a state is never a string typed twice."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TicketState(StrEnum):
    """Where a ticket stands (DESIGN §3): waiting -> called -> serving -> done; called ->
    no_show after the recalls; waiting -> cancelled (a take its kiosk withdrew, which no
    visitor holds). A transfer puts a ticket back to waiting in another service's queue."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


ACTIVE_STATES = (TicketState.WAITING, TicketState.CALLED, TicketState.SERVING)


class Priority(StrEnum):
    """Groups given special service (UU 25/2009 on public services)."""

    ELDERLY = "lansia"
    DISABILITY = "disabilitas"
    PREGNANT = "ibu_hamil"


class Role(StrEnum):
    """What an enrolled device is to the city server."""

    KIOSK = "kiosk"  # issues tickets
    COUNTER = "counter"  # a staff console: calls tickets
    DISPLAY = "display"  # the hall's board: reads only
    ADMIN = "admin"  # a script that changes the catalog


DEVICE_ROLES = (Role.KIOSK, Role.COUNTER, Role.DISPLAY)  # the app's modes; admin is a script


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class TextList:
    """Items (requirements, steps) in both languages, item for item."""

    id: tuple[str, ...]
    en: tuple[str, ...]

    def get(self, lang: str) -> tuple[str, ...]:
        return self.en if lang == "en" else self.id


# SP4N-LAPOR!, the government's public complaint service: on the kiosk, the slip, the phone page.
LAPOR_URL = "https://www.lapor.go.id"
