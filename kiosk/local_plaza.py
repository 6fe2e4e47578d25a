"""The device's view of its plaza: the catalog and today's queue, from the local store.

This is the use-case layer the UI calls (from its one store thread). Every method works
without a network. A ticket is written, with its event and its outbox op, in one
transaction before anyone sees its number.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert

from kiosk import leases, outbox
from kiosk.availability import (
    Availability,
    Reason,
    StaffOverride,
    check_availability,
    next_opening,
)
from kiosk.catalog import Catalog, Holiday, LoadReport, Service
from kiosk.numbering import QueuedTicket, format_number, in_call_order, new_public_code
from kiosk.paths import SAMPLE_CATALOG
from kiosk.service_day import DEFAULT_TIMEZONE, local_time, now_utc, service_day
from kiosk.store.catalog_repo import read_catalog, save_catalog
from kiosk.store.db import Store
from kiosk.store.models import (
    NumberCounter,
    OutboxRow,
    ServiceDayOverride,
    Setting,
    TicketEventRow,
    TicketRow,
)
from kiosk.store.number_floor import own_numbering_floor
from kiosk.vocabulary import ACTIVE_STATES, Priority, Text, TicketState
from kiosk.waiting import WaitEstimate, estimate_wait, mean_service_minutes

log = logging.getLogger(__name__)

# How long a take's withdrawal is held back: far longer than any answer may take, short
# enough that a ticket a crashed kiosk never showed leaves the queue before it is called.
WITHDRAWAL_HOLD = timedelta(minutes=2)
CATALOG_ETAG = "catalog.etag"  # the city server's version of the catalog in the store
CATALOG_LOADED_AT = "catalog.loaded_at"  # when it was stored (UTC, ISO): doctor says its age


@dataclass(frozen=True)
class ServiceState:
    """A service today: can a number be taken, how many wait, who is being served."""

    code: str
    availability: Availability
    waiting: int
    now_serving: tuple[str, ...]
    wait: WaitEstimate | None
    override: StaffOverride | None


@dataclass(frozen=True)
class IssuedTicket:
    id: str
    public_code: str
    number: str
    service_code: str
    priority: str | None
    issued_at: datetime
    service_day: date
    people_ahead: int
    wait: WaitEstimate | None
    printed: bool | None = None  # the paper slip: None without a printer here (TicketRow.printed)


@dataclass(frozen=True)
class TicketDraft:
    """A ticket about to be born: checked against the rules, not numbered yet."""

    id: str
    public_code: str
    service_code: str
    priority: str | None
    issued_at: datetime
    service_day: date

    def renewed(self) -> TicketDraft:
        """The same visitor's ticket under a new identity (the old one was sent away)."""
        return replace(self, id=str(uuid.uuid4()), public_code=new_public_code())


@dataclass(frozen=True)
class IssueRefused:
    service_code: str
    availability: Availability


@dataclass(frozen=True)
class _CatalogSnapshot:
    """The catalog as read from the store, with its holidays by day. Never changed once made:
    a newer catalog replaces the whole snapshot, so a thread reading it never sees half of one."""

    catalog: Catalog
    holidays: Mapping[date, Holiday]


class LocalPlaza:
    def __init__(
        self,
        store: Store,
        *,
        device_id: str,
        timezone: str = DEFAULT_TIMEZONE,
        clock: Callable[[], datetime] = now_utc,
        device_tag: str | None = None,
        paper_tickets: bool = False,
    ) -> None:
        self.store = store
        self.device_id = device_id
        self._device_tag = device_tag
        # A printer is set up: every ticket is born "not printed" until the printer confirms it.
        self.paper_tickets = paper_tickets
        self._timezone_before_catalog = timezone
        self.clock = clock
        self._snapshot: _CatalogSnapshot | None = None  # swapped whole, never mutated
        self._snapshot_lock = threading.Lock()  # one reader of the store's catalog at a time

    @property
    def device_tag(self) -> str | None:
        """Set when enrolled with a city server: this kiosk then numbers offline tickets from
        leased blocks, and then with this tag, so they never clash with another kiosk's. Fixed
        for the object's life: threads share it without a lock."""
        return self._device_tag

    @property
    def name(self) -> Text:
        """The plaza's name: a plaza fact, from its catalog (blank until one is stored)."""
        try:
            return self._current().catalog.plaza.name
        except LookupError:
            return Text("", "")

    @property
    def timezone(self) -> str:
        """The plaza's time zone, which decides the service day: a plaza fact, so the catalog's
        (the same on the server and every device); `timezone` only until a catalog is in the
        store."""
        try:
            return self._current().catalog.plaza.timezone
        except LookupError:
            return self._timezone_before_catalog

    def enrolled(self, tag: str | None) -> LocalPlaza:
        """The same plaza and store, as the device enrolled with `tag` (before any thread
        starts using it)."""
        return LocalPlaza(self.store, device_id=self.device_id,
                          timezone=self._timezone_before_catalog,
                          clock=self.clock, device_tag=tag, paper_tickets=self.paper_tickets)

    def with_paper_tickets(self) -> LocalPlaza:
        """The same plaza and store, on a kiosk with a ticket printer (before any thread starts
        using it)."""
        return LocalPlaza(self.store, device_id=self.device_id,
                          timezone=self._timezone_before_catalog, clock=self.clock,
                          device_tag=self._device_tag, paper_tickets=True)

    # --- catalog ---

    def load_catalog_if_empty(self, catalog_file: Path | None, allowed_hosts: tuple[str, ...]) -> list[str]:
        """On first start, fill the store from the catalog file. Returns refused entries."""
        with self.store.read() as session:
            if read_catalog(session) is not None:
                return []
        return self.import_catalog(catalog_file or SAMPLE_CATALOG, allowed_hosts)

    def import_catalog(self, catalog_file: Path, allowed_hosts: tuple[str, ...]) -> list[str]:
        # The checking (pydantic models) loads only when a catalog comes in, not at each start.
        from kiosk.catalog_format import load_catalog_file

        return self._keep_catalog(load_catalog_file(catalog_file, allowed_hosts),
                                  catalog_file.name, etag=None)

    def replace_catalog(self, document: Any, allowed_hosts: tuple[str, ...], etag: str
                        ) -> list[str]:
        """The city server's catalog (from the change feed), kept with its ETag."""
        from kiosk.catalog_format import load_catalog_data

        return self._keep_catalog(load_catalog_data(document, allowed_hosts, f"version {etag}"),
                                  f"version {etag} from the city server", etag=etag)

    def _keep_catalog(self, report: LoadReport, source: str, etag: str | None) -> list[str]:
        with self.store.transaction() as session:
            save_catalog(session, report.catalog)
            session.merge(Setting(key=CATALOG_ETAG, value=etag or ""))
            session.merge(Setting(key=CATALOG_LOADED_AT, value=self.clock().isoformat()))
        with self._snapshot_lock:  # no reader still holding the old one can put it back
            self._snapshot = self._read_snapshot()
        log.info(
            "catalog %s loaded: %d agencies, %d services, %d problems (entries refused, links dropped)",
            source, len(report.catalog.agencies), len(report.catalog.services),
            len(report.problems),
        )
        return report.problems

    def catalog(self) -> Catalog:
        return self._current().catalog

    def _current(self) -> _CatalogSnapshot:
        snapshot = self._snapshot  # one read: another thread may swap it meanwhile
        if snapshot is None:
            with self._snapshot_lock:
                if self._snapshot is None:
                    self._snapshot = self._read_snapshot()
                snapshot = self._snapshot
        return snapshot

    def _read_snapshot(self) -> _CatalogSnapshot:
        with self.store.read() as session:
            catalog = read_catalog(session)
        if catalog is None:
            raise LookupError("the local store has no catalog yet")
        return _CatalogSnapshot(catalog, MappingProxyType(
            {holiday.day: holiday for holiday in catalog.holidays}))

    def service(self, code: str) -> Service:
        for service in self.catalog().services:
            if service.code == code:
                return service
        raise KeyError(code)

    # --- time ---

    def today(self) -> date:
        return service_day(self.clock(), self.timezone)

    # --- queue state ---

    def service_states(self) -> dict[str, ServiceState]:
        """Every service's state today, in one pass over the store."""
        moment = self.clock()
        day = service_day(moment, self.timezone)
        with self.store.read() as session:
            issued, overrides = self._day_counts(session, day)
            active = session.execute(
                select(func.coalesce(TicketRow.queue, TicketRow.service_code), TicketRow.number,
                       TicketRow.state)
                .where(TicketRow.service_day == day, TicketRow.state.in_(ACTIVE_STATES))
                .order_by(TicketRow.issued_at)
            ).all()
            recent = self._recent_service_minutes(session, day)
        waiting: dict[str, int] = defaultdict(int)
        serving: dict[str, list[str]] = defaultdict(list)
        for code, number, state in active:
            if state == TicketState.WAITING:
                waiting[code] += 1
            else:
                serving[code].append(number)
        return {
            service.code: ServiceState(
                code=service.code,
                availability=self._availability(service, moment, issued, overrides),
                waiting=waiting[service.code],
                now_serving=tuple(serving[service.code][-3:]),
                wait=self._wait(service, waiting[service.code], recent),
                override=overrides.get(service.code),
            )
            for service in self.catalog().services
        }

    # The rules, applied the same way for the list of states and for issuing a ticket.

    @staticmethod
    def _day_counts(session, day: date, service_code: str | None = None
                    ) -> tuple[dict[str, int], dict[str, StaffOverride]]:
        """Tickets issued per service on `day` (a withdrawn, cancelled one holds no place in
        the quota, as on the server), and the staff overrides for that day."""
        issued = select(TicketRow.service_code, func.count()).where(
            TicketRow.service_day == day, TicketRow.state != TicketState.CANCELLED)
        override = select(ServiceDayOverride.service_code, ServiceDayOverride.state).where(
            ServiceDayOverride.service_day == day)
        if service_code is not None:
            issued = issued.where(TicketRow.service_code == service_code)
            override = override.where(ServiceDayOverride.service_code == service_code)
        counts = dict(session.execute(issued.group_by(TicketRow.service_code)).all())
        overrides = {code: StaffOverride(state) for code, state in session.execute(override).all()}
        return counts, overrides

    def _availability(self, service: Service, moment: datetime, issued: dict[str, int],
                      overrides: dict[str, StaffOverride]) -> Availability:
        snapshot = self._current()
        return check_availability(
            service, snapshot.catalog.plaza, local_time(moment, self.timezone),
            issued_today=issued.get(service.code, 0), holidays=snapshot.holidays,
            override=overrides.get(service.code),
        )

    @staticmethod
    def _wait(service: Service, ahead: int, recent: dict[str, list[float]]) -> WaitEstimate | None:
        # Counters are the service's catalog counters until the counter console reports
        # which are open (DESIGN §3 asks for open counters).
        mean = mean_service_minutes(recent.get(service.code, []), service.duration_minutes)
        return estimate_wait(ahead, mean, len(service.counters))

    def _recent_service_minutes(self, session, day: date) -> dict[str, list[float]]:
        """Minutes from serving to done for today's finished tickets, per service."""
        served = select(TicketEventRow.ticket_id, TicketEventRow.at).where(
            TicketEventRow.state == TicketState.SERVING
        ).subquery()
        done = select(TicketEventRow.ticket_id, TicketEventRow.at).where(
            TicketEventRow.state == TicketState.DONE
        ).subquery()
        rows = session.execute(
            select(TicketRow.service_code, served.c.at, done.c.at)
            .join(served, served.c.ticket_id == TicketRow.id)
            .join(done, done.c.ticket_id == TicketRow.id)
            .where(TicketRow.service_day == day)
            .order_by(done.c.at.desc())
            .limit(500)
        ).all()
        minutes: dict[str, list[float]] = defaultdict(list)
        for code, started, finished in rows:
            if len(minutes[code]) < 20:
                minutes[code].append((finished - started).total_seconds() / 60)
        return minutes

    # --- issuing ---

    def issue_ticket(
        self, service_code: str, priority: Priority | None = None
    ) -> IssuedTicket | IssueRefused:
        """Take the next number for a service from this device alone, or say why not."""
        draft = self.prepare_ticket(service_code, priority)
        return draft if isinstance(draft, IssueRefused) else self.record_ticket(draft)

    def prepare_ticket(self, service_code: str, priority: Priority | None = None
                       ) -> TicketDraft | IssueRefused:
        """A ticket checked against the service's rules, not numbered yet (the city server
        may number it), or why no number can be taken."""
        service = self.service(service_code)
        moment = self.clock()
        day = service_day(moment, self.timezone)
        with self.store.read() as session:
            issued, overrides = self._day_counts(session, day, service_code)
        availability = self._availability(service, moment, issued, overrides)
        if not availability.can_issue:
            return IssueRefused(service_code, availability)
        return TicketDraft(
            id=str(uuid.uuid4()), public_code=new_public_code(), service_code=service_code,
            priority=priority.value if priority and service.priority_allowed else None,
            issued_at=moment, service_day=day,
        )

    def refused_by_server(self, service_code: str, problem: str | None) -> IssueRefused:
        """The city server's no, worded like this kiosk's own: its reason when it is one of the
        rules', else "not available"; with the service's hours and next opening from here."""
        try:
            reason = Reason(problem) if problem else Reason.NOT_AVAILABLE
        except ValueError:  # a counter's problem code, or a newer server's
            reason = Reason.NOT_AVAILABLE
        service = self.service(service_code)
        snapshot, today = self._current(), self.today()
        return IssueRefused(service_code, Availability(
            reason, service.hours.get(today.weekday()),
            next_open=(next_opening(service, today, snapshot.holidays)
                       if reason is not Reason.NOT_AVAILABLE else None),
            holiday=h.name if (h := snapshot.holidays.get(today)) else None))

    def hold_withdrawal(self, draft: TicketDraft) -> None:
        """Before the city server is asked to number `draft`: its withdrawal, written now and
        held back. Recording the server's number drops it; no answer in time releases it; and
        if this kiosk stops in between (a crash, a power cut), it goes out once the hold ends,
        so the server never keeps a ticket that no visitor was shown."""
        with self.store.transaction() as session:
            row = _op("ticket.void", draft.issued_at, {
                "ticket": draft.id, "reason": "the kiosk stopped before it showed this number"})
            row.op_id, row.held_until = _withdrawal_id(draft.id), self.clock() + WITHDRAWAL_HOLD
            session.add(row)

    def drop_withdrawal(self, draft: TicketDraft) -> None:
        """The server answered without making a ticket (a refusal): nothing to withdraw."""
        with self.store.transaction() as session:
            session.execute(delete(OutboxRow).where(OutboxRow.op_id == _withdrawal_id(draft.id)))

    def record_ticket(self, draft: TicketDraft, numbered: tuple[int, str] | None = None,
                      withdrawn: str | None = None) -> IssuedTicket | IssueRefused:
        """Write a ticket, its event and (if the server does not hold it yet) its outbox op in
        one transaction, before anyone sees its number.

        `numbered` is the city server's (sequence, number); without it the number is made
        here: from a leased block, else with this device's tag, else (a kiosk with no city
        server) plainly. `withdrawn` names a ticket id sent to the server whose answer never
        came: a `ticket.void` op tells the server to cancel it if it made it.
        """
        service = self.service(draft.service_code)
        day = draft.service_day
        with self.store.transaction() as session:
            if numbered is None:
                # The rules again, inside the transaction: the quota counts what is here now.
                issued, overrides = self._day_counts(session, day, draft.service_code)
                availability = self._availability(service, draft.issued_at, issued, overrides)
                if not availability.can_issue:
                    return IssueRefused(draft.service_code, availability)
                sequence, number = self._own_number(session, service, day)
            else:
                sequence, number = numbered
            # The server made a numbered ticket: the change feed may have brought it already,
            # in the moment between the server's answer and this transaction. It is this one.
            ticket = session.get(TicketRow, draft.id) if numbered is not None else None
            if numbered is not None:  # the visitor holds this one now: nothing to withdraw
                session.execute(delete(OutboxRow).where(
                    OutboxRow.op_id == _withdrawal_id(draft.id)))
            if ticket is None:
                ticket = TicketRow(
                    id=draft.id, public_code=draft.public_code, service_code=draft.service_code,
                    service_day=day, sequence=sequence, number=number, priority=draft.priority,
                    state=TicketState.WAITING, issued_at=draft.issued_at, device_id=self.device_id,
                    printed=False if self.paper_tickets else None,
                )
                session.add(ticket)
                session.flush()  # the ticket row first: its event refers to it
                session.add(TicketEventRow(ticket_id=ticket.id, state=TicketState.WAITING,
                                           at=draft.issued_at, device_id=self.device_id))
            elif self.paper_tickets and ticket.printed is None:  # the feed brought it first
                ticket.printed = False
            if withdrawn is not None:
                self._release_withdrawal(session, withdrawn, draft.issued_at,
                                         f"no answer in time; issued {number}")
            if numbered is None:
                session.add(_op("ticket.issue", draft.issued_at, _ticket_payload(ticket)))
            session.flush()
            ahead = self._people_ahead(session, ticket)
            wait = self._wait(service, ahead, self._recent_service_minutes(session, day))
        log.info("issued %s (%s) for %s%s", number, ticket.id, draft.service_code,
                 " numbered by the city server" if numbered else "")
        return IssuedTicket(
            id=ticket.id, public_code=ticket.public_code, number=number,
            service_code=draft.service_code, priority=ticket.priority, issued_at=draft.issued_at,
            service_day=day, people_ahead=ahead, wait=wait, printed=ticket.printed,
        )

    @staticmethod
    def _release_withdrawal(session, ticket_id: str, at: datetime, reason: str) -> None:
        """Send the take's withdrawal now (held since the take was asked, or new)."""
        held = session.scalar(select(OutboxRow).where(OutboxRow.op_id == _withdrawal_id(ticket_id)))
        if held is None:
            held = _op("ticket.void", at, {})
            held.op_id = _withdrawal_id(ticket_id)
            session.add(held)
        held.payload, held.held_until = {"ticket": ticket_id, "reason": reason}, None

    def _own_number(self, session, service: Service, day: date) -> tuple[int, str]:
        if self.device_tag is not None:
            leased = leases.draw(session, service.code, day)
            if leased is not None:
                return leased, format_number(service.prefix, leased)
        # Above the floor a salvage sets when the store lost its count (kiosk.store.number_floor).
        first = own_numbering_floor(session, day) + 1
        sequence = session.scalar(
            insert(NumberCounter)
            .values(service_code=service.code, service_day=day, last_sequence=first)
            .on_conflict_do_update(
                index_elements=["service_code", "service_day"],
                set_={"last_sequence": NumberCounter.last_sequence + 1},
            )
            .returning(NumberCounter.last_sequence)
        )
        return sequence, format_number(service.prefix, sequence, self.device_tag)

    def _people_ahead(self, session, ticket: TicketRow) -> int:
        waiting = session.execute(
            select(TicketRow.id, TicketRow.number, TicketRow.issued_at, TicketRow.priority).where(
                func.coalesce(TicketRow.queue, TicketRow.service_code) == ticket.service_code,
                TicketRow.service_day == ticket.service_day,
                TicketRow.state == TicketState.WAITING,
            )
        ).all()
        order = [t.id for t in in_call_order(QueuedTicket(*row) for row in waiting)]
        return order.index(ticket.id) if ticket.id in order else 0

    def last_ticket(self) -> IssuedTicket | None:
        """The last ticket this device issued today (for a reprint)."""
        recent = self.recent_tickets(1)
        return recent[0] if recent else None

    def recent_tickets(self, limit: int = 5) -> list[IssuedTicket]:
        """This device's last tickets today, newest first, with who is ahead of each now (the
        staff panel's list to print again)."""
        day = self.today()
        with self.store.read() as session:
            tickets = session.scalars(
                select(TicketRow)
                .where(TicketRow.device_id == self.device_id, TicketRow.service_day == day)
                .order_by(TicketRow.issued_at.desc())
                .limit(limit)
            ).all()
            ahead = [self._people_ahead(session, ticket) for ticket in tickets]
            recent = self._recent_service_minutes(session, day) if tickets else {}
        issued = []
        for ticket, people in zip(tickets, ahead, strict=True):
            try:
                wait = self._wait(self.service(ticket.service_code), people, recent)
            except KeyError:  # the service left the catalog since: the ticket still stands
                wait = None
            issued.append(IssuedTicket(
                id=ticket.id, public_code=ticket.public_code, number=ticket.number,
                service_code=ticket.service_code, priority=ticket.priority,
                issued_at=ticket.issued_at, service_day=ticket.service_day, people_ahead=people,
                wait=wait, printed=ticket.printed,
            ))
        return issued

    def mark_printed(self, ticket_id: str, printed: bool) -> None:
        """The printer's word on a ticket's slip: printed after the cut, or not (a reprint that
        worked turns "not printed" into "printed"; a failed one never undoes a printed slip)."""
        with self.store.transaction() as session:
            ticket = session.get(TicketRow, ticket_id)
            if ticket is not None and (printed or not ticket.printed):
                ticket.printed = printed

    # --- staff ---

    def set_override(self, service_code: str, state: StaffOverride | None) -> None:
        """Open or close a service for today; None returns it to its normal hours."""
        self.service(service_code)  # KeyError for an unknown service
        moment = self.clock()
        day = service_day(moment, self.timezone)
        with self.store.transaction() as session:
            row = session.get(ServiceDayOverride, (service_code, day))
            if row is not None:
                session.delete(row)
                session.flush()
            if state is not None:
                session.add(ServiceDayOverride(service_code=service_code, service_day=day,
                                               state=state.value, set_at=moment))
            session.add(_op("service.override", moment, {
                "service": service_code, "service_day": day.isoformat(),
                "state": state.value if state else None, "device_id": self.device_id}))
        log.info("staff set %s to %s for %s", service_code, state or "normal hours", day)

    def outbox_health(self) -> outbox.OutboxHealth:
        return outbox.health(self.store)

    def pending_outbox(self) -> int:
        """Ops written here that the city server has not acknowledged yet."""
        return outbox.counts(self.store)[0]


def _withdrawal_id(ticket_id: str) -> str:
    """The one op id of a take's withdrawal: found again by the ticket's id."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"plaza-kiosk:withdraw:{ticket_id}"))


def _op(kind: str, at: datetime, payload: dict[str, object]) -> OutboxRow:
    return OutboxRow(op_id=str(uuid.uuid4()), kind=kind, created_at=at, attempts=0,
                     payload=payload)


def _ticket_payload(ticket: TicketRow) -> dict[str, object]:
    return {
        "id": ticket.id,
        "public_code": ticket.public_code,
        "service": ticket.service_code,
        "service_day": ticket.service_day.isoformat(),
        "sequence": ticket.sequence,
        "number": ticket.number,
        "priority": ticket.priority,
        "issued_at": ticket.issued_at.isoformat(),
        "device_id": ticket.device_id,
    }
