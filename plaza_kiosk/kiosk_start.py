"""`plaza-kiosk kiosk`: the visitor kiosk's start, its first frame first.

1. Paint: the home screen as the last run kept it (ui.first_frame), with only Qt and a few
   light modules loaded: a fraction of a second after the process starts.
2. Load, on a worker thread while that screen shows (and a tap is already taken): the
   config, the store, the catalog, the enrolment and today's states.
3. Attach, on the UI thread: the model, the other screens and the sync loop; the screen a
   tap asked for opens now. systemd hears READY=1 here, not at the paint.

Without a kept first frame (the very first start, or a file that cannot be used), step 2
runs first and the window is built whole, as the counter and the board are.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from kiosk.service_day import now_utc
from plaza_kiosk.device_window import Liveness, device_checks, problem_screen, report_first_paint
from ui import first_frame
from ui.app import application, on_first_paint, place_window

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.config import Config
    from kiosk.local_plaza import LocalPlaza
    from sync.credentials import Enrolment
    from ui.kiosk_model import StaffNotes, StatesRead

log = logging.getLogger("plaza_kiosk")

WINDOWED_KIOSK = (0, 0, 540, 960)  # x, y, width, height: a portrait kiosk at half size
LOAD_AT_THE_LATEST_MS = 1000
SCREEN_MODULES = ("ui.kiosk_model", "ui.screens.service", "ui.screens.staff", "ui.screens.survey",
                  "ui.screens.ticket", "ui.screens.search", "ui.widgets.qr")


@dataclass
class Loaded:
    """What step 2 brings to the UI thread."""

    config: Config
    plaza: LocalPlaza
    catalog: Catalog
    notes: StaffNotes
    enrolment: Enrolment | None
    states: StatesRead


@dataclass
class StartFailed:
    """The kiosk cannot start: the words staff read on the problem screen."""

    message: str


def load(args: Any) -> Loaded | StartFailed:
    """Step 2, on any thread: no widget is made here. What stops the start is returned, said
    plainly (the log has the traceback of what was not foreseen)."""
    from kiosk.catalog import CatalogError
    from kiosk.config import ConfigError, load_config
    from kiosk.store.db import StoreError
    from plaza_kiosk.startup import open_plaza, setup_logging
    from sync import credentials
    from ui.app import device_plaza
    from ui.kiosk_model import StaffNotes, read_states

    try:
        config = load_config(args.config)
        setup_logging(config.data_dir, args.verbose)
        plaza, problems = open_plaza(config)
        notes = StaffNotes(str(plaza.store.recovered_from or ""), problems)
        enrolment = None
        try:
            enrolment = credentials.load(config.data_dir)
        except ValueError as error:  # a damaged enrolment: keep serving, offline, and say so
            log.error("%s", error)
            notes.errors.append(str(error))
        plaza = device_plaza(config, plaza, enrolment)
        loaded = Loaded(config, plaza, plaza.catalog(), notes, enrolment, read_states(plaza))
        _import_screens()
    except (ConfigError, CatalogError, StoreError, ValueError) as error:
        return StartFailed(str(error))
    except Exception as error:
        log.exception("the kiosk could not start")
        return StartFailed(f"{type(error).__name__}: {error}")
    return loaded


def _import_screens() -> None:
    """Load the modules the UI thread is about to use, here, so it does not pause for them."""
    for module in SCREEN_MODULES:
        importlib.import_module(module)


def run(args: Any) -> int:
    from ui.stop_signals import quit_on_stop_signals
    from ui.store_thread import StoreThread

    frame_path = first_frame.location(args.config, os.environ, "kiosk")
    frame = first_frame.read(frame_path, now_utc())
    app = application()
    quit_on_stop_signals(app)
    kiosk = _Kiosk(app, args, frame_path)
    loader = None
    if frame is not None and not kiosk.show_kept(frame):
        frame = None
    if frame is None:
        kiosk.loaded(load(args))
    else:
        loader = StoreThread(name="start")
        started = False

        def start_loading() -> None:
            nonlocal started
            if not started:
                started = True
                loader.submit(lambda: kiosk.hold(load(args)), kiosk.loaded)

        # After the paint: the loading would otherwise take turns with the painting. (And
        # in a second at the latest: a window that is never painted still loads.)
        on_first_paint(kiosk.window, start_loading)
        QTimer.singleShot(LOAD_AT_THE_LATEST_MS, start_loading)
    code = app.exec()
    if loader is not None and not loader.stop():  # a load under way finishes first
        log.error("the kiosk's loading did not finish within 10 s of the stop")
        return 2
    kiosk.stop()
    return 2 if kiosk.problem is not None else code


class _Kiosk:
    """The window through the steps of the start, and its end."""

    def __init__(self, app: Any, args: Any, frame_path: Any) -> None:
        self.app = app
        self.args = args
        self.frame_path = frame_path
        self.window: Any = None
        self.parts: Loaded | None = None  # once attached
        self.held: Loaded | StartFailed | None = None  # what the loader made, delivered or not
        self.problem: Any = None  # the problem screen, once shown
        self._report_ready: Any = None  # --quit-after-first-paint's
        self._liveness: Liveness | None = None
        self._painted = False
        self._disposed = False

    def show_kept(self, frame: first_frame.FirstFrame) -> bool:
        """The kept first frame, or False (and the file gone) if it cannot be shown."""
        try:
            self.show(frame.look, frame.home)
        except Exception:
            log.exception("the kept first frame %s cannot be shown: starting without it",
                          self.frame_path)
            if self.window is not None:
                self._dispose()
                self.window.hide()
                self.window.deleteLater()
            self.window, self._disposed = None, False
            self.frame_path.unlink(missing_ok=True)
            return False
        return True

    def hold(self, result: Loaded | StartFailed) -> Loaded | StartFailed:
        """On the loader's thread: keep what was made, so a stop before it is delivered still
        closes its store."""
        self.held = result
        return result

    def show(self, look: first_frame.Look, facts: first_frame.HomeFacts | None) -> None:
        from ui.shell import KioskWindow

        model = first_frame.FirstFrameModel(facts or first_frame.HomeFacts(day=now_utc().date()))
        self.window = KioskWindow(look, model, kiosk_mode=not self.args.windowed)
        self._liveness = Liveness(self.app, self.window, "kiosk", ready_at_first_paint=False)
        on_first_paint(self.window, self._on_first_paint)
        if self.args.quit_after_first_paint:  # (installed last, its filter hears the paint first)
            self._report_ready = report_first_paint(self.app, self.window, "kiosk")
        if self.args.windowed:
            place_window(self.window, self.args.geometry or WINDOWED_KIOSK)
        else:
            self.window.show_kiosk()

    def loaded(self, result: Loaded | StartFailed) -> None:
        """Step 2 is done: attach, or say why the kiosk cannot start."""
        if isinstance(result, StartFailed):
            print(f"plaza-kiosk: {result.message}", file=sys.stderr)
            if self.window is not None:
                self._dispose()
                self.window.hide()
            self.problem = problem_screen(self.app, result.message, windowed=self.args.windowed,
                                          quit_after_first_paint=self.args.quit_after_first_paint)
            return
        if self.window is None:  # no first frame was kept: the window is built whole now
            self.show(first_frame.look_of(result.config, result.catalog, result.plaza.timezone),
                      None)
        try:
            self.attach(result)
        except Exception as error:
            log.exception("the kiosk could not start")
            self.loaded(StartFailed(f"{type(error).__name__}: {error}"))

    def attach(self, loaded: Loaded) -> None:
        from ui.app import attach_kiosk, kiosk_model, stop_model

        model = kiosk_model(loaded.config, loaded.plaza, loaded.catalog, loaded.notes,
                            loaded.enrolment)
        try:
            attach_kiosk(self.window, model, loaded.enrolment, loaded.states)
        except BaseException:
            stop_model(model)
            loaded.plaza.store.close()
            raise
        self.parts = loaded
        self.window.screens["staff"].offer_checks(device_checks(self.args.config, "kiosk"))
        keeper = first_frame.FirstFrameKeeper(self.frame_path, self.window, model)
        self.app.aboutToQuit.connect(keeper.keep_now)
        keeper.keep()
        self._ready_when_painted()

    def _on_first_paint(self) -> None:
        self._painted = True
        self._ready_when_painted()

    def _ready_when_painted(self) -> None:
        """Ready: the model attached and the home screen painted (in either order)."""
        if self._painted and self.parts is not None:
            self._liveness.ready()
            if self._report_ready is not None:
                self._report_ready()

    def _dispose(self) -> None:
        if self.window is not None and not self._disposed:
            self._disposed = True
            self.window.dispose()

    def stop(self) -> None:
        self._dispose()
        # The store is closed only when no thread can still be using it.
        if self.parts is not None and (self.window is None or self.window.stopped_cleanly):
            self.parts.plaza.store.close()
        elif self.parts is None and isinstance(self.held, Loaded):  # stopped while loading
            self.held.plaza.store.close()
