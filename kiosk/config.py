"""Kiosk configuration: one TOML file, every default declared once, here.

A key is read from (highest first): the environment (`PLAZA_KIOSK__SECTION__KEY`),
the TOML file, then the default in `OPTIONS`. A bad value stops start-up with a
message that names the key and the file, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

ENV_PREFIX = "PLAZA_KIOSK__"
CONFIG_ENV = "PLAZA_KIOSK_CONFIG"
APP_NAME = "plaza-kiosk"

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class ConfigError(Exception):
    """A config value is wrong; the message is written for the IT person who set it."""


@dataclass(frozen=True)
class Option:
    default: Any
    kind: Callable[[Any], Any]
    help: str


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _seconds_between(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        try:
            seconds = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            seconds = None
        if seconds is None:
            raise ValueError("must be a number of seconds")
        if not low <= seconds <= high:
            raise ValueError(f"must be between {low} and {high} seconds")
        return seconds

    return check


def _int_between(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be a whole number")
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    return check


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise ValueError("must be a colour like #0E5A7A")
    return value.upper()


def _language(value: Any) -> str:
    if value not in ("id", "en"):
        raise ValueError('must be "id" or "en"')
    return value


def _hosts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(h, str) for h in value):
        raise ValueError("must be a list of host names")
    hosts = tuple(h.lower() for h in value)
    for host in hosts:
        if not _HOST.match(host):
            raise ValueError(f"{host!r} is not a host name")
    return hosts


def _https_url(value: Any) -> str:
    from urllib.parse import urlsplit

    if not isinstance(value, str) or " " in value:
        raise ValueError("must be an https:// address")
    parts = urlsplit(value)
    # Plain http only for this machine's own server (the demo's embedded city API).
    loopback = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
    if not loopback and (parts.scheme != "https" or not parts.hostname or "." not in parts.hostname):
        raise ValueError("must be an https:// address with a host name")
    return value.rstrip("/")


def _timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(_text(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("must be a time zone name like Asia/Makassar") from None
    return value


def _logo(value: Any) -> str:
    path = _path(value)
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


def _path(value: Any) -> str:
    return os.path.expanduser(_text(value))


# Every option the kiosk reads, with its default. Documented in packaging/config.example.toml.
OPTIONS: dict[str, dict[str, Option]] = {
    "plaza": {
        "name": Option("Plaza Smart City Banjarmasin", _text, "name in the header"),
        "city": Option("Banjarmasin", _text, "city, shown under the name"),
        "timezone": Option("Asia/Makassar", _timezone, "IANA zone of the service day"),
        "logo": Option("", _logo, "logo file (SVG or PNG); empty for the bundled emblem"),
    },
    "theme": {
        "primary": Option("#0E5A7A", _colour, "river blue: header, buttons"),
        "primary_pressed": Option("#0A4560", _colour, "primary when pressed"),
        "secondary": Option("#178F8F", _colour, "teal: secondary accents"),
        "accent": Option("#F2B134", _colour, "gold: the take-a-number action"),
        "background": Option("#F4F6F8", _colour, "screen background"),
        "surface": Option("#FFFFFF", _colour, "cards"),
        "text": Option("#1B2630", _colour, "body text"),
        "muted": Option("#55656F", _colour, "secondary text"),
        "open": Option("#2E8B57", _colour, "open badge"),
        "closed": Option("#B23A32", _colour, "closed badge"),
        "warning": Option("#C77700", _colour, "warnings, offline bar"),
    },
    "kiosk": {
        "default_language": Option("id", _language, "language after idle"),
        "idle_seconds": Option(60, _int_between(10, 3600), "back to home after this idle time"),
        "attract_seconds": Option(180, _int_between(30, 86400), "attract loop after this idle time"),
        "ticket_seconds": Option(30, _int_between(5, 600), "ticket screen returns home after"),
        "device_id": Option("", _text, "device name in ticket events; empty: host name"),
    },
    "qr": {
        "allowed_hosts": Option(
            [
                "banjarmasinkota.go.id", "kalselprov.go.id", "polri.go.id", "imigrasi.go.id",
                "bpjs-kesehatan.go.id", "bpjsketenagakerjaan.go.id", "pajak.go.id",
                "oss.go.id", "atrbpn.go.id", "kemenag.go.id", "bankkalsel.co.id", "lapor.go.id",
            ],
            _hosts,
            "hosts a QR code may point to (subdomains included)",
        ),
        "tracking_base_url": Option(
            "https://antrian.banjarmasinkota.go.id", _https_url, "base of the ticket tracking page"
        ),
    },
    "staff": {
        "pin_hash": Option("", _pin_hash, "scrypt hash from `plaza-kiosk hash-pin`; empty: locked"),
        "max_attempts": Option(5, _int_between(1, 20), "wrong PINs before the lock-out"),
        "lockout_seconds": Option(300, _int_between(10, 86400), "how long the lock-out lasts"),
    },
    "sync": {
        "online_wait": Option(1.0, _seconds_between(0.2, 5.0),
                              "seconds a visitor waits for the city server's number"),
        "lease_size": Option(20, _int_between(5, 100),
                             "numbers leased per service and day for offline issuing"),
    },
    "data": {
        "dir": Option("", _path, "where the local store lives; empty: the user data folder"),
        "catalog": Option("", _path, "catalog loaded into an empty store; empty: the sample"),
    },
}


class Section:
    """Read-only attribute access to one section's values."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"Section({self.__dict__!r})"


class Config:
    """The validated configuration; `config.kiosk.idle_seconds` and so on."""

    def __init__(self, values: Mapping[str, Mapping[str, Any]], source: str) -> None:
        self.source = source
        self._values = {name: dict(section) for name, section in values.items()}
        for name, section in self._values.items():
            setattr(self, name, Section(section))

    # Typed conveniences for the sections read most.
    plaza: Any
    theme: Any
    kiosk: Any
    qr: Any
    staff: Any
    sync: Any
    data: Any

    @property
    def data_dir(self) -> Path:
        return Path(self.data.dir) if self.data.dir else Path(platformdirs.user_data_dir(APP_NAME))

    @property
    def device_id(self) -> str:
        return self.kiosk.device_id or os.uname().nodename

    def with_values(self, **sections: Mapping[str, Any]) -> Config:
        """A copy with some values replaced (validated like the file's)."""
        merged = {name: dict(values) for name, values in self._values.items()}
        for name, values in sections.items():
            for key, value in values.items():
                merged[name][key] = _check(name, key, value, "override")
        return Config(merged, self.source)


def _check(section: str, key: str, value: Any, source: str) -> Any:
    option = OPTIONS[section][key]
    try:
        return option.kind(value)
    except ValueError as error:
        raise ConfigError(f"{source}: [{section}] {key} {error} (got {value!r})") from None


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def load_config(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Load and validate the config. `path=None` uses $PLAZA_KIOSK_CONFIG or the default file."""
    environ = os.environ if environ is None else environ
    if path is None and environ.get(CONFIG_ENV):
        path = environ[CONFIG_ENV]
    explicit = path is not None
    file = Path(path) if path is not None else default_config_path()

    raw: dict[str, Any] = {}
    if file.exists():
        try:
            raw = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{file}: not valid TOML ({error})") from None
        except OSError as error:
            raise ConfigError(f"{file}: cannot be read ({error.strerror})") from None
    elif explicit:
        raise ConfigError(f"{file}: config file not found")

    values: dict[str, dict[str, Any]] = {}
    for section, options in OPTIONS.items():
        given = raw.pop(section, {})
        if not isinstance(given, dict):
            raise ConfigError(f"{file}: [{section}] must be a table of keys")
        unknown = set(given) - set(options)
        if unknown:
            raise ConfigError(f"{file}: [{section}] has unknown key(s): {', '.join(sorted(unknown))}")
        values[section] = {}
        for key, option in options.items():
            env_name = f"{ENV_PREFIX}{section.upper()}__{key.upper()}"
            if env_name in environ:
                values[section][key] = _check(section, key, environ[env_name], f"${env_name}")
            elif key in given:
                values[section][key] = _check(section, key, given[key], str(file))
            else:
                values[section][key] = option.kind(option.default)
    if raw:
        raise ConfigError(f"{file}: unknown section(s): {', '.join(sorted(raw))}")
    kiosk = values["kiosk"]
    if kiosk["attract_seconds"] <= kiosk["idle_seconds"]:
        raise ConfigError(f"{file}: [kiosk] attract_seconds must be longer than idle_seconds "
                          f"(got {kiosk['attract_seconds']} and {kiosk['idle_seconds']})")
    return Config(values, str(file) if file.exists() else "defaults")
