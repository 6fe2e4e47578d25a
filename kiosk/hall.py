"""What the hall's display board and a counter console show, read from the local store.

The store is the device's cache of the city server's change feed, so both keep showing the
last known state when the network is gone (DESIGN §4: "shows the last known queue").
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from sqlalchemy import func, select

from kiosk.calls import (
    BOARD_RECENT,
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
from kiosk.store.models import TicketEventRow, TicketRow
from kiosk.vocabulary import TicketState

QUEUE = func.coalesce(TicketRow.queue, TicketRow.service_code)  # where a ticket waits now
# A call the visitor may still be walking to, or is served at.
LIVE = (TicketState.CALLED, TicketState.SERVING)


def _name(service: Service | None, fallback: str) -> dict[str, str]:
    if service is None:
        return {"id": fallback, "en": fallback}
    return {"id": service.name.id, "en": service.name.en}


def board_state(plaza: LocalPlaza, online: bool, last_sync: datetime | None) -> BoardState:
    """The latest call big while its ticket is still called or served, the calls before it,
    and how many wait for each service.

    Only the latest call of the hall may be the current one: when it ends (no-show, transfer,
    done) the board shows none rather than bring back an older call, and the ended call stays
    in the list of recent calls."""
    catalog = plaza.catalog()
    day = plaza.today()
    with plaza.store.read() as session:
        calls, live = _calls_of_the_day(session, day)
        waiting = Counter(dict(session.execute(
            select(QUEUE, func.count()).where(TicketRow.service_day == day,
                                              TicketRow.state == TicketState.WAITING)
            .group_by(QUEUE)).all()))
    current = calls[0] if calls and calls[0].ticket in live else None
    return BoardState(
        current=current,
        recent=tuple(calls[1:] if current else calls)[:BOARD_RECENT],
        waiting=tuple(WaitingCount(s.code, s.prefix, _name(s, s.code), waiting[s.code])
                      for s in catalog.services if waiting[s.code]),  # the hall reads who waits
        announcements=tuple({"id": a.id, "en": a.en} for a in catalog.announcements),
        plaza_name=catalog.plaza.name,
        online=online, last_sync=last_sync)


def _calls_of_the_day(session, day: date) -> tuple[list[Call], set[str]]:
    """Each ticket's latest call of `day`, newest first, and the tickets still called or
    served. A ticket row keeps only its present call (a transfer clears it), so the calls
    of tickets that moved on come from their "called" events, which history keeps."""
    latest: dict[str, Call] = {}
    live: set[str] = set()
    held = session.execute(
        select(TicketRow.id, TicketRow.number, TicketRow.counter, QUEUE, TicketRow.called_at,
               TicketRow.recalls, TicketRow.state)
        .where(TicketRow.service_day == day, TicketRow.called_at.is_not(None),
               TicketRow.counter.is_not(None))).all()
    for ticket, number, counter, queue, at, recalls, state in held:
        latest[ticket] = Call(ticket=ticket, number=number, counter=counter, service=queue,
                              at=at, recall=recalls or 0)
        if state in LIVE:
            live.add(ticket)
    # SQLite gives the bare columns of the row that holds the max(): the counter of that call.
    past = session.execute(
        select(TicketRow.id, TicketRow.number, TicketEventRow.counter, TicketRow.service_code,
               func.max(TicketEventRow.at))
        .join(TicketEventRow, TicketEventRow.ticket_id == TicketRow.id)
        .where(TicketRow.service_day == day, TicketEventRow.state == TicketState.CALLED,
               TicketEventRow.counter.is_not(None))
        .group_by(TicketRow.id)).all()
    for ticket, number, counter, service, at in past:
        if ticket not in latest or latest[ticket].at < at:
            latest[ticket] = Call(ticket=ticket, number=number, counter=counter,
                                  service=service, at=at)
    return sorted(latest.values(), key=lambda call: call.at, reverse=True), live


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
            ((TicketRow.state == TicketState.WAITING) & QUEUE.in_(mine))
            | ((TicketRow.counter == counter) & TicketRow.state.in_(LIVE)))).all()
        finished = session.execute(select(TicketRow.serving_at, TicketRow.finished_at).where(
            TicketRow.service_day == day, TicketRow.counter == counter,
            TicketRow.state == TicketState.DONE)).all()
        tickets = [_queue_ticket(row, by_code) for row in rows]
    current = next((t for t in tickets if t.state in LIVE), None)
    minutes = [(end - start).total_seconds() / 60 for start, end in finished if start and end]
    return CounterView(
        counter=counter, staff_name=staff_name, mode=mode, online=online,
        current=current,
        waiting=tuple(in_call_order(t for t in tickets if t.state == TicketState.WAITING)),
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
