"""Starting the visitor kiosk: the Qt application, fonts, the store thread and the window.

The heavy parts (the store, the sync client, the screens beyond home) are imported where they
are first needed, so a kiosk can paint its first frame before loading them (ui.first_frame).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.paths import ASSETS
from kiosk.vocabulary import LAPOR_URL
from ui.first_frame import look_of
from ui.shell import KioskWindow
from ui.watchdog import GuiThreadPinger

if TYPE_CHECKING:
    from kiosk.catalog import Catalog
    from kiosk.config import Config
    from kiosk.local_plaza import LocalPlaza
    from sync.credentials import Enrolment
    from sync.ticket_desk import TicketDesk
    from ui.kiosk_model import KioskModel, StaffNotes, StatesRead

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("plaza-kiosk")
    for font in sorted((ASSETS / "fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("font %s could not be loaded", font.name)
    app.setFont(QFont("Noto Sans"))
    return app


def available_screen() -> tuple[int, int, int, int] | None:
    """The primary screen's free area (without panels and docks) as x, y, width, height;
    None without a screen. Makes the process's GUI application if it has none."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    if screen is None:
        return None
    free = screen.availableGeometry()
    return free.x(), free.y(), free.width(), free.height()


def place_window(window: QWidget, geometry: tuple[int, int, int, int], tries: int = 3) -> None:
    """Show `window` at (x, y) (its outer corner) with an inside of width x height. A window
    first laid out for its design size (the kiosk's 1080x1920) may have grown to its least
    size at that scale; once it has scaled to the size it got, it is given the one asked."""
    x, y, width, height = geometry
    window.resize(width, height)
    window.move(x, y)
    window.show()

    def again(left: int) -> None:
        if (window.width(), window.height()) != (width, height) and left:
            window.resize(width, height)
            QTimer.singleShot(0, lambda: again(left - 1))

    QTimer.singleShot(0, lambda: again(tries))


def build_kiosk(config: Config, plaza: LocalPlaza, notes: StaffNotes, *, kiosk_mode: bool,
                enrolment: Enrolment | None = None) -> KioskWindow:
    """The window, with its model and store thread, showing the home screen."""
    plaza = device_plaza(config, plaza, enrolment)
    catalog = plaza.catalog()  # on this thread, before the store thread exists
    model = kiosk_model(config, plaza, catalog, notes, enrolment)
    try:
        window = KioskWindow(look_of(config, catalog, plaza.timezone), model,
                             kiosk_mode=kiosk_mode)
    except BaseException:
        stop_model(model)
        raise
    attach_kiosk(window, model, enrolment)
    return window


def device_plaza(config: Config, plaza: LocalPlaza, enrolment: Enrolment | None) -> LocalPlaza:
    """The plaza as this device numbers tickets: with its enrolment's tag, on paper or not."""
    if enrolment is not None:
        plaza = plaza.enrolled(enrolment.tag or None)
    if config.printer.kind != "none":  # tickets are born "not printed" until the printer says so
        plaza = plaza.with_paper_tickets()
    return plaza


def kiosk_model(config: Config, plaza: LocalPlaza, catalog: Catalog, notes: StaffNotes,
                enrolment: Enrolment | None) -> KioskModel:
    """The model with its store and desk threads (and printer), on the UI thread."""
    from ui.kiosk_model import KioskModel
    from ui.store_thread import StoreThread

    if not (ASSETS / "translations" / "plaza_id.qm").exists():
        notes.errors.append("The Indonesian translation is missing: run `make` or reinstall.")
    desk = _ticket_desk(config, plaza, enrolment)
    store_thread = StoreThread()
    desk_thread = StoreThread(name="desk")
    model = KioskModel(config, plaza, catalog, store_thread, desk, desk_thread, notes)
    for worker in (store_thread, desk_thread):
        worker.unhandled.connect(model.note_problem)
    if config.printer.kind != "none":  # python-escpos loads (on the printer thread) only then
        from ui.printer_thread import PrinterDesk

        model.printer = PrinterDesk(config, plaza, store_thread, parent=model)
        # Before the window's own connection: the job starts before the ticket screen is built.
        model.ticketIssued.connect(model.printer.print_ticket)
    return model


def stop_model(model: KioskModel) -> None:
    if model.printer is not None:
        model.printer.stop()
    model.desk_thread.stop()
    model.store.stop()


def attach_kiosk(window: KioskWindow, model: KioskModel, enrolment: Enrolment | None,
                 states: StatesRead | None = None) -> None:
    """The model into the window (which may already show its first frame), the sync loop of
    an enrolled kiosk, and today's states: `states` when already read, else from the store."""
    from ui.widgets.qr import qr_matrix

    window.attach(model, look_of(model.config, model.catalog, model.plaza.timezone))
    model.catalogChanged.connect(
        lambda: window.use_look(look_of(model.config, model.catalog, model.plaza.timezone)))
    model.store.setParent(window)
    model.desk_thread.setParent(window)
    model.setParent(window)
    if enrolment is not None:
        from sync.loop import KIOSK_POLL  # the network stack loads only when enrolled
        from ui.sync_bridge import SyncBridge

        sync = SyncBridge(model.plaza, enrolment, model.config.qr.allowed_hosts, window,
                          lease_size=model.config.sync.lease_size, wait=KIOSK_POLL)
        sync.event.connect(model.on_sync_event)
        model.ticketIssued.connect(lambda _ticket: sync.nudge())
        window.sync = sync
        sync.start()
    if states is not None:
        model.use_states(states)
    else:
        model.refresh_states()
    # Every service page has a QR code; make them all now, off the UI thread, so no tap
    # waits for one (each costs ~25 ms to compute).
    urls = [service.info_url for service in model.catalog.services if service.info_url]
    model.store.submit(lambda: [qr_matrix(url) for url in (*urls, LAPOR_URL)], lambda _: None)


def _ticket_desk(config: Config, plaza: LocalPlaza, enrolment: Enrolment | None) -> TicketDesk:
    """Numbers from the city server when enrolled (with leased and tagged ones for when it
    does not answer); a kiosk standing alone numbers by itself."""
    from sync.ticket_desk import TicketDesk

    if enrolment is None:
        return TicketDesk(plaza, None)
    from sync.client import CityClient

    client = CityClient(enrolment.server, enrolment.token)
    return TicketDesk(plaza, client, budget=config.sync.online_wait)


class _FirstPaint(QObject):
    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, callback)  # after this frame is done
        return False


def on_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call back once the window's first screen has really been painted (not merely shown)."""
    catcher = _FirstPaint(callback)
    catcher.setParent(window)
    target = window.screens["home"] if isinstance(window, KioskWindow) else window
    target.installEventFilter(catcher)


def keep_alive(window: QWidget, ready: Callable[[], None] | None, ping: Callable[[], None],
               interval_s: float | None) -> GuiThreadPinger | None:
    """Under systemd's watchdog: `ready` once the window's first screen is painted (None: the
    caller says when), then `ping` every `interval_s` from a timer on this, the GUI, thread
    until the app quits."""
    pinger = GuiThreadPinger(ping, interval_s, window) if interval_s else None

    def painted() -> None:
        if ready is not None:
            ready()
        if pinger is not None:
            pinger.start()

    on_first_paint(window, painted)
    if pinger is not None:
        QApplication.instance().aboutToQuit.connect(pinger.stop)
    return pinger


def shutdown(window: KioskWindow) -> None:
    window.dispose()
