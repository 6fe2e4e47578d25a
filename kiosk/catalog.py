"""The plaza catalog: plain, immutable records, and the limits of the catalog format.

Catalog files are checked by `kiosk.catalog_format` (pydantic), which makes these records;
the rest of the code uses only the records, so a device that reads its catalog from its
store never loads the checking.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from kiosk.vocabulary import Text, TextList

FORMAT = "plaza-catalog/1"
CATALOG_MAX_BYTES = 5_000_000  # the sample of 45 services is under 100 KB
# The hosts a service's QR link may point to when a plaza's catalog names none of its own
# (`plaza.link_hosts`): South Kalimantan's and the national agencies' domains.
DEFAULT_LINK_HOSTS = (
    "banjarmasinkota.go.id", "kalselprov.go.id", "polri.go.id", "imigrasi.go.id",
    "bpjs-kesehatan.go.id", "bpjsketenagakerjaan.go.id", "pajak.go.id",
    "oss.go.id", "atrbpn.go.id", "kemenag.go.id", "bankkalsel.co.id", "lapor.go.id",
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CATEGORY_ICONS = frozenset(
    {"id-card", "briefcase", "heart", "car", "shield", "wallet", "droplet", "home", "book", "globe"}
)
NAME_MAX = 120
TEXT_MAX = 600
ITEM_MAX = 300
ITEMS_MAX = 30
MAX_QUOTA = 999  # three-digit ticket numbers

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Plaza:
    code: str
    name: Text
    city: str
    timezone: str
    address: str = ""
    friday_break: tuple[time, time] | None = None


@dataclass(frozen=True)
class Category:
    code: str
    name: Text
    icon: str


@dataclass(frozen=True)
class Agency:
    code: str
    short_name: str
    name: Text
    color: str


@dataclass(frozen=True)
class Service:
    code: str
    agency: str
    category: str
    prefix: str
    name: Text
    description: Text
    requirements: TextList
    steps: TextList
    fee: int
    duration_minutes: int
    counters: tuple[str, ...]
    hours: Mapping[int, tuple[time, time]]  # weekday (Monday=0) -> open, close
    fee_note: Text | None = None
    info_url: str = ""
    priority_allowed: bool = True
    daily_quota: int | None = None
    last_number: time | None = None


@dataclass(frozen=True)
class Holiday:
    day: date
    name: Text


@dataclass(frozen=True)
class Catalog:
    plaza: Plaza
    categories: tuple[Category, ...]
    agencies: tuple[Agency, ...]
    services: tuple[Service, ...]
    holidays: tuple[Holiday, ...] = ()
    announcements: tuple[Text, ...] = ()
    sample: bool = False


@dataclass
class LoadReport:
    catalog: Catalog
    problems: list[str] = field(default_factory=list)
    # The accepted entries in the catalog format, only the format's fields, with the link hosts
    # they were checked against: what a city server stores and sends to every device, so each
    # device holds the same catalog as the server.
    document: dict[str, Any] = field(default_factory=dict)


class CatalogError(Exception):
    """The catalog as a whole cannot be used (not JSON, wrong format, no plaza)."""


# --- times as the format writes them (also the store's copy) ---


def hhmm(value: Any) -> time:
    """`08:00` as a time; ValueError in the words a catalog editor reads after the field."""
    if not isinstance(value, str) or not _HHMM.match(value):
        raise ValueError("must be a time like 08:00")
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def parse_hhmm(value: Any, what: str) -> time:
    """An `HH:MM` time of the catalog (or of the store's copy of it)."""
    try:
        return hhmm(value)
    except ValueError as error:
        raise ValueError(f"{what} {error}") from None
