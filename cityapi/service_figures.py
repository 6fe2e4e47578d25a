"""A plaza's service figures over a period, from its tickets and their history: arrivals per
service per hour, waiting time (taken to first called) and service time (serving to done) as
median and 90th percentile, the no-show rate, transfers, and how many each counter and each
staff member served. A day's counts per service stay in cityapi/figures.py."""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cityapi.models import Plaza, Staff, Ticket, TicketEvent
from cityapi.rules import catalog_of
from kiosk.service_day import local_time
from kiosk.vocabulary import TicketState

TENTH = Decimal("0.1")


def _minutes(seconds: float) -> Decimal:
    return Decimal(str(seconds / 60)).quantize(TENTH, rounding=ROUND_HALF_UP)


def median(values: Sequence[float]) -> Decimal | None:
    return _minutes(statistics.median(values)) if values else None


def p90(values: Sequence[float]) -> Decimal | None:
    """The 90th percentile by nearest rank: the smallest value at or above 90 % of them
    (of 10 values the 9th, of 20 the 18th), so it is always a time someone really waited."""
    if not values:
        return None
    ordered = sorted(values)
    return _minutes(ordered[math.ceil(0.9 * len(ordered)) - 1])


class ServicePeriod(BaseModel):
    service: str
    name: dict[str, str]
    arrivals: int  # numbers taken (a withdrawn take is no arrival)
    by_hour: dict[int, int]  # the plaza's local hour -> numbers taken
    wait_median: Decimal | None  # minutes from taking the number to the first call
    wait_p90: Decimal | None
    waited: int  # tickets called at least once
    service_median: Decimal | None  # minutes from serving to done
    service_p90: Decimal | None
    served: int
    no_show: int
    no_show_rate: Decimal | None  # % of the tickets that ended at a counter (done or no-show)
    transferred_out: int
    transferred_in: int


class Served(BaseModel):
    who: str  # a counter's name, or a staff member's
    served: int


class PeriodFigures(BaseModel):
    services: list[ServicePeriod]
    counters: list[Served]
    staff: list[Served]
    arrivals: int
    served: int
    no_show: int


def service_figures(session: Session, plaza_code: str, start: date, end: date) -> PeriodFigures:
    plaza = session.get(Plaza, plaza_code)
    timezone = plaza.timezone if plaza else "UTC"
    catalog = catalog_of(plaza) if plaza is not None and plaza.catalog else None
    names = {s.code: {"id": s.name.id, "en": s.name.en} for s in catalog.services} if catalog else {}
    in_period = (Ticket.plaza_code == plaza_code, Ticket.service_day >= start,
                 Ticket.service_day <= end)
    tickets = session.execute(select(
        Ticket.id, Ticket.service_code, Ticket.queue, Ticket.state, Ticket.issued_at,
        Ticket.serving_at, Ticket.finished_at).where(*in_period)).all()
    first_call = dict(session.execute(
        select(TicketEvent.ticket_id, func.min(TicketEvent.at))
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(*in_period, TicketEvent.kind == TicketState.CALLED)
        .group_by(TicketEvent.ticket_id)).all())
    events = session.execute(
        select(TicketEvent.kind, TicketEvent.counter, TicketEvent.staff_id, TicketEvent.detail)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(*in_period, TicketEvent.kind.in_(("done", "transferred")))).all()

    arrivals: dict[str, Counter[int]] = defaultdict(Counter)
    waits: dict[str, list[float]] = defaultdict(list)
    serves: dict[str, list[float]] = defaultdict(list)
    ended: dict[str, Counter[str]] = defaultdict(Counter)
    for ticket in tickets:
        if ticket.state == TicketState.CANCELLED:
            continue
        arrivals[ticket.service_code][local_time(ticket.issued_at, timezone).hour] += 1
        if (called := first_call.get(ticket.id)) is not None:
            waits[ticket.service_code].append((called - ticket.issued_at).total_seconds())
        if ticket.state in (TicketState.DONE, TicketState.NO_SHOW):
            ended[ticket.queue][ticket.state] += 1
        if ticket.state == TicketState.DONE and ticket.serving_at and ticket.finished_at:
            serves[ticket.queue].append((ticket.finished_at - ticket.serving_at).total_seconds())
    moved_out, moved_in = Counter(), Counter()
    counters, staff = Counter(), Counter()
    for kind, counter, staff_id, detail in events:
        if kind == "transferred":
            moved_out[(detail or {}).get("from")] += 1
            moved_in[(detail or {}).get("to")] += 1
        else:
            counters[counter or "?"] += 1
            staff[staff_id] += 1
    staff_names = dict(session.execute(select(Staff.id, Staff.name).where(
        Staff.plaza_code == plaza_code)).all())
    codes = sorted({*arrivals, *ended, *moved_out, *moved_in} - {None},
                   key=lambda code: names.get(code, {"id": code})["id"])
    services = []
    for code in codes:
        done, missed = ended[code][TicketState.DONE], ended[code][TicketState.NO_SHOW]
        rate = (Decimal(100 * missed) / (done + missed)).quantize(TENTH, rounding=ROUND_HALF_UP) \
            if done + missed else None
        services.append(ServicePeriod(
            service=code, name=names.get(code, {"id": code, "en": code}),
            arrivals=sum(arrivals[code].values()), by_hour=dict(sorted(arrivals[code].items())),
            wait_median=median(waits[code]), wait_p90=p90(waits[code]), waited=len(waits[code]),
            service_median=median(serves[code]), service_p90=p90(serves[code]),
            served=done, no_show=missed, no_show_rate=rate,
            transferred_out=moved_out[code], transferred_in=moved_in[code]))
    return PeriodFigures(
        services=services,
        counters=[Served(who=name, served=count) for name, count in
                  sorted(counters.items(), key=lambda item: (-item[1], item[0]))],
        staff=sorted((Served(who=staff_names.get(who, "?") if who else "?", served=count)
                      for who, count in staff.items()), key=lambda row: (-row.served, row.who)),
        arrivals=sum(s.arrivals for s in services), served=sum(s.served for s in services),
        no_show=sum(s.no_show for s in services))
