"""Kiosk configuration: one TOML file, every default declared once, on the section models here.

A key is read from (highest first): the environment (`PLAZA_KIOSK__SECTION__KEY`),
the TOML file, then the default declared on its field. A bad value stops start-up with
a message that names the key and the file (or the variable), never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Self

import platformdirs
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from kiosk.catalog import DEFAULT_LINK_HOSTS
from kiosk.paths import APP_NAME, CONFIG_ENV, ENV_PREFIX

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class ConfigError(Exception):
    """A config value is wrong; the message is written for the IT person who set it."""


# --- value checks: each raises ValueError with the words an IT person reads after the key ---


def _whole_number(value: Any) -> int:
    # TOML gives numbers, the environment text; true/false or 1.5 is a slip, not a number.
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


def _seconds(value: Any) -> float:
    if not isinstance(value, bool):
        with suppress(TypeError, ValueError):
            return float(value)
    raise ValueError("must be a number of seconds")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise ValueError("must be a colour like #0E5A7A")
    return value.upper()


def _host_names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):  # the environment's way: a,b,c
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list | tuple) or not all(isinstance(h, str) for h in value):
        raise ValueError("must be a list of host names")
    hosts = tuple(h.lower() for h in value)
    for host in hosts:
        if not _HOST.match(host):
            raise ValueError(f"{host!r} is not a host name")
    return hosts


def _web_address(value: Any) -> str:
    from urllib.parse import urlsplit

    if not isinstance(value, str) or " " in value:
        raise ValueError("must be an https:// address")
    parts = urlsplit(value)
    # Plain http only for this machine's own server (the demo's embedded city API).
    loopback = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
    if not loopback and (parts.scheme != "https" or not parts.hostname or "." not in parts.hostname):
        raise ValueError("must be an https:// address with a host name")
    return value.rstrip("/")


def _folder(value: Any) -> str:
    return os.path.expanduser(_text(value))


def _logo(value: Any) -> str:
    path = _folder(value)
    if path and not path.lower().endswith((".svg", ".png")):
        raise ValueError("must be an .svg or .png file")
    if path and not os.path.isfile(path):
        raise ValueError("file not found")
    return path


def _pin_hash(value: Any) -> str:
    from kiosk.pin import is_pin_hash

    if value == "":
        return ""
    if not isinstance(value, str) or not is_pin_hash(value):
        raise ValueError("must be a hash made by `plaza-kiosk hash-pin`, never the PIN itself")
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
Seconds = Annotated[float, BeforeValidator(_seconds)]
Text = Annotated[str, BeforeValidator(_text)]
Colour = Annotated[str, BeforeValidator(_colour)]
HostNames = Annotated[tuple[str, ...], BeforeValidator(_host_names)]
WebAddress = Annotated[str, BeforeValidator(_web_address)]
Folder = Annotated[str, BeforeValidator(_folder)]
LogoFile = Annotated[str, BeforeValidator(_logo)]
PinHash = Annotated[str, BeforeValidator(_pin_hash)]


# --- the sections: one field per key, its default and help declared once, here ---


class _Section(BaseModel):
    # Defaults pass the same checks as the file's values; a misspelt key is an error.
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class PlazaSection(_Section):
    # The plaza's name, city and time zone are not set here: they are plaza facts, from its
    # catalog, the same on the city server and every device (see MOVED).
    logo: LogoFile = Field("", description="logo file (SVG or PNG); empty for the bundled emblem")


class ThemeSection(_Section):
    primary: Colour = Field("#0E5A7A", description="river blue: header, buttons")
    primary_pressed: Colour = Field("#0A4560", description="primary when pressed")
    secondary: Colour = Field("#178F8F", description="teal: secondary accents")
    accent: Colour = Field("#F2B134", description="gold: the take-a-number action")
    background: Colour = Field("#F4F6F8", description="screen background")
    surface: Colour = Field("#FFFFFF", description="cards")
    text: Colour = Field("#1B2630", description="body text")
    muted: Colour = Field("#55656F", description="secondary text")
    open: Colour = Field("#2E8B57", description="open badge")
    closed: Colour = Field("#B23A32", description="closed badge")
    warning: Colour = Field("#C77700", description="warnings, offline bar")


class KioskSection(_Section):
    default_language: Literal["id", "en"] = Field("id", description="language after idle")
    idle_seconds: WholeNumber = Field(60, ge=10, le=3600, description="back to home after this idle time")
    attract_seconds: WholeNumber = Field(180, ge=30, le=86400,
                                         description="attract loop after this idle time")
    ticket_seconds: WholeNumber = Field(30, ge=5, le=600, description="ticket screen returns home after")
    device_id: Text = Field("", description="device name in ticket events; empty: host name")

    @model_validator(mode="after")
    def _attract_after_idle(self) -> Self:
        # The attract loop starts from the home screen, so it must come after the return home.
        if self.attract_seconds <= self.idle_seconds:
            raise ValueError(f"attract_seconds must be longer than idle_seconds "
                             f"(got {self.attract_seconds} and {self.idle_seconds})")
        return self


class QrSection(_Section):
    allowed_hosts: HostNames = Field(
        DEFAULT_LINK_HOSTS,
        description="hosts a QR code may point to (subdomains included) when the plaza's "
                    "catalog names none",
    )
    tracking_base_url: WebAddress = Field("https://antrian.banjarmasinkota.go.id",
                                          description="base of the ticket tracking page")


class StaffSection(_Section):
    pin_hash: PinHash = Field("", description="scrypt hash from `plaza-kiosk hash-pin`; empty: locked")
    max_attempts: WholeNumber = Field(5, ge=1, le=20, description="wrong PINs before the lock-out")
    lockout_seconds: WholeNumber = Field(300, ge=10, le=86400, description="how long the lock-out lasts")


class SyncSection(_Section):
    online_wait: Seconds = Field(1.0, ge=0.2, le=5.0,
                                 description="seconds a visitor waits for the city server's number")
    lease_size: WholeNumber = Field(20, ge=5, le=100,
                                    description="numbers leased per service and day for offline issuing")


class DataSection(_Section):
    dir: Folder = Field("", description="where the local store lives; empty: the user data folder")
    catalog: Folder = Field("", description="catalog loaded into an empty store; empty: the sample")


_PAPER_WIDTHS = (58, 80)
_BAUD_RATES = (9600, 19200, 38400, 57600, 115200)


def _one_of(choices: tuple[int, ...]) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        number = _whole_number(value)
        if number not in choices:
            raise ValueError(f"must be one of {', '.join(map(str, choices))}")
        return number
    return check


def _printer_address(value: Any) -> str:
    # host or host:port; a raw-TCP printer on the hall's network (a spooler's URL is refused:
    # through a spooler the kiosk hears the queue, not the printer).
    address = _text(value).strip()
    host, _, port = address.partition(":")
    if address and (not re.fullmatch(r"[A-Za-z0-9.-]+", host)
                    or (port and not (port.isdigit() and 0 < int(port) < 65536))):
        raise ValueError("must be a host name or IP address, with :port if not 9100")
    return address


class PrinterSection(_Section):
    kind: Literal["none", "network", "usb", "serial"] = Field(
        "none", description="none: tickets on screen only; network: raw TCP port 9100 "
                            "(recommended); usb: the kernel's /dev/usb/lp*; serial")
    address: Annotated[str, BeforeValidator(_printer_address)] = Field(
        "", description="network: the printer's IP address or host name (:port if not 9100)")
    device: Text = Field("", description="usb: e.g. /dev/usb/lp0; serial: e.g. /dev/ttyUSB0")
    baud_rate: Annotated[int, BeforeValidator(_one_of(_BAUD_RATES))] = Field(
        9600, description="serial only: the printer's speed")
    paper_mm: Annotated[int, BeforeValidator(_one_of(_PAPER_WIDTHS))] = Field(
        80, description="roll width: 58 or 80")
    qr: Literal["raster", "native"] = Field(
        "raster", description="raster: the QR drawn here and sent as an image (every printer); "
                              "native: drawn by the printer (sharper on good ones)")
    connect_timeout: Seconds = Field(1.0, ge=0.2, le=5.0,
                                     description="network: seconds to wait for the connection")
    status_timeout: Seconds = Field(0.5, ge=0.1, le=3.0,
                                    description="seconds to wait for the printer's status answer")
    write_timeout: Seconds = Field(3.0, ge=0.5, le=30.0,
                                   description="seconds the printer may take to accept a "
                                               "ticket, and again to print it")

    @model_validator(mode="after")
    def _where(self) -> Self:
        if self.kind == "network" and not self.address:
            raise ValueError("address must be set when kind is network")
        if self.kind in ("usb", "serial") and not self.device:
            raise ValueError(f"device must be set when kind is {self.kind}")
        return self


# The file and the environment that `Config()` reads, chosen by `load_config` for this one call.
_READING: ContextVar[tuple[Path, Mapping[str, str]] | None] = ContextVar("config_reading", default=None)


class Config(BaseSettings):
    """The validated configuration; `config.kiosk.idle_seconds` and so on."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid", frozen=True,
    )

    plaza: PlazaSection = Field(default_factory=PlazaSection)
    theme: ThemeSection = Field(default_factory=ThemeSection)
    kiosk: KioskSection = Field(default_factory=KioskSection)
    qr: QrSection = Field(default_factory=QrSection)
    staff: StaffSection = Field(default_factory=StaffSection)
    sync: SyncSection = Field(default_factory=SyncSection)
    data: DataSection = Field(default_factory=DataSection)
    printer: PrinterSection = Field(default_factory=PrinterSection)

    _source: str = PrivateAttr("defaults")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        file, environ = _READING.get() or (config_path(None, os.environ), os.environ)
        # First wins: the environment over the TOML file; no .env or secrets files on a kiosk.
        return (init_settings, _Environment(settings_cls, environ),
                TomlConfigSettingsSource(settings_cls, toml_file=file))

    @property
    def source(self) -> str:
        """The file the values came from, or "defaults"."""
        return self._source

    @property
    def data_dir(self) -> Path:
        return Path(self.data.dir) if self.data.dir else Path(platformdirs.user_data_dir(APP_NAME))

    @property
    def device_id(self) -> str:
        return self.kiosk.device_id or os.uname().nodename

    def with_values(self, **sections: Mapping[str, Any]) -> Config:
        """A copy with some values replaced (validated like the file's)."""
        replaced = {}
        for name, values in sections.items():
            if name not in type(self).model_fields:
                raise ConfigError(f"override: unknown section(s): {name}")
            section = getattr(self, name)
            try:
                replaced[name] = type(section).model_validate({**section.model_dump(), **values})
            except ValidationError as error:
                raise ConfigError(_explain(error, lambda loc: "override", at=(name,))) from None
        return self.model_copy(update=replaced)


class _Environment(EnvSettingsSource):
    """The environment as given to `load_config`, so a test can pass its own."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        super().__init__(settings_cls)
        self.env_vars = {name.lower(): value for name, value in environ.items()}  # names match any case

    def decode_complex_value(self, field_name: str, field: FieldInfo | None, value: Any) -> Any:
        # A list may be JSON or plain `a,b,c`; text that is not JSON goes on to the field's check.
        try:
            return super().decode_complex_value(field_name, field, value)
        except ValueError:
            return value


@dataclass(frozen=True)
class Option:
    """One key as its section declares it: `default`, `help`, and `kind(value)` to check a value."""

    field: FieldInfo

    @property
    def default(self) -> Any:
        return self.field.default

    @property
    def help(self) -> str:
        return self.field.description or ""

    def kind(self, value: Any) -> Any:
        """The value checked and converted as this key's (pydantic's ValidationError if wrong)."""
        metadata = tuple(self.field.metadata)
        kind = Annotated[(self.field.annotation, *metadata)] if metadata else self.field.annotation
        return TypeAdapter(kind).validate_python(value)


# Every option the kiosk reads, by section and key. Documented in packaging/config.example.toml.
OPTIONS: dict[str, dict[str, Option]] = {
    name: {key: Option(field) for key, field in section.annotation.model_fields.items()}
    for name, section in Config.model_fields.items()
}


# --- messages: pydantic's errors in the words an IT person reads after `[section] key` ---

_WORDS = {
    "string_type": "must be text",
    "literal_error": "must be {expected}",
    "model_type": "must be a table of keys",
    "dict_type": "must be a table of keys",
}
_BOUNDS = ("greater_than_equal", "less_than_equal")


def _words(problem: Any, loc: tuple[Any, ...]) -> str:
    """What is wrong, in the words that follow `[section] key` in a message."""
    kind, context = problem["type"], problem.get("ctx", {})
    if kind == "value_error":
        return str(context["error"])
    if kind in _BOUNDS and len(loc) == 2:
        field = Config.model_fields[loc[0]].annotation.model_fields[loc[1]]
        limits = {name: getattr(m, name) for m in field.metadata for name in ("ge", "le") if hasattr(m, name)}
        unit = " seconds" if field.annotation is float else ""  # the fractional keys are durations
        return f"must be between {limits['ge']} and {limits['le']}{unit}"
    if kind in _WORDS:
        return _WORDS[kind].format(**context)
    return problem["msg"][:1].lower() + problem["msg"][1:]


# Keys that moved out of the device's config, and where their value comes from now.
MOVED = {("plaza", key): f"the plaza's catalog (plaza.{key}), the same on every device"
         for key in ("name", "city", "timezone")}


def _explain(error: ValidationError, origin: Callable[[tuple[Any, ...]], str],
             at: tuple[str, ...] = ()) -> str:
    """One line per problem, each naming where the value came from and the key."""
    lines: list[str] = []
    unknown: dict[tuple[str, str], list[str]] = {}
    for problem in error.errors():
        loc = at + tuple(problem["loc"])
        if problem["type"] == "extra_forbidden" and tuple(loc[:2]) in MOVED:
            lines.append(f"{origin(loc)}: [{loc[0]}] {loc[1]} is no longer set here: it comes "
                         f"from {MOVED[tuple(loc[:2])]}; remove it")
        elif problem["type"] == "extra_forbidden":
            what = f"[{loc[0]}] has unknown key(s)" if len(loc) > 1 else "unknown section(s)"
            unknown.setdefault((origin(loc), what), []).append(str(loc[-1]))
        elif len(loc) > 1:
            got = problem["input"]
            lines.append(f"{origin(loc)}: [{loc[0]}] {loc[1]} {_words(problem, loc)} (got {got!r})")
        else:  # a whole section: not a table, or a check across its keys
            lines.append(f"{origin(loc)}: [{loc[0]}] {_words(problem, loc)}")
    lines += [f"{where}: {what}: {', '.join(sorted(names))}" for (where, what), names in unknown.items()]
    return "\n".join(lines)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def config_path(path: Path | str | None, environ: Mapping[str, str]) -> Path:
    """The file to read: `path`, else $PLAZA_KIOSK_CONFIG, else the user's config folder."""
    chosen = path if path is not None else environ.get(CONFIG_ENV) or None
    return Path(chosen).expanduser() if chosen is not None else default_config_path()


def load_config(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Load and validate the config. `path=None` uses $PLAZA_KIOSK_CONFIG or the default file."""
    environ = os.environ if environ is None else environ
    explicit = path is not None or bool(environ.get(CONFIG_ENV))
    file = config_path(path, environ)
    if file.exists() and not file.is_file():
        raise ConfigError(f"{file}: cannot be read (not a file)")
    if explicit and not file.exists():
        raise ConfigError(f"{file}: config file not found")

    def origin(loc: tuple[Any, ...]) -> str:
        # The environment wins over the file, so a bad value set there came from there; a
        # check across a section's keys names the file and the section's variables.
        variable = (ENV_PREFIX + "__".join(str(part) for part in loc)).upper()
        named = [f"${name}" for name in environ if name.upper() == variable]
        if not named and len(loc) == 1:
            named = [str(file)] + [f"${name}" for name in environ if name.upper().startswith(variable + "__")]
        return " and ".join(named) if named else str(file)

    reading = _READING.set((file, environ))
    try:
        config = Config()
    except ValidationError as error:
        raise ConfigError(_explain(error, origin)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: not valid TOML ({error})") from None
    except OSError as error:
        raise ConfigError(f"{file}: cannot be read ({error.strerror})") from None
    except ValueError as error:  # pydantic-settings' own: a variable it could not parse
        raise ConfigError(f"${ENV_PREFIX}*: {error}") from None
    finally:
        _READING.reset(reading)
    config._source = str(file) if file.exists() else "defaults"
    return config
