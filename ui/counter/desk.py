"""`plaza-kiosk counter`: a staff member signs in, then calls and serves tickets.

Every action goes to the city server, the one authority (DESIGN §4), on a network thread of
its own; the console never waits on the network. The live feed keeps the local store (the
last known queue) current, and the console is redrawn from it on the store thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLayout, QStackedWidget

from kiosk.calls import RECALLS_BEFORE_NO_SHOW, CounterMode, CounterView
from kiosk.config import Config
from kiosk.feed import TicketChange
from kiosk.hall import counter_view
from kiosk.local_plaza import LocalPlaza
from sync import counter as counter_ops
from sync.client import CityClient, Offline, Refused, Unauthorized
from sync.counter import Acted, Shift
from sync.credentials import Enrolment
from sync.protocol import CounterSetup, SignInAnswer
from sync.status import SyncEvent
from ui.counter.console import CounterConsole
from ui.counter.sign_in import SignInPanel
from ui.i18n import languages, translate
from ui.store_thread import StoreThread
from ui.theme import Palette, Theme
from ui.widgets.common import show_fullscreen

log = logging.getLogger(__name__)

SETUP_RETRY_MS = 5000
REDRAW_MS = 30_000  # "waited 12 min" moves on even when nothing happens


def problem_text(problem: str | None, reason: str | None) -> str:
    """A refused action, in the staff's words: what happened, and that nothing changed."""
    texts = {
        "no_one_waiting": translate("CounterDesk", "No one is waiting for this counter."),
        "busy": translate("CounterDesk", "Finish the current ticket first (done, no-show or transfer)."),
        "taken": translate(
            "CounterDesk", "Another counter has already called this number. Nothing was changed."
        ),
        "not_here": translate("CounterDesk", "This ticket is at another counter now. Nothing was changed."),
        "wrong_state": translate(
            "CounterDesk",
            "This ticket has changed meanwhile (transferred, finished or cancelled). Nothing was changed.",
        ),
        "too_early": translate(
            "CounterDesk", "Recall the visitor %1 times before marking a no-show."
        ).replace("%1", str(RECALLS_BEFORE_NO_SHOW)),
        "not_for_counter": translate("CounterDesk", "This counter does not serve that ticket's service."),
        "same_service": translate("CounterDesk", "The ticket already waits for that service."),
        "no_service": translate("CounterDesk", "That service is not available at this plaza."),
        "service_closed": translate(
            "CounterDesk", "That service is closed today. The ticket stays where it was."
        ),
        "paused": translate("CounterDesk", "The counter is paused. Resume it to call."),
    }
    return texts.get(
        problem or "",
        translate("CounterDesk", "The city server refused this: %1").replace("%1", reason or "?"),
    )


def sign_in_text(answer: SignInAnswer) -> str:
    if answer.problem == "wrong_pin":
        return translate("CounterDesk", "Wrong PIN. %1 tries left.").replace("%1", str(answer.attempts_left))
    if answer.problem == "locked":
        minutes = max(1, round(answer.locked_seconds / 60))
        return translate("CounterDesk", "Too many wrong PINs. Please try again in %1 min.").replace(
            "%1", str(minutes)
        )
    if answer.problem == "unknown_counter":
        return translate("CounterDesk", "This counter is not in the plaza's catalog.")
    return translate("CounterDesk", "This staff member cannot sign in here. Please ask the administrator.")


class CounterDesk(QObject):
    """Owns the console window, its threads and the staff session of one counter."""

    def __init__(self, config: Config, plaza: LocalPlaza, enrolment: Enrolment | None) -> None:
        super().__init__()
        self.plaza = plaza
        languages().switch(config.kiosk.default_language)  # the console follows it on LanguageChange
        theme = Theme(Palette.from_config(config.theme), landscape=True)
        self.sign_in = SignInPanel(theme)
        self.console = CounterConsole(theme, timezone=plaza.timezone, now=plaza.clock)
        self.stack = QStackedWidget()
        # Any window size: the panels scale to it (their least size at the design scale
        # would otherwise hold a smaller window at 1280x800).
        self.stack.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.stack.setWindowTitle(plaza.name.id or "Plaza Kiosk")
        self.stack.addWidget(self.sign_in)
        self.stack.addWidget(self.console)
        self.store = StoreThread(self, name="counter-store")
        self.net = StoreThread(self, name="counter-net")  # one server call at a time, in order
        for worker in (self.store, self.net):  # staff see it; the traceback is in the log
            worker.unhandled.connect(lambda _line: self.console.show_message(translate(
                "CounterDesk", "Something went wrong; nothing was changed. Please try again."),
                "error"))
        self.client = CityClient(enrolment.server, enrolment.token, retries=1) if enrolment else None
        self.session: str | None = None
        self.staff_name, self.counter = "", ""
        self.mode: CounterMode = "open"
        self.online, self.last_sync = False, None
        self.stopped_cleanly = True
        self.live = None
        if enrolment is not None:
            from ui.sync_bridge import SyncBridge

            self.live = SyncBridge(plaza, enrolment, config.qr.allowed_hosts, self)
            self.live.event.connect(self._on_update)
        self.sign_in.signInRequested.connect(self._sign_in)
        self.console.actionRequested.connect(lambda action, ticket: self.act(action, ticket))
        self.console.transferRequested.connect(lambda ticket, service: self.act("transfer", ticket, service))
        self.console.modeRequested.connect(self.set_mode)
        self._redraw = QTimer(self)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self.refresh)
        if self.client is None:
            self.sign_in.show_message(
                translate(
                    "CounterDesk",
                    "This console is not enrolled with the city server. "
                    "IT: plaza-kiosk enroll --role counter",
                ),
                "error",
            )

    # --- start and sign-in ---

    def start(self) -> None:
        if self.live is not None:
            self.live.start()
        self._load_setup()
        self._redraw.start()

    def _load_setup(self) -> None:
        if self.client is None:
            return
        self.net.submit(self.client.counter_setup, self._got_setup, self._setup_failed)

    def _got_setup(self, setup: CounterSetup) -> None:
        self.sign_in.set_staff([(member.id, member.name) for member in setup.staff])
        self.sign_in.set_counters(setup.counters)
        if not setup.staff:
            self.sign_in.show_message(
                translate(
                    "CounterDesk",
                    "No staff are registered for this plaza yet. IT: plaza-kiosk server add-staff",
                ),
                "error",
            )

    def _setup_failed(self, error: Exception) -> None:
        self.sign_in.show_message(
            translate("CounterDesk", "Cannot reach the city server; trying again…"), "error"
        )
        log.warning("counter setup: %s", error)
        QTimer.singleShot(SETUP_RETRY_MS, self._load_setup)

    def _sign_in(self, staff: str, pin: str, counter: str) -> None:
        self.sign_in.busy(True)
        self.net.submit(
            lambda: self.client.sign_in(staff, pin, counter), self._signed_in, self._sign_in_failed
        )

    def _signed_in(self, answer: SignInAnswer) -> None:
        self.sign_in.busy(False)
        self.sign_in.clear_pin()
        if not answer.ok:
            self.sign_in.show_message(sign_in_text(answer), "error")
            return
        self.session, self.staff_name, self.counter = answer.session, answer.name, answer.counter
        self.mode = "open"
        log.info("%s signed in at counter %s", answer.name, answer.counter)
        self.stack.setCurrentWidget(self.console)
        self.console.setFocus()
        self.refresh()

    def _sign_in_failed(self, error: Exception) -> None:
        self.sign_in.busy(False)
        self.sign_in.clear_pin()
        self.sign_in.show_message(self._network_text(error), "error")

    # --- actions ---

    def act(self, action: str, ticket: str = "", service: str | None = None) -> None:
        if self.session is None or self.client is None:
            return
        shift = Shift(self.session, self.staff_name, self.counter, self.mode)
        plaza, client = self.plaza, self.client
        self.console.busy(True)
        # One job on the network thread: the server's answer, kept, and the counter's new view.
        self.net.submit(lambda: counter_ops.act(plaza, client, shift, action, ticket, service),
                        self._acted, self._act_failed)

    def _acted(self, acted: Acted) -> None:
        self.console.busy(False)
        self.online = True
        result = acted.result
        if result.status == "rejected":
            self.console.show_message(problem_text(result.problem, result.reason), "error")
        else:
            self.console.show_message(self._done_text(result.result.ticket), "info")
        self._show(acted.view)

    def _done_text(self, ticket: TicketChange) -> str:
        number, state = ticket.number, ticket.state
        texts = {
            "called": translate("CounterDesk", "%1 is called to counter %2."),
            "serving": translate("CounterDesk", "Serving %1."),
            "done": translate("CounterDesk", "%1 is done."),
            "no_show": translate("CounterDesk", "%1 marked as not present."),
            "waiting": translate("CounterDesk", "%1 moved to another service's queue, keeping its place."),
        }
        return texts.get(state, "%1").replace("%1", number).replace("%2", self.counter)

    def _act_failed(self, error: Exception) -> None:
        self.console.busy(False)
        if isinstance(error, Unauthorized):
            self._signed_out(translate("CounterDesk", "Your session has ended. Please sign in again."))
            return
        self.console.show_message(self._network_text(error), "error")

    def _network_text(self, error: Exception) -> str:
        if isinstance(error, Offline):
            self._set_online(False)
            return translate(
                "CounterDesk",
                "No connection to the city server: nothing was changed. Calling needs "
                "the connection; it comes back by itself.",
            )
        if isinstance(error, Refused):
            return translate("CounterDesk", "The city server refused this: %1").replace("%1", str(error))
        log.error("counter: %s", error)
        return translate("CounterDesk", "Something went wrong; nothing was changed. Please try again.")

    def set_mode(self, mode: str) -> None:
        if self.session is None:
            return
        session = self.session
        self.console.busy(True)

        def changed(_result: object) -> None:
            self.console.busy(False)
            if mode == "closed":
                self._signed_out(
                    translate("CounterDesk", "Counter %1 is closed.").replace("%1", self.counter)
                )
                return
            self.mode = mode
            self.refresh()

        self.net.submit(lambda: self.client.set_counter_mode(session, mode), changed, self._act_failed)

    def _signed_out(self, message: str) -> None:
        self.session = None
        self.stack.setCurrentWidget(self.sign_in)
        self.sign_in.show_message(message, "info")
        self._load_setup()

    # --- the view ---

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.refresh()

    def _on_update(self, update: SyncEvent) -> None:
        changed = update.changed or update.online != self.online
        self.online, self.last_sync = update.online, update.last_sync or self.last_sync
        if changed:
            self.refresh()

    def refresh(self) -> None:
        if self.session is None:
            return
        counter, staff, mode = self.counter, self.staff_name, self.mode
        online, last_sync = self.online, self.last_sync
        self.store.submit(
            lambda: counter_view(self.plaza, counter, staff, mode, online, last_sync), self._show
        )

    def _show(self, view: CounterView) -> None:
        if self.session is not None and view.counter == self.counter:
            self.console.set_view(view)

    # --- window ---

    def window(self) -> QStackedWidget:
        return self.stack

    def show(self, kiosk_mode: bool, size: tuple[int, int] = (1280, 800)) -> None:
        if not kiosk_mode:
            self.stack.resize(*size)
            self.stack.show()
            return
        self.stack.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        show_fullscreen(self.stack)

    def dispose(self) -> None:
        self._redraw.stop()
        live_stopped = self.live is None or self.live.stop()
        net_stopped = self.net.stop()
        self.stopped_cleanly = self.store.stop() and live_stopped and net_stopped
        if self.client is not None:
            self.client.close()
