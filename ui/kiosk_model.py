"""The visitor kiosk's state on the UI side: catalog, today's service states, language, modes.

Screens read from here and listen to its signals; all store work goes through the store
thread, so a slow disk never freezes a tap.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.availability import StaffOverride
from kiosk.calls import Call
from kiosk.catalog import Agency, Catalog, Category, Service
from kiosk.config import Config
from kiosk.hall import board_state
from kiosk.local_plaza import IssuedTicket, IssueRefused, LocalPlaza, ServiceState
from kiosk.numbering import tracking_url
from kiosk.outbox import OutboxHealth
from kiosk.pin import PinGuard, PinResult
from kiosk.vocabulary import Priority
from sync.status import SyncEvent
from sync.ticket_desk import TicketDesk
from ui.first_frame import HomeFacts, Serving
from ui.i18n import languages
from ui.store_thread import StoreThread
from ui.widgets.qr import qr_matrix

log = logging.getLogger(__name__)

STATE_REFRESH_MS = 15_000

# What a refresh reads: today's states, the outbox's health and the latest calls, newest first.
StatesRead = tuple[dict[str, ServiceState], OutboxHealth, tuple[Call, ...]]


def read_states(plaza: LocalPlaza) -> StatesRead:
    """Today's service states and calls (store work: on the store thread, or the start's)."""
    board = board_state(plaza, True, None)  # only its calls are read here
    calls = ((board.current,) if board.current else ()) + board.recent
    return plaza.service_states(), plaza.outbox_health(), calls


@dataclass
class StaffNotes:
    """What staff should know about this device (shown in the staff panel)."""

    recovered_from: str = ""
    catalog_problems: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class KioskModel(QObject):
    statesChanged = Signal()
    ticketIssued = Signal(object)  # IssuedTicket
    issueRefused = Signal(object)  # IssueRefused
    issueFailed = Signal()
    reprintReady = Signal(object)  # IssuedTicket | None
    syncChanged = Signal()
    catalogChanged = Signal()

    def __init__(self, config: Config, plaza: LocalPlaza, catalog: Catalog,
                 store_thread: StoreThread, desk: TicketDesk, desk_thread: StoreThread,
                 notes: StaffNotes | None = None) -> None:
        super().__init__()
        self.config = config
        self.plaza = plaza
        self.store = store_thread
        self.desk = desk  # issues tickets on desk_thread: may wait ≤ 1 s on the city server
        self.desk_thread = desk_thread
        self.notes = notes or StaffNotes()
        self.printer = None  # ui.printer_thread.PrinterDesk when a printer is set up (build_kiosk)
        self.states: dict[str, ServiceState] = {}
        self.calls: tuple[Call, ...] = ()  # today's latest calls to counters, newest first
        self.pin_guard = PinGuard(config.staff.pin_hash, config.staff.max_attempts,
                                  config.staff.lockout_seconds)
        self.outbox = OutboxHealth(0, 0)  # for the staff panel
        self.sync: SyncEvent | None = None  # the last; None: not enrolled, a standalone kiosk
        self.visit = 0  # bumped when a visitor's session ends (idle, home)
        self.issuing = False  # one ticket at a time, whichever screen asked
        self._refreshing = False
        self._refresh_again = False
        self._use_catalog(catalog)  # read before the store thread started
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(STATE_REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh_states)
        self._refresh_timer.start()

    # --- the catalog ---

    def _use_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog  # immutable; replaced whole when the city server's changes
        self._agencies = {a.code: a for a in catalog.agencies}
        self._categories = {c.code: c for c in catalog.categories}
        self._services = {s.code: s for s in catalog.services}

    def reload_catalog(self) -> None:
        """The city server's newer catalog is in the store: use it from the next screen on."""
        def done(catalog: Catalog) -> None:
            self._use_catalog(catalog)
            self.catalogChanged.emit()
            self.refresh_states()

        self.store.submit(self.plaza.catalog, done, self._store_error)

    # --- lookups ---

    def service(self, code: str) -> Service:
        return self._services[code]

    def has_service(self, code: str) -> bool:
        return code in self._services

    def agency(self, code: str) -> Agency:
        return self._agencies[code]

    def category(self, code: str) -> Category:
        return self._categories[code]

    def services_of(self, *, agency: str | None = None, category: str | None = None) -> list[Service]:
        return [s for s in self.catalog.services
                if (agency is None or s.agency == agency)
                and (category is None or s.category == category)]

    def search(self, query: str) -> list[Service]:
        """Services whose name, agency or requirements mention every word of the query."""
        words = query.casefold().split()
        if not words:
            return []
        by_name, by_requirement = [], []
        for service in self.catalog.services:
            agency = self._agencies[service.agency]
            names = " ".join((service.name.id, service.name.en, agency.short_name, agency.name.id,
                              agency.name.en)).casefold()
            if all(word in names for word in words):
                by_name.append(service)
            elif all(word in names + " ".join(service.requirements.id).casefold() for word in words):
                by_requirement.append(service)
        return by_name + by_requirement  # services named so first, then those needing it

    def text(self, value) -> str:
        """A catalog text (Text or TextList) in the visitor's language."""
        return value.get(self.language)

    # --- language ---

    @property
    def language(self) -> str:
        """The visitor's language: the app's one switch (ui.i18n), so catalog texts and the
        translated UI texts never disagree."""
        return languages().current

    # --- store work, off the UI thread ---

    def on_sync_event(self, event: SyncEvent) -> None:
        """A round of the sync loop: the online line, staff notes, and what it brought in
        (another kiosk's ticket, a call at a counter) on screen at once, not at the next tick."""
        if event.problem and event.problem not in self.notes.errors:
            self.note_problem(event.problem)
        if event.online and not event.problem:
            self.desk.server_answered()
        status_changed = self.sync is None or event.status != self.sync.status
        self.sync = event
        if status_changed:
            self.syncChanged.emit()
        if event.catalog_changed:
            self.reload_catalog()  # refreshes the states too
        elif event.changed:
            self.refresh_states()

    def end_visit(self) -> None:
        """The visitor left: a result still on its way belongs to nobody on screen now."""
        self.visit += 1

    def refresh_states(self) -> None:
        if self._refreshing:
            # One refresh at a time, so a slow disk does not pile them up; but the one under
            # way may have read before the news that asked for this one: read once more after.
            self._refresh_again = True
            return

        def settled() -> None:
            self._refreshing = False
            if self._refresh_again:
                self._refresh_again = False
                self.refresh_states()

        def done(result: StatesRead) -> None:
            self.use_states(result)
            settled()

        def failed(error: Exception) -> None:
            self._store_error(error)
            settled()

        self._refreshing = True
        self.store.submit(lambda: read_states(self.plaza), done, failed)

    def use_states(self, result: StatesRead) -> None:
        self.states, self.outbox, self.calls = result
        self.statesChanged.emit()

    def home_facts(self) -> HomeFacts:
        """What the home screen shows: the day, announcements, how many services take numbers
        now, and who is at a counter (or the last call)."""
        live = {number for state in self.states.values() for number in state.now_serving}
        calls = [Serving(call.number, call.counter) for call in self.calls]
        return HomeFacts(
            day=self.plaza.today(),
            announcements=tuple(self.catalog.announcements),
            services=len(self.states),
            open_now=sum(1 for state in self.states.values() if state.availability.can_issue),
            serving=tuple(call for call in calls if call.number in live),
            last_call=calls[0] if calls else None,
        )

    def issue(self, service_code: str, priority: Priority | None) -> bool:
        """Ask for a number; False if one is already being issued."""
        if self.issuing:
            return False
        self.issuing = True
        visit = self.visit

        def done(result: IssuedTicket | IssueRefused) -> None:
            self.issuing = False
            if visit != self.visit:
                # Kept in the store (and the outbox), but never shown to the next visitor.
                log.warning("ticket result arrived after the visitor left: %s", result)
            elif isinstance(result, IssuedTicket):
                self.ticketIssued.emit(result)
            else:
                self.issueRefused.emit(result)
            self.refresh_states()

        def failed(error: Exception) -> None:
            self.issuing = False
            self._store_error(error)
            if visit == self.visit:
                self.issueFailed.emit()

        def job() -> IssuedTicket | IssueRefused:
            result = self.desk.issue(service_code, priority)
            if isinstance(result, IssuedTicket):  # warm the QR cache off the UI thread
                qr_matrix(tracking_url(self.config.qr.tracking_base_url, result.public_code))
            return result

        self.desk_thread.submit(job, done, failed)
        return True

    def reprint_last(self) -> None:
        self.store.submit(self.plaza.last_ticket, self.reprintReady.emit, self._store_error)

    def check_pin(self, pin: str, on_result: Callable[[PinResult], None]) -> None:
        """scrypt is slow on purpose: the PIN is checked on the store thread, and the screen
        keeps painting meanwhile."""
        self.store.submit(lambda: self.pin_guard.check(pin), on_result, self._store_error)

    def set_override(self, service_code: str, state: StaffOverride | None) -> None:
        self.store.submit(lambda: self.plaza.set_override(service_code, state),
                          lambda _: self.refresh_states(), self._store_error)

    def _store_error(self, error: Exception) -> None:
        # The traceback is in the log (store thread); staff see one plain line.
        self.note_problem(f"{type(error).__name__}: {error}"[:200])

    def note_problem(self, line: str) -> None:
        """A problem for the staff panel (the last ten are kept)."""
        self.notes.errors.append(line)
        del self.notes.errors[:-10]
