"""The kiosk's first frame: its home screen as the last run left it, painted before the store,
the config and the catalog are loaded.

A kiosk restarted at dawn, after a power cut or by the watchdog should show its home screen
at once. Loading the config (pydantic), the store (SQLAlchemy) and the rest takes most of a
second, so the running kiosk keeps what its home screen needs in a small file (`FirstFrame`),
and the next start paints that first and loads the rest on a worker thread meanwhile (a tap
in between waits for it, never lost). The file is only a cache: without it, or if it cannot
be read, the kiosk starts the slow way. What depends on the moment (numbers being served,
services open) is shown only from a file of the same service day and a few minutes old.

This module imports only Qt and the standard library, so it is cheap before the first paint.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.paths import CONFIG_ENV, ENV_PREFIX, user_cache_dir
from kiosk.service_day import service_day
from kiosk.vocabulary import Text
from ui.i18n import languages
from ui.theme import Palette

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.config import Config

log = logging.getLogger(__name__)

FORMAT = 1  # bumped when the file's shape changes; another shape is ignored, not misread
FRESH_FOR = timedelta(minutes=10)  # moment-bound facts older than this are not shown


@dataclass(frozen=True)
class Look:
    """The window's frame: from the config (colours, language, idle times, logo) and the
    catalog (the plaza's name, city and time zone)."""

    palette: Palette
    language: str
    idle_seconds: int
    attract_seconds: int
    logo: str
    plaza_name: Text
    city: str
    timezone: str


@dataclass(frozen=True)
class Serving:
    """A number called to a counter, as the home screen shows it."""

    number: str
    counter: str


@dataclass(frozen=True)
class HomeFacts:
    """What the home screen shows besides its buttons. `None`: not known yet (a first frame
    from another day or an old file); the card waits for the store's answer."""

    day: date
    announcements: tuple[Text, ...] = ()
    services: int = 0  # services in the catalog
    open_now: int | None = None  # of them, taking numbers now
    serving: tuple[Serving, ...] | None = None  # at their counters now, newest first
    last_call: Serving | None = None  # when nobody is at a counter: the day's last call


@dataclass(frozen=True)
class FirstFrame:
    look: Look
    home: HomeFacts
    written: datetime  # aware (UTC)


def look_of(config: Config, catalog: Catalog, timezone: str) -> Look:
    plaza = catalog.plaza
    return Look(palette=Palette.from_config(config.theme), language=config.kiosk.default_language,
                idle_seconds=config.kiosk.idle_seconds, attract_seconds=config.kiosk.attract_seconds,
                logo=config.plaza.logo, plaza_name=plaza.name, city=plaza.city, timezone=timezone)


def location(config_file: Path | str | None, environ: Mapping[str, str], mode: str) -> Path:
    """Where this device's first frame is kept: the user's cache folder, one file per config
    file, `PLAZA_KIOSK*` environment and mode (a test or a second device on one machine never
    paints another's frame)."""
    inputs = [mode, str(Path(config_file).resolve()) if config_file else ""]
    inputs += sorted(f"{k}={v}" for k, v in environ.items() if k.startswith((ENV_PREFIX, CONFIG_ENV)))
    key = hashlib.sha256("\0".join(inputs).encode()).hexdigest()[:16]
    return user_cache_dir() / f"first-frame-{mode}-{key}.json"


def read(path: Path, now: datetime) -> FirstFrame | None:
    """The first frame kept at `path`, with the moment-bound facts dropped unless they are of
    `now`'s service day and fresh; None when there is none or it cannot be used."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            return None
        look = data["look"]
        frame = FirstFrame(
            look=Look(palette=Palette(**{k: _string(v) for k, v in look["palette"].items()}),
                      language=_string(look["language"]),
                      idle_seconds=int(look["idle_seconds"]),
                      attract_seconds=int(look["attract_seconds"]), logo=_string(look["logo"]),
                      plaza_name=_text(look["plaza_name"]), city=_string(look["city"]),
                      timezone=_string(look["timezone"])),
            home=_home_facts(data["home"]),
            written=datetime.fromisoformat(data["written"]),
        )
        today = service_day(now, frame.look.timezone)
        fresh = frame.home.day == today and timedelta(0) <= now - frame.written <= FRESH_FOR
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.info("the first frame in %s is not usable (%s): starting without it", path, error)
        return None
    if not fresh:
        frame = replace(frame, home=HomeFacts(day=today, announcements=frame.home.announcements,
                                              services=frame.home.services))
    return frame


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def _text(item: Any) -> Text:
    return Text(id=_string(item["id"]), en=_string(item["en"]))


def _serving(item: Any) -> Serving:
    return Serving(_string(item["number"]), _string(item["counter"]))


def _home_facts(data: dict[str, Any]) -> HomeFacts:
    return HomeFacts(
        day=date.fromisoformat(data["day"]),
        announcements=tuple(_text(item) for item in data["announcements"]),
        services=int(data["services"]),
        open_now=None if data["open_now"] is None else int(data["open_now"]),
        serving=None if data["serving"] is None else tuple(_serving(s) for s in data["serving"]),
        last_call=None if data["last_call"] is None else _serving(data["last_call"]),
    )


def write(path: Path, frame: FirstFrame) -> None:
    """Keep `frame` for the next start: whole or not at all (a new file moved over the old)."""
    data = {"format": FORMAT, "look": asdict(frame.look), "home": asdict(frame.home),
            "written": frame.written.isoformat()}
    path.parent.mkdir(parents=True, exist_ok=True)
    # Its own partial file: the store thread's write and the one at quit may overlap.
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".partial")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(data, file, default=str, ensure_ascii=False)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


class FirstFrameModel(QObject):
    """The home screen's model until the real one is loaded: the kept facts, and the texts in
    the app's language."""

    statesChanged = Signal()

    def __init__(self, facts: HomeFacts) -> None:
        super().__init__()
        self.facts = facts

    def home_facts(self) -> HomeFacts:
        return self.facts

    @property
    def language(self) -> str:
        return languages().current

    def text(self, value: Text) -> str:
        return value.get(self.language)


class FirstFrameKeeper(QObject):
    """Keeps the running kiosk's first frame for its next start: a few seconds after what the
    home screen shows has changed (or half its freshness has gone), written on the store
    thread. Losing the file costs the next start its speed, nothing else, so a failure is
    logged once and not shown to staff."""

    WRITE_DELAY_MS = 5_000

    def __init__(self, path: Path, window: Any, model: Any) -> None:
        super().__init__(window)
        self._path = path
        self._window = window
        self._model = model
        self._kept: tuple[Look, HomeFacts] | None = None
        self._kept_at: datetime | None = None
        self._warned = False
        self._unwritten: FirstFrame | None = None  # handed to the store thread, not yet written
        self._timer = QTimer(self, singleShot=True, interval=self.WRITE_DELAY_MS)
        self._timer.timeout.connect(self.keep)
        for changed in (model.statesChanged, model.catalogChanged):
            changed.connect(self._timer.start)

    def keep(self) -> None:
        """On the store thread, when what is shown has changed (or half its freshness is gone)."""
        if (frame := self._changed()) is not None:
            self._unwritten = frame
            self._model.store.submit(lambda: self._write(frame), self._written)

    def keep_now(self) -> None:
        """On this thread: when the app quits (the store thread may not run another job)."""
        if (frame := self._changed() or self._unwritten) is not None:
            self._written(self._write(frame))

    def _changed(self) -> FirstFrame | None:
        now = self._model.plaza.clock()
        shown = (self._window.look, self._model.home_facts())
        if shown == self._kept and self._kept_at is not None and now - self._kept_at < FRESH_FOR / 2:
            return None
        self._kept, self._kept_at = shown, now
        return FirstFrame(look=shown[0], home=shown[1], written=now)

    def _write(self, frame: FirstFrame) -> OSError | None:
        try:
            write(self._path, frame)
        except OSError as error:  # a read-only or full disk: said once below, no traceback
            return error
        return None

    def _written(self, error: OSError | None) -> None:
        self._unwritten = None
        if error is not None and not self._warned:
            self._warned = True
            log.warning("cannot keep the first frame in %s (%s): the next start will be slower",
                        self._path, error)
