"""`plaza-kiosk doctor`: what is wrong with this device, in the order IT would look, each with
the fix in one line. The staff panel runs the same checks (`run`, off the UI thread).

Each check reads what the ones before it found (the config, the enrolment, the server's
answer) from one `Setup`. The list is open: another part adds its own check with `register`
(the ticket printer's goes before the watchdog). A check never changes the device: the store
is opened read-only and never migrated, nothing is sent but two reads to the city server.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.config import Config, ConfigError, config_path, load_config
from kiosk.paths import ASSETS
from kiosk.service_day import now_utc, service_day
from kiosk.vocabulary import Role
from plaza_kiosk.version import version

FREE_DISK_FAIL = 200 * 2**20  # below this a day's tickets and logs may not fit
FREE_DISK_WARN = 1 * 2**30
SKEW_WARN = timedelta(seconds=30)
SKEW_FAIL = timedelta(minutes=5)
OUTBOX_WARN = timedelta(minutes=15)
OUTBOX_FAIL = timedelta(days=1)
CATALOG_OLD = timedelta(days=30)
FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
# The least screen each mode is designed for (width, height in its orientation).
SCREENS = {Role.KIOSK: (720, 1280), Role.COUNTER: (1280, 720), Role.DISPLAY: (1280, 720)}


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"  # does not apply here, or could not be checked because an earlier check failed


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    detail: str
    fix: str = ""  # one line IT can act on; "" when there is nothing to do


@dataclass
class Setup:
    """What the checks look at, and what they found along the way."""

    config_file: Path | None = None  # --config; None: $PLAZA_KIOSK_CONFIG or the default
    mode: str | None = None  # kiosk, counter, display; None: the enrolment's role, else kiosk
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    in_app: bool = False  # run by the staff panel inside the running app
    screen: tuple[int, int] | None = None  # the app's screen, measured on its GUI thread
    clock: Callable[[], datetime] = now_utc
    timeout: float = 3.0  # seconds for each request to the city server
    # Found by the checks:
    config: Config | None = None
    enrolment: Any = None  # sync.credentials.Enrolment
    health: dict[str, Any] | None = None  # the server's /v1/health, with its Date header
    timezone: str | None = None  # the plaza's, from the catalog in the store

    @property
    def data_dir(self) -> Path | None:
        return self.config.data_dir if self.config else None

    @property
    def store_path(self) -> Path | None:
        return self.data_dir / f"{self.mode or Role.KIOSK}.db" if self.data_dir else None


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Setup], Finding]


CHECKS: list[Check] = []


def check(name: str) -> Callable[[Callable[[Setup], Finding]], Callable[[Setup], Finding]]:
    def add(function: Callable[[Setup], Finding]) -> Callable[[Setup], Finding]:
        CHECKS.append(Check(name, function))
        return function
    return add


def register(name: str, function: Callable[[Setup], Finding], *, before: str = "watchdog") -> None:
    """Add a check in its place in the order (by default just before the watchdog's), e.g. the
    ticket printer's: `doctor.register("printer", printer_check)`. Registering a name again
    replaces that check."""
    CHECKS[:] = [entry for entry in CHECKS if entry.name != name]
    names = [entry.name for entry in CHECKS]
    at = names.index(before) if before in names else len(CHECKS)
    CHECKS.insert(at, Check(name, function))


def run(setup: Setup, checks: Sequence[Check] | None = None) -> list[Finding]:
    """Every check in order. A check that breaks is a failure with its error, never a traceback."""
    findings = []
    for entry in CHECKS if checks is None else checks:
        try:
            finding = entry.run(setup)
        except Exception as error:  # reported as the check's own failure
            finding = Finding(entry.name, Status.FAIL, f"the check itself failed: "
                              f"{type(error).__name__}: {error}", "report this with the log file")
        findings.append(finding)
    return findings


def _skip(name: str, why: str = "not checked: the config did not load") -> Finding:
    return Finding(name, Status.SKIP, why)


def _age(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


# --- the checks, in the order IT looks ---------------------------------------------------


@check("config")
def config_check(setup: Setup) -> Finding:
    file = config_path(setup.config_file, setup.environ)
    try:
        setup.config = load_config(setup.config_file, setup.environ)
    except ConfigError as error:
        return Finding("config", Status.FAIL, str(error).replace("\n", "; "),
                       f"correct the key named above in {file} (every key is listed in "
                       "config.example.toml), then restart")
    if setup.mode is None:
        setup.mode = _enrolled_role(setup.config.data_dir) or Role.KIOSK
    if setup.config.source == "defaults":
        return Finding("config", Status.WARN, f"no config file at {file}: every value is its default",
                       f"copy config.example.toml to {file} and set this plaza's values")
    return Finding("config", Status.PASS, f"{file} parses; every value is valid")


def _enrolled_role(data_dir: Path) -> str | None:
    from sync.credentials import load

    try:
        enrolment = load(data_dir)
    except ValueError:
        return None
    return enrolment.role if enrolment else None


@check("data folder")
def data_folder_check(setup: Setup) -> Finding:
    folder = setup.data_dir
    if folder is None:
        return _skip("data folder")
    owner = _user()
    if not folder.exists():
        parent = next((p for p in folder.parents if p.exists()), Path("/"))
        if not _writable(parent):
            return Finding("data folder", Status.FAIL, f"{folder} does not exist and {owner} cannot "
                           f"create it", f"sudo install -d -o {owner} {folder}")
        return Finding("data folder", Status.WARN, f"{folder} does not exist yet; it is made at "
                       "the first start", "start the app once, or ignore this")
    if not folder.is_dir():
        return Finding("data folder", Status.FAIL, f"{folder} is not a folder",
                       "move that file away, or set [data] dir to a folder")
    if not _writable(folder):
        return Finding("data folder", Status.FAIL, f"{folder} is not writable by {owner}: no "
                       "ticket can be saved", f"sudo chown -R {owner}: {folder}")
    free = shutil.disk_usage(folder).free
    text = f"{folder} is writable; {free / 2**30:.1f} GiB free"
    if free < FREE_DISK_FAIL:
        return Finding("data folder", Status.FAIL, text, "free disk space (old logs, downloads)")
    if free < FREE_DISK_WARN:
        return Finding("data folder", Status.WARN, text, "free disk space soon")
    return Finding("data folder", Status.PASS, text)


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


def _writable(folder: Path) -> bool:
    """By trying: a read-only mount or a folder of another user says no, whatever the mode bits."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            return True
    except OSError:
        return False


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)


@check("store")
def store_check(setup: Setup) -> Finding:
    path = setup.store_path
    if path is None:
        return _skip("store")
    if not path.exists():
        return Finding("store", Status.WARN, f"no local store at {path} yet; it is made at the "
                       "first start", "start the app once, or ignore this")
    from kiosk.store.db import HEAD

    try:
        with _read_only(path) as connection:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            try:
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                revision = None
            (setup.timezone,) = connection.execute("SELECT timezone FROM plaza").fetchone() or (None,)
    except sqlite3.DatabaseError as error:
        return Finding("store", Status.FAIL, f"{path} cannot be read ({error})",
                       "restart the app: it moves a damaged store aside and salvages it")
    if verdict != "ok":
        return Finding("store", Status.FAIL, f"{path} failed SQLite's integrity check ({verdict})",
                       "restart the app: it moves a damaged store aside and salvages it")
    found = revision[0] if revision else None
    if found == HEAD:
        return Finding("store", Status.PASS, f"{path}: integrity ok; schema {HEAD}, current")
    if found is not None and found.isdigit() and HEAD.isdigit() and int(found) > int(HEAD):
        return Finding("store", Status.FAIL, f"{path} is from a newer Plaza Kiosk (schema {found}; "
                       f"this version {version()} knows up to {HEAD}); the app will not open it",
                       "install the newer version again (install.sh update), or move the file "
                       "aside to start empty (its unsent tickets stay in it)")
    return Finding("store", Status.WARN, f"{path}: integrity ok; schema {found or 'none'}, "
                   f"upgraded to {HEAD} at the next start", "restart the app")


@check("catalog")
def catalog_check(setup: Setup) -> Finding:
    path = setup.store_path
    if path is None:
        return _skip("catalog")
    if not path.exists():
        return Finding("catalog", Status.WARN, "no store yet: the catalog is loaded at the first "
                       "start", "start the app once")
    from kiosk.local_plaza import CATALOG_ETAG, CATALOG_LOADED_AT

    try:
        with _read_only(path) as connection:
            plaza = connection.execute("SELECT code, sample FROM plaza").fetchone()
            services = connection.execute("SELECT count(*) FROM service").fetchone()[0]
            etag = connection.execute("SELECT value FROM setting WHERE key = ?",
                                      (CATALOG_ETAG,)).fetchone()
            loaded = connection.execute("SELECT value FROM setting WHERE key = ?",
                                        (CATALOG_LOADED_AT,)).fetchone()
    except sqlite3.DatabaseError as error:
        return Finding("catalog", Status.FAIL, f"cannot read it ({error})", "see the store check")
    if plaza is None or not services:
        return Finding("catalog", Status.FAIL, "the store holds no catalog: no service to show",
                       "plaza-kiosk import-catalog FILE, or enrol the device to get the plaza's")
    code, sample = plaza
    source = f"version {etag[0]} from the city server" if etag and etag[0] else "from a file"
    age = ""
    if loaded:
        age = f", loaded {_age(setup.clock() - datetime.fromisoformat(loaded[0]))} ago"
    text = f"plaza {code}: {services} services, {source}{age}"
    if sample:
        return Finding("catalog", Status.WARN, text + "; it is the bundled SAMPLE catalog",
                       "enrol the device, or plaza-kiosk import-catalog with the plaza's own")
    if loaded and not (etag and etag[0]) and \
            setup.clock() - datetime.fromisoformat(loaded[0]) > CATALOG_OLD:
        return Finding("catalog", Status.WARN, text, "import the plaza's current catalog")
    return Finding("catalog", Status.PASS, text)


def _client(setup: Setup):
    from sync.client import CityClient

    return CityClient(setup.enrolment.server, setup.enrolment.token, retries=0,
                      timeout=(setup.timeout, setup.timeout))


@check("enrolment")
def enrolment_check(setup: Setup) -> Finding:
    if setup.data_dir is None:
        return _skip("enrolment")
    from sync.client import Offline, Outdated, Refused, Unauthorized
    from sync.credentials import FILE_NAME, load

    try:
        setup.enrolment = load(setup.data_dir)
    except ValueError as error:
        return Finding("enrolment", Status.FAIL, str(error),
                       "plaza-kiosk enroll --server URL --code CODE --role ROLE")
    if setup.enrolment is None:
        if setup.mode == Role.KIOSK:
            return Finding("enrolment", Status.WARN, "not enrolled: this kiosk numbers on its own, "
                           "with no city server", "plaza-kiosk enroll --server URL --code CODE "
                           "--role kiosk (a code from the city's admin)")
        return Finding("enrolment", Status.FAIL, f"not enrolled: a {setup.mode} works only with "
                       "the city server", f"plaza-kiosk enroll --server URL --code CODE --role "
                       f"{setup.mode}")
    who = (f"{setup.enrolment.role} {setup.enrolment.device_id} of plaza {setup.enrolment.plaza} "
           f"at {setup.enrolment.server}")
    if setup.enrolment.role != setup.mode:
        return Finding("enrolment", Status.FAIL, f"enrolled as {who}, but this is a {setup.mode}",
                       f"enrol again with --role {setup.mode}, or run the {setup.enrolment.role}")
    etag = None
    if setup.store_path and setup.store_path.exists():
        from kiosk.local_plaza import CATALOG_ETAG

        with _read_only(setup.store_path) as connection:
            row = connection.execute("SELECT value FROM setting WHERE key = ?",
                                     (CATALOG_ETAG,)).fetchone()
            etag = row[0] if row and row[0] else None
    client = _client(setup)
    try:
        client.catalog(etag)  # authenticated and cheap: 304 when the device's catalog is current
    except Unauthorized as error:
        return Finding("enrolment", Status.FAIL, f"{who}: the server refused the token ({error})",
                       f"the device was revoked or the server reset: delete "
                       f"{setup.data_dir / FILE_NAME} and enrol again")
    except Outdated as error:
        return Finding("enrolment", Status.FAIL, f"{who}: {error}", "install.sh update with the "
                       "current Plaza Kiosk")
    except Offline:
        return Finding("enrolment", Status.WARN, f"{who}: token not checked, the server did not "
                       "answer", "see the server check")
    except Refused as error:  # the token passed; the plaza has no catalog there yet
        return Finding("enrolment", Status.PASS, f"{who}: token accepted ({error})")
    finally:
        client.close()
    return Finding("enrolment", Status.PASS, f"{who}: token accepted")


@check("server")
def server_check(setup: Setup) -> Finding:
    if setup.enrolment is None:
        return _skip("server", "no city server: not enrolled")
    import requests

    from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

    url = f"{setup.enrolment.server.rstrip('/')}/v1/health"
    sent = setup.clock()
    try:
        answer = requests.get(url, timeout=setup.timeout,
                              headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})
        body = answer.json() if answer.ok else {}
    except (requests.RequestException, ValueError) as error:
        serious = Status.WARN if setup.mode == Role.KIOSK else Status.FAIL
        return Finding("server", serious, f"no answer from {url}: {type(error).__name__}",
                       "check the network and that this address opens from the device"
                       + ("; meanwhile the kiosk keeps numbering offline" if serious == Status.WARN else ""))
    received = setup.clock()
    if not answer.ok:
        return Finding("server", Status.FAIL, f"{url} answered {answer.status_code}: "
                       f"{answer.text[:160]}", "check the server address in the enrolment")
    setup.health = {**body, "_local": sent + (received - sent) / 2,
                    "_date": answer.headers.get("Date")}
    served = body.get("protocol")
    oldest = body.get("oldest_served", served)
    theirs = body.get("version", "(version not said)")
    text = (f"{setup.enrolment.server} answers: Plaza Kiosk {theirs}, sync protocol {served}; "
            f"this device {version()}, protocol {PROTOCOL_VERSION}")
    if not isinstance(served, int) or not isinstance(oldest, int):
        return Finding("server", Status.FAIL, f"{url} is not a Plaza Kiosk city server",
                       "check the server address in the enrolment")
    if oldest > PROTOCOL_VERSION:
        return Finding("server", Status.FAIL, text, "install.sh update: this device is too old "
                       "for the server")
    if served < PROTOCOL_VERSION:
        return Finding("server", Status.FAIL, text, "update the city server first, then the devices")
    return Finding("server", Status.PASS, text)


@check("clock")
def clock_check(setup: Setup) -> Finding:
    if setup.health is None:
        return _skip("clock", "not checked: no answer from a city server")
    local = setup.health["_local"]
    if setup.health.get("now"):
        server = datetime.fromisoformat(setup.health["now"])
        precision = timedelta(0)
    elif setup.health.get("_date"):
        server = parsedate_to_datetime(setup.health["_date"])
        precision = timedelta(seconds=1)  # the Date header counts whole seconds
    else:
        return _skip("clock", "not checked: the server did not say its time")
    skew = local - server
    ahead = "ahead of" if skew > timedelta(0) else "behind"
    text = f"this device is {abs(skew.total_seconds()):.1f} s {ahead} the city server"
    zone = setup.timezone
    if zone and service_day(local, zone) != service_day(server, zone):
        return Finding("clock", Status.FAIL, text + ": it numbers tickets for the wrong service day",
                       "timedatectl set-ntp true (and check the time zone), then restart")
    if abs(skew) > SKEW_FAIL + precision:
        return Finding("clock", Status.FAIL, text, "timedatectl set-ntp true, then restart")
    if abs(skew) > SKEW_WARN + precision:
        return Finding("clock", Status.WARN, text, "timedatectl set-ntp true")
    return Finding("clock", Status.PASS, text)


@check("outbox")
def outbox_check(setup: Setup) -> Finding:
    path = setup.store_path
    if path is None:
        return _skip("outbox")
    if not path.exists():
        return _skip("outbox", "no store yet")
    try:
        with _read_only(path) as connection:
            waiting, oldest = connection.execute(
                "SELECT count(*), min(created_at) FROM outbox WHERE rejected_at IS NULL").fetchone()
            refused = connection.execute(
                "SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return Finding("outbox", Status.FAIL, f"cannot read it ({error})", "see the store check")
    text = f"{waiting} waiting to be sent"
    age = setup.clock() - _utc(oldest) if oldest else timedelta(0)
    if waiting:
        text += f", the oldest for {_age(age)}"
    if refused:
        text += f"; {refused} refused by the server and set aside (reasons on the staff panel)"
    if setup.enrolment is None:
        return Finding("outbox", Status.PASS, text + " (not enrolled: kept for when it is)")
    if age > OUTBOX_FAIL:
        return Finding("outbox", Status.FAIL, text, "see the server and enrolment checks; the "
                       "log says why sending fails")
    if age > OUTBOX_WARN or refused:
        return Finding("outbox", Status.WARN, text, "see the server check; refusals are on the "
                       "staff panel")
    return Finding("outbox", Status.PASS, text)


def _utc(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@check("leases")
def leases_check(setup: Setup) -> Finding:
    if setup.mode != Role.KIOSK:
        return _skip("leases", f"a {setup.mode or 'device'} issues no numbers")
    if setup.enrolment is None:
        return _skip("leases", "not enrolled: a standalone kiosk numbers from 001 on its own")
    path = setup.store_path
    if path is None or not path.exists() or setup.timezone is None:
        return _skip("leases", "no store or catalog yet")
    today = service_day(setup.clock(), setup.timezone)
    tomorrow = today + timedelta(days=1)
    left = {today: 0, tomorrow: 0}
    with _read_only(path) as connection:
        for day, count in connection.execute(
                "SELECT service_day, sum(last - first + 1 - used) FROM number_lease "
                "WHERE service_day IN (?, ?) GROUP BY service_day",
                (today.isoformat(), tomorrow.isoformat())):
            left[datetime.fromisoformat(str(day)).date()] = int(count or 0)
    text = (f"numbers leased for offline use: {left[today]} left today ({today}), "
            f"{left[tomorrow]} for tomorrow")
    if not left[today]:
        return Finding("leases", Status.WARN, text + "; offline, this kiosk falls back to "
                       "device-tagged numbers", "let it reach the city server for a minute")
    return Finding("leases", Status.PASS, text)


@check("screen")
def screen_check(setup: Setup) -> Finding:
    size = setup.screen
    if size is None and not setup.in_app:
        size, why = _screen_from_here(setup.environ)
        if size is None:
            return Finding("screen", Status.WARN, why, "run doctor in the device's session, or see "
                           "the staff panel's device check")
    if size is None:
        return Finding("screen", Status.WARN, "no screen found", "check the cable and the unit's log")
    width, height = size
    shape = "portrait" if height > width else "landscape"
    mode = setup.mode or Role.KIOSK
    text = f"{width}x{height}, {shape}"
    least = SCREENS.get(mode, (0, 0))
    if any(have < need for have, need in zip(sorted(size), sorted(least), strict=True)):
        return Finding("screen", Status.WARN, f"{text}: smaller than a {mode} is designed for "
                       f"({least[0]}x{least[1]})", "use a larger screen, or check the resolution")
    if mode == Role.DISPLAY and shape == "portrait":
        return Finding("screen", Status.WARN, f"{text}: the board is designed for a landscape TV",
                       "rotate the output (see the install guide)")
    return Finding("screen", Status.PASS, text)


def _screen_from_here(environ: Mapping[str, str]) -> tuple[tuple[int, int] | None, str]:
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith("offscreen"):
        return None, "QT_QPA_PLATFORM=offscreen: no real screen in this shell"
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return None, "no screen in this shell (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    from plaza_kiosk.system_libs import check as qt_libraries

    if problem := qt_libraries(environ):
        return None, problem.replace("\n", " ")
    from ui.app import available_screen  # Qt loads only here

    area = available_screen()
    return (area[2], area[3]) if area else None, "Qt found no screen"


@check("fonts")
def fonts_check(setup: Setup) -> Finding:
    folder = ASSETS / "fonts"
    broken = [name for name in FONTS if not _font(folder / name)]
    if broken:
        return Finding("fonts", Status.FAIL, f"missing or damaged in {folder}: {', '.join(broken)}",
                       "reinstall this version (install.sh update)")
    return Finding("fonts", Status.PASS, f"Noto Sans regular and bold in {folder}")


def _font(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) in (b"\x00\x01\x00\x00", b"OTTO", b"true")
    except OSError:
        return False


@check("audio")
def audio_check(setup: Setup) -> Finding:
    if setup.mode != Role.DISPLAY:
        return _skip("audio", f"a {setup.mode or 'kiosk'} speaks nothing")
    from kiosk.voice import missing_clips
    from ui.announcer import PLAYERS, find_player

    player = find_player()
    missing = missing_clips()
    if missing:
        return Finding("audio", Status.WARN, f"voice clips missing: {', '.join(missing[:6])}",
                       "reinstall, or add the city's recordings (assets/voice/README.md)")
    if player is None:
        names = ", ".join(command[0] for command in PLAYERS)
        return Finding("audio", Status.WARN, f"no audio player ({names}): calls are shown, not "
                       "spoken", "sudo apt-get install alsa-utils (or pipewire-bin)")
    return Finding("audio", Status.PASS, f"calls are spoken with {Path(player[0]).name}; "
                   "every voice clip is there")


@check("printer")
def printer_check(setup: Setup) -> Finding:
    """The ticket printer's own answer to DLE EOT (kiosk.printing.printer), in words."""
    if setup.config is None:
        return _skip("printer")
    if setup.mode != Role.KIOSK:
        return _skip("printer", f"a {setup.mode} prints no tickets")
    from kiosk.printing.printer import printer_state_in_words
    from kiosk.printing.status import PrinterState

    found = printer_state_in_words(setup.config.printer)
    if not found.ok:
        return Finding("printer", Status.FAIL, found.words + ": tickets are shown on screen only",
                       found.fix)
    if found.status.state is PrinterState.PAPER_LOW:
        return Finding("printer", Status.WARN, found.words, found.fix)
    return Finding("printer", Status.PASS, found.words)


UNITS = ("plaza-kiosk@{mode}.service", "plaza-kiosk-x@{mode}.service")


@check("watchdog")
def watchdog_check(setup: Setup) -> Finding:
    from plaza_kiosk import sd_notify

    link = sd_notify.active()
    if setup.in_app:
        if link is None:
            return Finding("watchdog", Status.WARN, "not started by systemd: nothing restarts the "
                           "app if it stops or freezes", "install it with packaging/linux/install.sh")
        if link.interval is None:
            return Finding("watchdog", Status.WARN, "started by systemd without a watchdog",
                           "set WatchdogSec= in the unit (install.sh does)")
        since = f", the last {time.monotonic() - link.last_ping:.0f} s ago" if link.last_ping else ""
        return Finding("watchdog", Status.PASS, f"systemd watchdog: the GUI thread pings every "
                       f"{link.interval:g} s ({link.pings} pings{since})")
    if not Path("/run/systemd/system").is_dir() or shutil.which("systemctl") is None:
        return Finding("watchdog", Status.WARN, "no systemd on this machine: nothing restarts the "
                       "app if it stops or freezes", "on Debian or Ubuntu, install with "
                       "packaging/linux/install.sh")
    for unit in (pattern.format(mode=setup.mode or Role.KIOSK) for pattern in UNITS):
        state = _unit_state(unit)
        if isinstance(state, str):  # systemctl itself failed: say so, not "not installed"
            return Finding("watchdog", Status.WARN, f"could not ask systemd about {unit}: {state}",
                           f"systemctl status {unit} (is D-Bus running?)")
        if state.get("LoadState") != "loaded":
            continue
        watchdog = state.get("WatchdogUSec", "0")
        restarts = state.get("NRestarts", "0")
        text = (f"{unit} is {state.get('ActiveState')} ({state.get('SubState')}), watchdog "
                f"{watchdog}, restarted {restarts} times")
        if state.get("ActiveState") != "active":
            return Finding("watchdog", Status.FAIL, text, f"journalctl -b -u {unit}")
        if watchdog in ("0", "infinity", ""):
            return Finding("watchdog", Status.WARN, text, "reinstall the unit (install.sh update)")
        if restarts not in ("0", ""):
            return Finding("watchdog", Status.WARN, text, f"why: journalctl -b -u {unit}")
        return Finding("watchdog", Status.PASS, text)
    return Finding("watchdog", Status.WARN, f"no plaza-kiosk unit for {setup.mode} is installed",
                   "install with packaging/linux/install.sh")


def _unit_state(unit: str) -> dict[str, str] | str:
    """The unit's properties, or what went wrong asking systemd (one line)."""
    try:
        shown = subprocess.run(["systemctl", "show", unit, "--property=LoadState,ActiveState,"
                                "SubState,NRestarts,WatchdogUSec"], capture_output=True,
                               text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if shown.returncode != 0:
        return (shown.stderr.strip().splitlines() or [f"exit status {shown.returncode}"])[-1]
    return dict(line.split("=", 1) for line in shown.stdout.splitlines() if "=" in line)


# --- the command ----------------------------------------------------------------------------

MARKS = {Status.PASS: "PASS", Status.WARN: "WARN", Status.FAIL: "FAIL", Status.SKIP: "SKIP"}


def report(findings: Sequence[Finding], setup: Setup) -> str:
    width = max((len(f.check) for f in findings), default=0)
    lines = [f"Plaza Kiosk {version()} doctor: {setup.mode or 'kiosk'} mode, config "
             f"{config_path(setup.config_file, setup.environ)}"]
    for finding in findings:
        lines.append(f"{MARKS[finding.status]}  {finding.check:<{width}}  {finding.detail}")
        if finding.fix and finding.status in (Status.WARN, Status.FAIL):
            lines.append(f"{'':<{width + 6}}  fix: {finding.fix}")
    counts = {status: sum(f.status == status for f in findings) for status in Status}
    lines.append(f"{counts[Status.FAIL]} failed, {counts[Status.WARN]} warnings, "
                 f"{counts[Status.PASS]} passed, {counts[Status.SKIP]} not applicable")
    return "\n".join(lines)


def as_json(findings: Sequence[Finding], setup: Setup) -> str:
    return json.dumps({"version": version(), "mode": setup.mode,
                       "ok": not any(f.status == Status.FAIL for f in findings),
                       "checks": [asdict(f) for f in findings]}, indent=2)


def main(config_file: Path | None, mode: str | None, as_machine: bool) -> int:
    """Exit 0 when nothing failed, 1 when something did."""
    setup = Setup(config_file=config_file, mode=mode)
    findings = run(setup)
    print(as_json(findings, setup) if as_machine else report(findings, setup))
    return 1 if any(f.status == Status.FAIL for f in findings) else 0
