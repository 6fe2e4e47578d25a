"""The plaza catalog: plain, immutable records and the validation of catalog files.

The format is described in docs/catalog-format.md. A bad entry is refused on its own
(with a problem naming it) and the rest of the catalog loads.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

FORMAT = "plaza-catalog/1"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CATEGORY_ICONS = frozenset(
    {"id-card", "briefcase", "heart", "car", "shield", "wallet", "droplet", "home", "book", "globe"}
)
NAME_MAX = 120
TEXT_MAX = 600
ITEM_MAX = 300
ITEMS_MAX = 30
MAX_QUOTA = 999  # three-digit ticket numbers

_CODE = re.compile(r"^[a-z0-9-]{2,40}$")
_PREFIX = re.compile(r"^[A-Z]{1,2}$")
_COUNTER = re.compile(r"^[0-9A-Za-z-]{1,12}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class TextList:
    id: tuple[str, ...]
    en: tuple[str, ...]

    def get(self, lang: str) -> tuple[str, ...]:
        return self.en if lang == "en" else self.id


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


class CatalogError(Exception):
    """The catalog as a whole cannot be used (not JSON, wrong format, no plaza)."""


class _Bad(ValueError):
    pass


# --- field readers: each raises _Bad with a message a catalog editor understands ---


def _need(entry: Mapping[str, Any], key: str) -> Any:
    if key not in entry or entry[key] is None:
        raise _Bad(f"missing {key!r}")
    return entry[key]


def _code(entry: Mapping[str, Any]) -> str:
    code = _need(entry, "code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise _Bad("'code' must be 2-40 lower-case letters, digits or '-'")
    return code


def _text(entry: Mapping[str, Any], key: str, limit: int) -> Text:
    value = _need(entry, key)
    if not isinstance(value, Mapping):
        raise _Bad(f"{key!r} must have 'id' and 'en' texts")
    texts = []
    for lang in ("id", "en"):
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise _Bad(f"{key!r} has no {lang!r} text")
        if len(text) > limit:
            raise _Bad(f"{key!r} ({lang}) is longer than {limit} characters")
        texts.append(text.strip())
    return Text(*texts)


def _text_list(entry: Mapping[str, Any], key: str) -> TextList:
    value = entry.get(key) or {"id": [], "en": []}
    if not isinstance(value, Mapping):
        raise _Bad(f"{key!r} must have 'id' and 'en' lists")
    lists = []
    for lang in ("id", "en"):
        items = value.get(lang)
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise _Bad(f"{key!r} ({lang}) must be a list of texts")
        if len(items) > ITEMS_MAX:
            raise _Bad(f"{key!r} ({lang}) has more than {ITEMS_MAX} items")
        if any(len(i) > ITEM_MAX for i in items):
            raise _Bad(f"{key!r} ({lang}) has an item longer than {ITEM_MAX} characters")
        lists.append(tuple(i.strip() for i in items))
    if len(lists[0]) != len(lists[1]):
        raise _Bad(f"{key!r} has {len(lists[0])} items in 'id' but {len(lists[1])} in 'en'")
    return TextList(*lists)


def _int(entry: Mapping[str, Any], key: str, low: int, high: int, default: Any = ...) -> Any:
    if default is not ... and entry.get(key) is None:
        return default
    value = _need(entry, key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Bad(f"{key!r} must be a whole number from {low} to {high}")
    return value


def parse_hhmm(value: Any, what: str) -> time:
    if not isinstance(value, str) or not _HHMM.match(value):
        raise _Bad(f"{what} must be a time like 08:00")
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def _hours(entry: Mapping[str, Any]) -> dict[int, tuple[time, time]]:
    hours = _need(entry, "hours")
    if not isinstance(hours, Mapping):
        raise _Bad("'hours' must map weekdays to [open, close]")
    unknown = set(hours) - set(WEEKDAYS)
    if unknown:
        raise _Bad(f"'hours' has unknown day(s) {sorted(unknown)}; use {', '.join(WEEKDAYS)}")
    result = {}
    for index, day in enumerate(WEEKDAYS):
        span = hours.get(day)
        if span is None:
            continue
        if not isinstance(span, list) or len(span) != 2:
            raise _Bad(f"'hours.{day}' must be [open, close] or null")
        opens, closes = (parse_hhmm(t, f"'hours.{day}'") for t in span)
        if opens >= closes:
            raise _Bad(f"'hours.{day}' closes before it opens")
        result[index] = (opens, closes)
    return result


def _url(entry: Mapping[str, Any], allowed_hosts: Iterable[str]) -> str:
    url = entry.get("info_url") or ""
    if not url:
        return ""
    if not isinstance(url, str) or len(url) > 300:
        raise _Bad("'info_url' must be a web address")
    if not url_allowed(url, allowed_hosts):
        raise _Bad(f"'info_url' {url[:80]!r} is not https on an allowed host")
    return url


def url_allowed(url: str, allowed_hosts: Iterable[str]) -> bool:
    """True for an https URL whose host is an allowed host or one of its subdomains."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    return any(host == allowed or host.endswith("." + allowed) for allowed in allowed_hosts)


def _plaza(entry: Any) -> Plaza:
    if not isinstance(entry, Mapping):
        raise _Bad("'plaza' must be an object")
    friday = entry.get("friday_break")
    friday_break = None
    if friday is not None:
        if not isinstance(friday, list) or len(friday) != 2:
            raise _Bad("'friday_break' must be [start, end]")
        friday_break = (parse_hhmm(friday[0], "friday_break"), parse_hhmm(friday[1], "friday_break"))
    city = entry.get("city") or ""
    return Plaza(
        code=_code(entry),
        name=_text(entry, "name", NAME_MAX),
        city=city if isinstance(city, str) else "",
        timezone=str(entry.get("timezone") or "Asia/Makassar"),
        address=str(entry.get("address") or ""),
        friday_break=friday_break,
    )


def _category(entry: Mapping[str, Any]) -> Category:
    icon = entry.get("icon", "list")
    return Category(
        code=_code(entry),
        name=_text(entry, "name", NAME_MAX),
        icon=icon if icon in CATEGORY_ICONS else "list",
    )


def _agency(entry: Mapping[str, Any]) -> Agency:
    short = _need(entry, "short_name")
    if not isinstance(short, str) or not 1 <= len(short) <= 40:
        raise _Bad("'short_name' must be 1-40 characters")
    color = entry.get("color") or "#0E5A7A"
    if not isinstance(color, str) or not re.match(r"^#[0-9A-Fa-f]{6}$", color):
        raise _Bad("'color' must be like #0E5A7A")
    return Agency(code=_code(entry), short_name=short, name=_text(entry, "name", NAME_MAX),
                  color=color.upper())


def _service(entry: Mapping[str, Any], allowed_hosts: Iterable[str]) -> Service:
    prefix = _need(entry, "prefix")
    if not isinstance(prefix, str) or not _PREFIX.match(prefix):
        raise _Bad("'prefix' must be 1-2 capital letters")
    counters = _need(entry, "counters")
    if (
        not isinstance(counters, list)
        or not 1 <= len(counters) <= 20
        or not all(isinstance(c, str) and _COUNTER.match(c) for c in counters)
    ):
        raise _Bad("'counters' must list 1-20 counter names of at most 12 characters")
    last = entry.get("last_number")
    priority = entry.get("priority_allowed", True)
    if not isinstance(priority, bool):
        raise _Bad("'priority_allowed' must be true or false")
    return Service(
        code=_code(entry),
        agency=str(_need(entry, "agency")),
        category=str(_need(entry, "category")),
        prefix=prefix,
        name=_text(entry, "name", NAME_MAX),
        description=_text(entry, "description", TEXT_MAX),
        requirements=_text_list(entry, "requirements"),
        steps=_text_list(entry, "steps"),
        fee=_int(entry, "fee", 0, 1_000_000_000),
        fee_note=_text(entry, "fee_note", TEXT_MAX) if entry.get("fee_note") else None,
        duration_minutes=_int(entry, "duration_minutes", 1, 480),
        counters=tuple(counters),
        hours=_hours(entry),
        info_url=_url(entry, allowed_hosts),
        priority_allowed=priority,
        daily_quota=_int(entry, "daily_quota", 1, MAX_QUOTA, default=None),
        last_number=parse_hhmm(last, "'last_number'") if last is not None else None,
    )


def _entries(data: Mapping[str, Any], key: str, problems: list[str]) -> list[Mapping[str, Any]]:
    entries = data.get(key, [])
    if not isinstance(entries, list):
        problems.append(f"{key}: must be a list; ignored")
        return []
    good = []
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, Mapping):
            good.append(entry)
        else:
            problems.append(f"{key} #{number}: not an object; refused")
    return good


def _label(key: str, number: int, entry: Mapping[str, Any]) -> str:
    code = entry.get("code")
    return f"{key} #{number} ({code!s:.40})" if isinstance(code, str) else f"{key} #{number}"


def parse_catalog(data: Any, allowed_hosts: Iterable[str]) -> LoadReport:
    """Validate catalog data; return the good entries and a problem line per refused one."""
    if not isinstance(data, Mapping):
        raise CatalogError("the catalog must be a JSON object")
    if data.get("format") != FORMAT:
        raise CatalogError(f"unknown catalog format {data.get('format')!r}; expected {FORMAT!r}")
    try:
        plaza = _plaza(data.get("plaza"))
    except _Bad as error:
        raise CatalogError(f"plaza: {error}") from None
    allowed_hosts = tuple(allowed_hosts)
    problems: list[str] = []

    def parse_all(key: str, parse: Any) -> list[Any]:
        records, seen = [], set()
        for number, entry in enumerate(_entries(data, key, problems), start=1):
            try:
                record = parse(entry)
            except _Bad as error:
                problems.append(f"{_label(key, number, entry)}: {error}; refused")
                continue
            if record.code in seen:
                problems.append(f"{_label(key, number, entry)}: duplicate code; refused")
                continue
            seen.add(record.code)
            records.append(record)
        return records

    categories = parse_all("categories", _category)
    agencies = parse_all("agencies", _agency)
    category_codes = {c.code for c in categories}
    agency_codes = {a.code for a in agencies}
    services, prefixes = [], set()
    for service in parse_all("services", lambda e: _service(e, allowed_hosts)):
        where = f"services ({service.code})"
        if service.agency not in agency_codes:
            problems.append(f"{where}: agency {service.agency!r} is not in the catalog; refused")
        elif service.category not in category_codes:
            problems.append(f"{where}: category {service.category!r} is not in the catalog; refused")
        elif service.prefix in prefixes:
            problems.append(f"{where}: prefix {service.prefix!r} is already used; refused")
        else:
            prefixes.add(service.prefix)
            services.append(service)

    holidays = []
    for number, entry in enumerate(_entries(data, "holidays", problems), start=1):
        try:
            day = date.fromisoformat(str(_need(entry, "date")))
            holidays.append(Holiday(day=day, name=_text(entry, "name", NAME_MAX)))
        except (_Bad, ValueError) as error:
            problems.append(f"holidays #{number}: {error}; refused")

    announcements = []
    for number, entry in enumerate(_entries(data, "announcements", problems), start=1):
        try:
            announcements.append(_text({"text": entry}, "text", TEXT_MAX))
        except _Bad as error:
            problems.append(f"announcements #{number}: {error}; refused")

    catalog = Catalog(
        plaza=plaza,
        categories=tuple(categories),
        agencies=tuple(agencies),
        services=tuple(services),
        holidays=tuple(holidays),
        announcements=tuple(announcements),
        sample=bool(data.get("sample", False)),
    )
    return LoadReport(catalog=catalog, problems=problems)


def read_catalog_file(path: Path) -> Any:
    """A catalog file's JSON, not validated yet."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogError(f"{path}: cannot be read ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogError(f"{path}: not valid JSON ({error})") from None


def load_catalog_data(data: Any, allowed_hosts: Iterable[str], source: str) -> LoadReport:
    """Validate catalog data, logging each refused entry under `source`."""
    report = parse_catalog(data, allowed_hosts)
    for problem in report.problems:
        log.warning("catalog %s: %s", source, problem)
    return report


def load_catalog_file(path: Path, allowed_hosts: Iterable[str]) -> LoadReport:
    """Read and validate a catalog file, logging each refused entry."""
    return load_catalog_data(read_catalog_file(path), allowed_hosts, path.name)
