"""Checking catalog files (docs/catalog-format.md) into the records of `kiosk.catalog`.

Each entry of a file is checked on its own by the pydantic model of its kind (`ServiceEntry`,
`AgencyEntry`, ...): a bad entry is refused with a problem naming it and the rule, and the
rest of the catalog loads.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.catalog import (
    CATALOG_MAX_BYTES,
    CATEGORY_ICONS,
    FORMAT,
    ITEM_MAX,
    ITEMS_MAX,
    MAX_QUOTA,
    NAME_MAX,
    TEXT_MAX,
    WEEKDAYS,
    Agency,
    Catalog,
    CatalogError,
    Category,
    Holiday,
    LoadReport,
    Plaza,
    Service,
    Text,
    TextList,
    hhmm,
)
from kiosk.links import url_allowed  # the one check of a QR link (kiosk, server import, PUT)
from kiosk.service_day import DEFAULT_TIMEZONE

log = logging.getLogger(__name__)

_CODE = re.compile(r"^[a-z0-9-]{2,40}$")
_LINK_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
_PREFIX = re.compile(r"^[A-Z]{1,2}$")
_COUNTER = re.compile(r"^[0-9A-Za-z-]{1,12}$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


# --- field checks: each raises ValueError with the words a catalog editor reads after the field ---


def _two_times(value: Any) -> Any:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError('must be two times like ["08:00", "15:00"]')
    return value


def _opens_before_closing(span: tuple[time, time]) -> tuple[time, time]:
    if span[0] >= span[1]:
        raise ValueError("closes before it opens")
    return span


def _iso_date(value: Any) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError("must be a date like 2026-12-25") from None


def _matching(pattern: re.Pattern[str], rule: str) -> AfterValidator:
    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(rule)
        return value

    return AfterValidator(check)


Code = Annotated[str, _matching(_CODE, "must be 2-40 lower-case letters, digits or '-'")]
Prefix = Annotated[str, _matching(_PREFIX, "must be 1-2 capital letters")]
CounterName = Annotated[str, _matching(_COUNTER, "must be 1-12 letters, digits or '-'")]
Colour = Annotated[str, _matching(_COLOUR, "must be like #0E5A7A"), AfterValidator(str.upper)]
# Written back as the format writes it ("08:00"), so a stored entry reads in again.
Clock = Annotated[time, BeforeValidator(hhmm),
                  PlainSerializer(lambda moment: moment.strftime("%H:%M"), when_used="json")]
TwoTimes = Annotated[tuple[Clock, Clock], BeforeValidator(_two_times)]
OpeningHours = Annotated[TwoTimes, AfterValidator(_opens_before_closing)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
# Characters that change how text around them reads: controls (NUL, ESC, CR, LF, ...) and the
# text-direction marks that can show "KTP" as "PTK".
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _plain_text(value: str) -> str:
    if (found := _UNSEEN.search(value)) is not None:
        raise ValueError(f"has a control or text-direction character (U+{ord(found[0]):04X})")
    return value


# Texts a visitor reads: trimmed, never blank, short enough for the screen, plain.
NameText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX),
                     AfterValidator(_plain_text)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX),
                     AfterValidator(_plain_text)]
ItemText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ITEM_MAX),
                     AfterValidator(_plain_text)]


# --- the entries of a catalog file, one model per kind; `record()` gives the plain record ---


class _Entry(BaseModel):
    # Keys this kiosk does not know are ignored: a newer catalog still loads on an older kiosk.
    model_config = ConfigDict(extra="ignore")

    def record(self) -> Any:
        """The plain record the rest of the code uses."""
        raise NotImplementedError


class BilingualName(_Entry):
    """A name a visitor reads, in both languages."""

    id: NameText
    en: NameText

    def record(self) -> Text:
        return Text(self.id, self.en)


class BilingualText(BilingualName):
    """A longer text a visitor reads (a description, a note, an announcement), in both languages."""

    id: LongText
    en: LongText


class BilingualList(_Entry):
    """Requirements or steps, item for item in both languages."""

    id: Annotated[list[ItemText], Field(max_length=ITEMS_MAX)]
    en: Annotated[list[ItemText], Field(max_length=ITEMS_MAX)]

    @model_validator(mode="after")
    def _item_for_item(self) -> Self:
        if len(self.id) != len(self.en):
            raise ValueError(f"has {len(self.id)} items in 'id' but {len(self.en)} in 'en'")
        return self

    def record(self) -> TextList:
        return TextList(tuple(self.id), tuple(self.en))


class PlazaEntry(_Entry):
    code: Code
    name: BilingualName
    city: str = ""
    timezone: str = DEFAULT_TIMEZONE
    address: str = ""
    friday_break: TwoTimes | None = None  # Friday prayer: no numbers are issued between these
    # The hosts this plaza's QR links may point to (its own agencies' domains), instead of the
    # default list: a plaza fact, set in its catalog on the city server, the same on every device.
    link_hosts: tuple[str, ...] = ()

    @field_validator("link_hosts", mode="before")
    @classmethod
    def _host_names(cls, value: Any) -> Any:
        if value is None:
            return ()
        if not isinstance(value, list | tuple) or not all(
                isinstance(host, str) and _LINK_HOST.match(host.lower()) for host in value):
            raise ValueError("'link_hosts' must be a list of host names")
        return tuple(host.lower() for host in value)

    @field_validator("city", "timezone", "address", mode="before")
    @classmethod
    def _blank_is_default(cls, value: Any, info: ValidationInfo) -> Any:
        # Descriptive fields never refuse the whole catalog: anything but text means "not given".
        return value if isinstance(value, str) and value else cls.model_fields[info.field_name].default

    @field_validator("city", "address")
    @classmethod
    def _plain(cls, value: str) -> str:
        if len(value) > TEXT_MAX:
            raise ValueError(f"is longer than {TEXT_MAX} characters")
        return _plain_text(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        # The service day turns at midnight in this zone: a zone no one knows is no plaza.
        try:
            ZoneInfo(value)
        except (ValueError, ZoneInfoNotFoundError):
            raise ValueError(f"{value[:40]!r} is not a time zone like Asia/Makassar") from None
        return value

    def record(self) -> Plaza:
        return Plaza(code=self.code, name=self.name.record(), city=self.city, timezone=self.timezone,
                     address=self.address, friday_break=self.friday_break)


class CategoryEntry(_Entry):
    code: Code
    name: BilingualName
    icon: str = "list"

    @field_validator("icon", mode="before")
    @classmethod
    def _known_icon(cls, icon: Any) -> str:
        return icon if isinstance(icon, str) and icon in CATEGORY_ICONS else "list"  # the plain icon

    def record(self) -> Category:
        return Category(code=self.code, name=self.name.record(), icon=self.icon)


class AgencyEntry(_Entry):
    code: Code
    short_name: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    name: BilingualName
    color: Colour = "#0E5A7A"

    @field_validator("color", mode="before")
    @classmethod
    def _blank_is_river_blue(cls, color: Any) -> Any:
        return color or "#0E5A7A"

    def record(self) -> Agency:
        return Agency(code=self.code, short_name=self.short_name, name=self.name.record(), color=self.color)


class ServiceEntry(_Entry):
    code: Code
    agency: str
    category: str
    prefix: Prefix
    name: BilingualName
    description: BilingualText
    requirements: BilingualList = Field(default_factory=lambda: BilingualList(id=[], en=[]))
    steps: BilingualList = Field(default_factory=lambda: BilingualList(id=[], en=[]))
    fee: StrictInt = Field(ge=0, le=1_000_000_000)  # whole rupiah, 0 for free
    fee_note: BilingualText | None = None
    duration_minutes: StrictInt = Field(ge=1, le=480)
    counters: list[CounterName] = Field(min_length=1, max_length=20)
    hours: dict[str, OpeningHours | None]  # a day that is null or missing is closed
    info_url: str = ""
    priority_allowed: StrictBool = True
    daily_quota: StrictInt | None = Field(None, ge=1, le=MAX_QUOTA)
    last_number: Clock | None = None  # no numbers are issued after it

    @field_validator("requirements", "steps", mode="before")
    @classmethod
    def _blank_is_empty(cls, value: Any) -> Any:
        return value or {"id": [], "en": []}

    @field_validator("fee_note", mode="before")
    @classmethod
    def _blank_is_no_note(cls, value: Any) -> Any:
        return value or None

    @field_validator("hours", mode="before")
    @classmethod
    def _weekdays_only(cls, hours: Any) -> Any:
        if isinstance(hours, Mapping) and (unknown := set(hours) - set(WEEKDAYS)):
            raise ValueError(f"has unknown day(s) {sorted(unknown)}; use {', '.join(WEEKDAYS)}")
        return hours

    @field_validator("info_url", mode="before")
    @classmethod
    def _link_allowed(cls, url: Any, info: ValidationInfo) -> str:
        # The kiosk shows this link as a QR code: only https on a host the plaza allows.
        if not url:
            return ""
        if not isinstance(url, str) or len(url) > 300:
            raise ValueError("must be a web address")
        context = info.context or {}
        if not url_allowed(url, context.get("allowed_hosts", ())):
            # The service stays; only the link goes (parse_catalog says so for IT).
            context.setdefault("dropped_links", []).append(url[:80])
            return ""
        return url

    def record(self) -> Service:
        return Service(
            code=self.code, agency=self.agency, category=self.category, prefix=self.prefix,
            name=self.name.record(), description=self.description.record(),
            requirements=self.requirements.record(), steps=self.steps.record(),
            fee=self.fee, fee_note=self.fee_note.record() if self.fee_note else None,
            duration_minutes=self.duration_minutes, counters=tuple(self.counters),
            hours={day: self.hours[name] for day, name in enumerate(WEEKDAYS) if self.hours.get(name)},
            info_url=self.info_url, priority_allowed=self.priority_allowed,
            daily_quota=self.daily_quota, last_number=self.last_number,
        )


class HolidayEntry(_Entry):
    day: IsoDate = Field(alias="date")
    name: BilingualName

    def record(self) -> Holiday:
        return Holiday(day=self.day, name=self.name.record())


# --- problems: pydantic's errors in the words of the catalog's rules ---

_WORDS = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object with 'id' and 'en'",  # the nested objects are all bilingual
    "string_too_short": "is empty",
    "string_too_long": "is longer than {max_length} characters",
    "too_short": "must have at least {min_length} item(s)",
    "too_long": "has more than {max_length} items",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
}


def _where(loc: tuple[str | int, ...]) -> str:
    """`('steps', 'id', 2)` -> `'steps.id #3'`: the field, and the item counted from 1."""
    path = "".join(f" #{part + 1}" if isinstance(part, int) else f".{part}" for part in loc)
    return f"'{path.lstrip('.')}'" if path else ""


def _explain(error: ValidationError) -> str:
    """One line for a refused entry: what is missing, then each rule it breaks."""
    missing, broken = [], []
    for problem in error.errors():
        where, kind, context = _where(problem["loc"]), problem["type"], problem.get("ctx", {})
        if kind == "missing":
            missing.append(where)
            continue
        if kind == "value_error":
            words = str(context["error"])
        else:
            words = _WORDS[kind].format(**context) if kind in _WORDS else problem["msg"]
        broken.append(f"{where} {words}".strip())
    return "; ".join(([f"missing {', '.join(missing)}"] if missing else []) + broken)


def _entries(data: Mapping[str, Any], key: str, problems: list[str]) -> list[tuple[str, Mapping[str, Any]]]:
    """The objects listed under `key`, each with the label that names it in a problem."""
    entries = data.get(key, [])
    if not isinstance(entries, list):
        problems.append(f"{key}: must be a list; ignored")
        return []
    good = []
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, Mapping):
            good.append((_label(key, number, entry), entry))
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
    if not isinstance(data.get("plaza"), Mapping):
        raise CatalogError("plaza: 'plaza' must be an object")
    try:
        plaza_entry = PlazaEntry.model_validate(data["plaza"])
    except ValidationError as error:
        raise CatalogError(f"plaza: {_explain(error)}") from None
    plaza = plaza_entry.record()
    hosts = plaza_entry.link_hosts or tuple(allowed_hosts)
    problems: list[str] = []
    accepted: dict[str, list[dict[str, Any]]] = {}

    def check_all(key: str, model: type[_Entry]) -> list[Any]:
        """The records of the entries under `key` that pass their checks, one at a time."""
        records, codes = [], set()
        kept = accepted.setdefault(key, [])
        for label, entry in _entries(data, key, problems):
            context: dict[str, Any] = {"allowed_hosts": hosts}
            try:
                checked = model.model_validate(entry, context=context)
                record = checked.record()
            except ValidationError as error:
                problems.append(f"{label}: {_explain(error)}; refused")
                continue
            problems.extend(f"{label}: {url!r} is not https on an allowed host; link dropped"
                            for url in context.get("dropped_links", ()))
            code = getattr(record, "code", None)  # a code is unique in its list
            if code is not None and code in codes:
                problems.append(f"{label}: duplicate code; refused")
                continue
            codes.add(code)
            records.append(record)
            kept.append(checked.model_dump(mode="json", by_alias=True))
        return records

    categories = check_all("categories", CategoryEntry)
    agencies = check_all("agencies", AgencyEntry)
    category_codes = {c.code for c in categories}
    agency_codes = {a.code for a in agencies}
    services, prefixes = [], set()
    for service in check_all("services", ServiceEntry):
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
    accepted["services"] = [entry for entry in accepted["services"]
                            if entry["code"] in {service.code for service in services}]

    catalog = Catalog(
        plaza=plaza,
        categories=tuple(categories),
        agencies=tuple(agencies),
        services=tuple(services),
        holidays=tuple(check_all("holidays", HolidayEntry)),
        announcements=tuple(check_all("announcements", BilingualText)),
        sample=bool(data.get("sample", False)),
    )
    document = {"format": FORMAT, "sample": catalog.sample,
                "plaza": {**plaza_entry.model_dump(mode="json", by_alias=True),
                          "link_hosts": list(hosts)},
                **accepted}
    return LoadReport(catalog=catalog, problems=problems, document=document)


def read_catalog_file(path: Path) -> Any:
    """A catalog file's JSON, not validated yet."""
    try:
        if path.stat().st_size > CATALOG_MAX_BYTES:
            raise CatalogError(f"{path}: larger than {CATALOG_MAX_BYTES // 1_000_000} MB; "
                               "a plaza's catalog is far smaller")
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogError(f"{path}: cannot be read ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogError(f"{path}: not valid JSON ({error})") from None
    except RecursionError:
        raise CatalogError(f"{path}: not valid JSON (nested too deeply)") from None


def load_catalog_data(data: Any, allowed_hosts: Iterable[str], source: str) -> LoadReport:
    """Validate catalog data, logging each refused entry under `source`."""
    report = parse_catalog(data, allowed_hosts)
    for problem in report.problems:
        log.warning("catalog %s: %s", source, problem)
    return report


def load_catalog_file(path: Path, allowed_hosts: Iterable[str]) -> LoadReport:
    """Read and validate a catalog file, logging each refused entry."""
    return load_catalog_data(read_catalog_file(path), allowed_hosts, path.name)
