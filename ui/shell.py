"""The kiosk window: frame, screens, navigation, idle reset and the lock-down of a public kiosk."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.service_day import local_time, now_utc
from ui.first_frame import FirstFrameModel, Look
from ui.i18n import languages, translate
from ui.screens.base import Screen
from ui.screens.home import HomeScreen
from ui.theme import Theme
from ui.widgets.common import show_fullscreen
from ui.widgets.frame import Footer, Header, Wave

if TYPE_CHECKING:
    from ui.kiosk_model import KioskModel

log = logging.getLogger(__name__)

ACTIVITY_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
                   QEvent.Type.Wheel, QEvent.Type.TouchUpdate}
HISTORY_LIMIT = 20


class IdleWatch(QObject):
    """Watches every touch, click and key in the app; calls back after idle timeouts."""

    idle = Signal()
    longIdle = Signal()

    def __init__(self, idle_seconds: int, attract_seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle = QTimer(self, singleShot=True, interval=idle_seconds * 1000)
        self._long = QTimer(self, singleShot=True, interval=attract_seconds * 1000)
        self._idle.timeout.connect(self.idle.emit)
        self._long.timeout.connect(self.longIdle.emit)
        self.poke()

    def set_timeouts(self, idle_ms: int, attract_ms: int) -> None:
        self._idle.setInterval(idle_ms)
        self._long.setInterval(attract_ms)
        self.poke()

    def poke(self) -> None:
        self._idle.start()
        self._long.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.poke()
        return False


class KioskWindow(QWidget):
    """The kiosk's one window. Made with its look and home screen first (from the last run's
    first frame, or from the loaded model); `attach` brings the loaded model and the other
    screens. A tap that asks for another screen before then is kept and carried out then."""

    screenChanged = Signal(str)

    def __init__(self, look: Look, model: KioskModel | FirstFrameModel, *,
                 kiosk_mode: bool = True) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.model = model
        self.kiosk_mode = kiosk_mode
        self.look = look
        self.ready = False  # the loaded model is attached
        self._asked: tuple[str, dict[str, Any]] | None = None  # a screen asked for before that
        self._clock: Callable[[], datetime] = now_utc  # the plaza's clock once attached
        self.theme = Theme(look.palette)
        self.history: list[tuple[str, dict[str, Any]]] = []
        self.stopped_cleanly = False
        self.current: Screen | None = None

        self.header = Header(look.plaza_name.id, look.city,
                             lambda: local_time(self._clock(), self.look.timezone), look.logo)
        self.offline_bar = QLabel()  # shown only while an enrolled kiosk cannot reach the city
        self.offline_bar.setProperty("role", "offline")
        self.offline_bar.setWordWrap(True)
        self.offline_bar.hide()
        self.sync = None  # the SyncBridge of an enrolled kiosk (set by build_kiosk)
        self.stack = QStackedWidget()
        self.footer = Footer()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.wave = Wave()
        for widget in (self.header, self.wave, self.offline_bar):
            layout.addWidget(widget)
        # Portrait: content over the footer. Landscape: the footer is a rail left of it.
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(0)
        self.body.addWidget(self.stack, 1)
        self.body.addWidget(self.footer)
        layout.addLayout(self.body, 1)

        self.screens: dict[str, Screen] = {}
        self._add_screen(HomeScreen(model, self))
        self.header.languageChosen.connect(self.set_language)
        self.header.staffGesture.connect(lambda: self.go("staff"))
        self.footer.back.connect(self.back)
        self.footer.home.connect(self.home)
        self.footer.largeTextToggled.connect(lambda on: self.set_theme(large_text=on))
        self.footer.contrastToggled.connect(lambda on: self.set_theme(high_contrast=on))

        self.idle = IdleWatch(look.idle_seconds, look.attract_seconds, self)
        QApplication.instance().installEventFilter(self.idle)
        self.idle.idle.connect(self.reset)
        self.idle.longIdle.connect(lambda: self.go("attract", _replace=True))

        self._cursor_hidden = False
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
            self.setCursor(Qt.CursorShape.BlankCursor)
            # Over every widget too: a text field would otherwise show its I-beam.
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._cursor_hidden = True
            QApplication.instance().installEventFilter(self)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.set_language(look.language)
        self._retranslate()  # the app may already have been in that language: no LanguageChange
        self._apply_theme()
        self.go("home")

    def attach(self, model: KioskModel, look: Look) -> None:
        """The loaded model (and the look from the loaded config and catalog): the other
        screens, the home screen's facts from the store, then any screen already asked for."""
        # The screens load here, not before the first frame (see ui.first_frame).
        from ui.screens.attract import AttractScreen
        from ui.screens.info import InfoScreen
        from ui.screens.queue import QueueScreen
        from ui.screens.search import SearchScreen
        from ui.screens.service import ServiceScreen
        from ui.screens.services import ServicesScreen
        from ui.screens.staff import StaffScreen
        from ui.screens.survey import SurveyScreen
        from ui.screens.ticket import TicketScreen

        self.model = model
        self._clock = model.plaza.clock
        for screen_class in (ServicesScreen, ServiceScreen, SearchScreen, TicketScreen,
                             QueueScreen, InfoScreen, StaffScreen, AttractScreen, SurveyScreen):
            screen = screen_class(model, self)
            screen.setProperty("stale_theme", True)  # themed when first shown
            self._add_screen(screen)
        self.screens["staff"].exitRequested.connect(self.leave_kiosk_mode)
        model.ticketIssued.connect(lambda ticket: self.go("ticket", ticket=ticket))
        model.syncChanged.connect(self._render_offline_bar)
        self.ready = True
        self.use_look(look)
        home = self.screens["home"]
        if home.model is not model:
            home.attach(model)
        if self._asked is not None:
            name, params = self._asked
            self._asked = None
            self.go(name, **params)

    def use_look(self, look: Look) -> None:
        """A look from the loaded config or a new catalog: what differs changes on screen."""
        before, self.look = self.look, look
        self.header.set_plaza(look.plaza_name.id, look.city, look.logo)
        self.idle.set_timeouts(look.idle_seconds * 1000, look.attract_seconds * 1000)
        if look.palette != before.palette:
            self.theme = self.theme.with_(palette=look.palette)
            self._apply_theme()
        if look.language != before.language and self.current is self.screens["home"]:
            self.set_language(look.language)  # no visitor has chosen yet: the first frame's

    def _add_screen(self, screen: Screen) -> None:
        # A page never makes the window grow: screens scroll instead (see ScrollScreen).
        screen.setMinimumSize(1, 1)
        self.screens[screen.name] = screen
        self.stack.addWidget(screen)

    # --- navigation ---

    def go(self, name: str, _replace: bool = False, **params: Any) -> None:
        if name not in self.screens:  # before the model is loaded: kept for `attach`
            self._asked = (name, params)
            return
        self._asked = None  # a later choice (home, idle) wins over a screen asked for before
        screen = self.screens[name]
        if self.current is not None:
            self.current.leave()
            if not _replace and self.current.name not in ("ticket", "attract"):
                self.history.append((self.current.name, dict(self.current.params)))
                del self.history[:-HISTORY_LIMIT]
        if name == "home":
            self.history.clear()
        self.current = screen
        self._show_frame()
        self.footer.set_back_visible(bool(self.history))
        if screen.property("stale_theme"):
            screen.setProperty("stale_theme", False)
            screen.apply_theme(self.theme)
        screen.enter(**params)
        self.stack.setCurrentWidget(screen)
        self.screenChanged.emit(name)

    def _render_offline_bar(self) -> None:
        status = self.model.sync if self.ready else None
        if status is None or status.online:
            self.offline_bar.hide()
            return
        if status.last_sync is None:
            text = translate("Shell", "Offline — not yet connected to the city server. "
                             "You can still take a number.")
        else:
            when = local_time(status.last_sync, self.model.plaza.timezone).strftime("%H:%M")
            text = translate("Shell", "Offline — data from %1. You can still take a number.") \
                .replace("%1", when)
        self.offline_bar.setText(text)
        self.offline_bar.show()

    def _show_frame(self) -> None:
        framed = self.current is None or self.current.show_frame
        self.header.setVisible(framed)
        self.wave.setVisible(framed and not self.theme.high_contrast)
        self.footer.setVisible(framed)

    def back(self) -> None:
        if not self.history:
            self.home()
            return
        name, params = self.history.pop()
        if self.current is not None:
            self.current.leave()
        self.current = None
        self.go(name, _replace=True, **params)
        self.footer.set_back_visible(bool(self.history))

    def home(self) -> None:
        self.go("home")

    def reset(self) -> None:
        """Idle: back to the start with everything cleared, in the default language."""
        self._clear_visit()
        if self.current is None or self.current.name not in ("home", "attract"):
            log.info("idle: back to the home screen")
            self.home()

    def finish_visit(self) -> None:
        """The visitor is done (the ticket's Done, or its countdown): the next one starts on
        the home screen with everything cleared, in the default language."""
        self.home()
        self._clear_visit()

    def _clear_visit(self) -> None:
        if self.ready:
            self.model.end_visit()
        self.set_language(self.look.language)
        self.set_theme(large_text=False, high_contrast=False)

    # --- language and theme ---

    def set_language(self, lang: str) -> None:
        """The visitor's choice, or idle's reset: the app's language (the texts follow on
        LanguageChange, in every window of the app)."""
        languages().switch(lang)

    def _retranslate(self) -> None:
        # The header and footer word themselves; the screen on show is built again (the others
        # are built when entered). Catalog texts follow too: the model reads the app's language.
        self._render_offline_bar()
        self.setWindowTitle(translate("Shell", "Plaza Kiosk"))
        if self.current is not None:
            self.current.render()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    def set_theme(self, **changes: Any) -> None:
        theme = self.theme.with_(**changes)
        if theme != self.theme:
            self.theme = theme
            self._apply_theme()

    def _apply_theme(self) -> None:
        theme = self.theme
        self.setStyleSheet(theme.stylesheet())
        self.header.apply_theme(theme)
        self.wave.apply_theme(theme)
        self._show_frame()
        self.body.setDirection(QBoxLayout.Direction.RightToLeft if theme.landscape
                               else QBoxLayout.Direction.TopToBottom)
        self.footer.apply_theme(theme)
        self.footer.set_modes(theme.large_text, theme.high_contrast)
        for screen in self.screens.values():
            if screen is self.current:
                screen.apply_theme(theme)
            else:
                screen.setProperty("stale_theme", True)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        size = event.size()
        scale = Theme.scale_for(size.width(), size.height())
        landscape = size.width() > size.height()
        if abs(scale - self.theme.scale) > 0.01 or landscape != self.theme.landscape:
            self.set_theme(scale=scale, landscape=landscape)

    # --- lock-down ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                return True
            if event.key() == Qt.Key.Key_F4 and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                return True
        return event.type() == QEvent.Type.ContextMenu

    def closeEvent(self, event) -> None:
        if self.kiosk_mode:
            event.ignore()  # Alt+F4 through the window manager: a kiosk stays up
            return
        super().closeEvent(event)

    def dispose(self) -> None:
        """Stop watching the app's events and stop the worker threads (before the window goes)."""
        app = QApplication.instance()
        app.removeEventFilter(self.idle)
        app.removeEventFilter(self)
        self._show_cursor()
        if not self.ready:  # no thread of the model's was started
            self.stopped_cleanly = True
            return
        sync_stopped = self.sync is None or self.sync.stop()
        # The store is closed only when no thread can still be using it. The desk waits at
        # most the online budget on the network, so its stop is bounded too.
        desk_stopped = self.model.desk_thread.stop()
        printer_stopped = self.model.printer is None or self.model.printer.stop()
        self.stopped_cleanly = (self.model.store.stop() and sync_stopped and desk_stopped
                                and printer_stopped)

    def leave_kiosk_mode(self) -> None:
        log.warning("staff left kiosk mode")
        self.kiosk_mode = False
        QApplication.instance().removeEventFilter(self)
        self._show_cursor()
        QApplication.instance().quit()

    def _show_cursor(self) -> None:
        if self._cursor_hidden:
            self._cursor_hidden = False
            QApplication.restoreOverrideCursor()

    def show_kiosk(self) -> None:
        """Fullscreen on the whole screen."""
        show_fullscreen(self)
