"""`plaza-kiosk display`: the hall's TV. The live feed brings calls; the board shows them, the
announcer reads them out one after another; the store (read on its own thread) is the last
known state when the network is gone."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt

from kiosk.calls import BoardState, Call
from kiosk.config import Config
from kiosk.hall import board_state
from kiosk.local_plaza import LocalPlaza
from kiosk.service_day import local_time
from sync.credentials import Enrolment
from sync.status import SyncEvent
from ui.announcer import Announcer
from ui.display.board import DisplayBoard
from ui.i18n import languages
from ui.store_thread import StoreThread
from ui.theme import Palette, Theme
from ui.widgets.common import show_fullscreen

log = logging.getLogger(__name__)

FRESH_CALL = timedelta(seconds=60)  # older calls (a backlog after a reconnect) are not read out


class HallDisplay(QObject):
    """Owns the board, the store thread, the live feed and the announcer of one TV."""

    def __init__(self, config: Config, plaza: LocalPlaza, enrolment: Enrolment | None,
                 announcer: Announcer | None = None) -> None:
        super().__init__()
        self.plaza = plaza
        theme = Theme(Palette.from_config(config.theme), landscape=True)
        languages().switch(config.kiosk.default_language)  # the board follows the app's language
        self.board = DisplayBoard(theme, plaza.name.get(config.kiosk.default_language),
                                  lambda: local_time(plaza.clock(), plaza.timezone),
                                  logo_path=config.plaza.logo)
        self.store = StoreThread(self, name="display-store")
        self.announcer = announcer if announcer is not None else Announcer(
            self, lang=config.kiosk.default_language)
        # A slot of this object: the announcer's thread hands the words to the GUI thread.
        self.announcer.calling.connect(self._caption)
        self.online = enrolment is None  # a board standing alone has nothing to be away from
        self.last_sync: datetime | None = None
        self.live = None
        self.stopped_cleanly = True
        self._to_pulse: set[str] = set()  # tickets of fresh calls whose state is on its way
        if enrolment is not None:
            from ui.sync_bridge import SyncBridge

            self.live = SyncBridge(plaza, enrolment, config.qr.allowed_hosts, self)
            self.live.event.connect(self._on_update)
        self.refresh()

    def start(self) -> None:
        if self.live is not None:
            self.live.start()

    def refresh(self) -> None:
        online, last_sync = self.online, self.last_sync
        self.store.submit(lambda: board_state(self.plaza, online, last_sync), self._show)

    def _show(self, state: BoardState) -> None:
        self.board.set_state(state)
        # Pulse once the new call is the one shown, not over whatever was shown before it.
        if state.current is not None and state.current.ticket in self._to_pulse:
            self._to_pulse.clear()
            self.board.pulse()

    def _on_update(self, update: SyncEvent) -> None:
        changed = update.changed or update.online != self.online
        self.online, self.last_sync = update.online, update.last_sync or self.last_sync
        if changed or update.calls:
            self.refresh()
        now = self.plaza.clock()
        fresh = [call for call in update.calls if now - call.at <= FRESH_CALL]
        self._to_pulse = {call.ticket for call in fresh} or self._to_pulse
        for call in fresh:
            self.announce(call)

    def _caption(self, number: str, counter: str, text: str) -> None:
        self.board.show_spoken(text, number, counter)

    def announce(self, call: Call) -> None:
        log.info("call: %s to counter %s", call.number, call.counter)
        self.announcer.announce(call.number, call.counter)

    def window(self) -> DisplayBoard:
        return self.board

    def show(self, kiosk_mode: bool, size: tuple[int, int] = (1920 // 2, 1080 // 2)) -> None:
        if not kiosk_mode:
            self.board.resize(*size)
            self.board.show()
            return
        self.board.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.board.setCursor(Qt.CursorShape.BlankCursor)
        show_fullscreen(self.board)

    def dispose(self) -> None:
        live_stopped = self.live is None or self.live.stop()
        self.announcer.stop()
        self.board.dispose()
        self.stopped_cleanly = self.store.stop() and live_stopped
