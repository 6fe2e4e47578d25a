"""What the city server says changed, written into the local store: other kiosks' tickets,
staff overrides made elsewhere, the catalog's version. The sync engine fetches; this applies,
each page in one transaction together with the cursor it leads to (so a crash between the
two can only repeat a page, and applying a page twice changes nothing)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, select

from kiosk.availability import StaffOverride
from kiosk.calls import Call, CounterMode
from kiosk.local_plaza import CATALOG_ETAG
from kiosk.store.db import Store
from kiosk.store.models import ServiceDayOverride, ServiceRow, Setting, TicketEventRow, TicketRow
from kiosk.vocabulary import Priority, TicketState

log = logging.getLogger(__name__)

CURSOR = "feed.cursor"
__all__ = ["CATALOG_ETAG", "CURSOR", "Change", "apply", "setting"]


@dataclass(frozen=True)
class TicketChange:
    """A ticket as the city server holds it now: issued by any kiosk of the plaza, or acted
    on at a counter. It keeps the id of the device that issued it."""

    id: str
    public_code: str
    service: str
    service_day: date
    sequence: int
    number: str
    state: TicketState
    issued_at: datetime
    device_id: str
    priority: Priority | None = None
    queue: str | None = None  # the queue it waits in now (after a transfer, another's)
    counter: str | None = None
    called_at: datetime | None = None
    recalls: int = 0
    serving_at: datetime | None = None
    finished_at: datetime | None = None
    changed_at: datetime | None = None


@dataclass(frozen=True)
class OverrideChange:
    """Staff opened or closed a service for a day (None: back to the catalog's hours)."""

    service: str
    service_day: date
    state: StaffOverride | None


@dataclass(frozen=True)
class CatalogChange:
    """The plaza's catalog has a new version: the device fetches it."""

    etag: str


@dataclass(frozen=True)
class CounterChange:
    """A counter opened, paused or closed."""

    counter: str
    mode: CounterMode
    at: datetime


Change = TicketChange | OverrideChange | CatalogChange | CounterChange | Call


def setting(store: Store, key: str) -> str | None:
    with store.read() as session:
        row = session.get(Setting, key)
        return row.value if row else None


def _set(session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))


@dataclass
class Applied:
    """What a page brought that the device acts on besides its store."""

    catalog_etag: str | None = None  # the newest catalog version named
    calls: list[Call] = field(default_factory=list)  # tickets called to counters, in order


def apply(store: Store, changes: Iterable[Change], cursor: str | None, at: datetime, *,
          overrides_from: date | None = None) -> Applied:
    """Apply a page of changes and move the cursor (None: keep it, as for a ticket a counter
    action returned, which the feed brings again later). `overrides_from`: the page is a
    snapshot, the whole truth from that day on: staff overrides it does not name were
    lifted while this device was away and go."""
    applied = Applied()
    with store.transaction() as session:
        if overrides_from is not None:
            session.execute(delete(ServiceDayOverride).where(
                ServiceDayOverride.service_day >= overrides_from))
        services = set(session.scalars(select(ServiceRow.code)).all())
        for change in changes:
            match change:
                case TicketChange():
                    _ticket(session, change, services, at)
                case OverrideChange():
                    _override(session, change, services, at)
                case CatalogChange(etag=etag):
                    applied.catalog_etag = etag
                case Call():
                    applied.calls.append(change)
                case CounterChange():
                    pass  # a counter console reads its mode from its own sign-in
        if cursor is not None:
            _set(session, CURSOR, cursor)
    return applied


def _follow(row: TicketRow, change: TicketChange, services: set[str]) -> None:
    """Take over what a counter did to the ticket (absent in older servers' changes)."""
    if change.queue is not None:
        row.queue = change.queue if change.queue in services else None
        row.counter = change.counter
        row.called_at = change.called_at
        row.recalls = change.recalls
        row.serving_at = change.serving_at
        row.finished_at = change.finished_at


def _ticket(session, change: TicketChange, services: set[str], at: datetime) -> None:
    row = session.get(TicketRow, change.id)
    if row is not None:
        if row.state != change.state:
            row.state = change.state
            session.add(TicketEventRow(ticket_id=row.id, state=row.state,
                                       at=change.changed_at or at, device_id=change.device_id,
                                       counter=change.counter))
        _follow(row, change, services)
        return
    if change.service not in services:
        return  # a service this kiosk does not show (yet): the catalog change follows
    clash = session.scalar(select(TicketRow.id).where(
        TicketRow.service_code == change.service, TicketRow.service_day == change.service_day,
        TicketRow.number == change.number))
    if clash is not None:
        log.error("change feed: %s on %s is held here by ticket %s too", change.number,
                  change.service_day, clash)
        return
    row = TicketRow(
        id=change.id, public_code=change.public_code, service_code=change.service,
        service_day=change.service_day, sequence=change.sequence, number=change.number,
        priority=change.priority, state=change.state, issued_at=change.issued_at,
        device_id=change.device_id,
    )
    _follow(row, change, services)
    session.add(row)
    session.flush()
    session.add(TicketEventRow(ticket_id=change.id, state=TicketState.WAITING, at=at,
                               device_id=change.device_id))


def _override(session, change: OverrideChange, services: set[str], at: datetime) -> None:
    if change.service not in services:
        return
    session.execute(delete(ServiceDayOverride).where(
        ServiceDayOverride.service_code == change.service,
        ServiceDayOverride.service_day == change.service_day))
    if change.state is not None:
        session.add(ServiceDayOverride(service_code=change.service,
                                       service_day=change.service_day, state=change.state,
                                       set_at=at))
