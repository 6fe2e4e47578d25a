"""What the hall's display board and a counter console show, read from the local store.

The store is the device's cache of the city server's change feed, so both keep showing the
last known state when the network is gone (DESIGN §4: "shows the last known queue").
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, select

from kiosk.calls import (
    BOARD_RECENT,
    CALLED,
    DONE,
    SERVING,
    WAITING,
    BoardState,
    Call,
    CounterMode,
    CounterView,
    QueueTicket,
    WaitingCount,
)
from kiosk.catalog import Catalog, Service
from kiosk.local_plaza import LocalPlaza
from kiosk.numbering import in_call_order
from kiosk.store.models import TicketRow

QUEUE = func.coalesce(TicketRow.queue, TicketRow.service_code)  # where a ticket waits now


def _name(service: Service | None, fallback: str) -> dict[str, str]:
    if service is None:
        return {"id": fallback, "en": fallback}
    return {"id": service.name.id, "en": service.name.en}


def board_state(plaza: LocalPlaza, online: bool, last_sync: datetime | None) -> BoardState:
    """The latest call big, the ones before it, and how many wait for each service."""
    catalog = plaza.catalog()
    day = plaza.today()
    with plaza.store.read() as session:
        called = session.execute(
            select(TicketRow.id, TicketRow.number, TicketRow.counter, QUEUE,
                   TicketRow.called_at, TicketRow.recalls)
            .where(TicketRow.service_day == day, TicketRow.called_at.is_not(None),
                   TicketRow.counter.is_not(None))
            .order_by(TicketRow.called_at.desc()).limit(BOARD_RECENT + 1)).all()
        waiting = Counter(dict(session.execute(
            select(QUEUE, func.count()).where(TicketRow.service_day == day,
                                              TicketRow.state == WAITING)
            .group_by(QUEUE)).all()))
    calls = [Call(ticket_id=row[0], number=row[1], counter=row[2], service=row[3], at=row[4],
                  recall=row[5] or 0) for row in called]
    return BoardState(
        current=calls[0] if calls else None,
        recent=tuple(calls[1:]),
        waiting=tuple(WaitingCount(s.code, s.prefix, _name(s, s.code), waiting[s.code])
                      for s in catalog.services if waiting[s.code]),  # the hall reads who waits
        announcements=tuple({"id": a.id, "en": a.en} for a in catalog.announcements),
        online=online, last_sync=last_sync)


def counter_services(catalog: Catalog, counter: str) -> list[Service]:
    return [service for service in catalog.services if counter in service.counters]


def counters(catalog: Catalog) -> list[str]:
    """Every counter named in the catalog, in a natural order (2 before 10)."""
    names = {counter for service in catalog.services for counter in service.counters}
    return sorted(names, key=lambda name: (len(name), name))


def counter_view(plaza: LocalPlaza, counter: str, staff_name: str, mode: CounterMode,
                 online: bool, last_sync: datetime | None) -> CounterView:
    catalog = plaza.catalog()
    by_code = {service.code: service for service in catalog.services}
    mine = [service.code for service in counter_services(catalog, counter)]
    day = plaza.today()
    with plaza.store.read() as session:
        rows = session.scalars(select(TicketRow).where(
            TicketRow.service_day == day,
            ((TicketRow.state == WAITING) & QUEUE.in_(mine))
            | ((TicketRow.counter == counter) & TicketRow.state.in_((CALLED, SERVING))))).all()
        finished = session.execute(select(TicketRow.serving_at, TicketRow.finished_at).where(
            TicketRow.service_day == day, TicketRow.counter == counter,
            TicketRow.state == DONE)).all()
        tickets = [_queue_ticket(row, by_code) for row in rows]
    current = next((t for t in tickets if t.state in (CALLED, SERVING)), None)
    minutes = [(end - start).total_seconds() / 60 for start, end in finished if start and end]
    return CounterView(
        counter=counter, staff_name=staff_name, mode=mode, online=online,
        current=current,
        waiting=tuple(in_call_order(t for t in tickets if t.state == WAITING)),
        served_today=len(finished),
        mean_service_minutes=sum(minutes) / len(minutes) if minutes else None,
        last_sync=last_sync,
        services=tuple((s.code, _name(s, s.code)) for s in catalog.services))


def _queue_ticket(row: TicketRow, services: dict[str, Service]) -> QueueTicket:
    queue = row.queue or row.service_code
    return QueueTicket(
        id=row.id, number=row.number, service=queue,
        service_name=_name(services.get(queue), queue), priority=row.priority,
        issued_at=row.issued_at, state=row.state, counter=row.counter, called_at=row.called_at,
        recalls=row.recalls or 0, transferred=queue != row.service_code)
