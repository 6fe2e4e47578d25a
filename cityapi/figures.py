"""A plaza's figures for one service day, per service: how many numbers were given and how
(by the server online, or on a kiosk offline), how many offline numbers came in after the
quota was full (honoured: a visitor holds each), and where the tickets stand now."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from cityapi.models import Service, Ticket
from kiosk.numbering import LAST_ONLINE
from kiosk.vocabulary import TicketState


class ServiceFigures(BaseModel):
    service: str
    issued: int  # tickets that count (a withdrawn take does not)
    online: int  # numbered by this server
    offline: int  # numbered on a kiosk (from its lease, or with its tag)
    beyond_quota: int  # offline numbers that arrived after the day's quota was full
    withdrawn: int  # takes a kiosk withdrew: no visitor holds them
    waiting: int
    served: int
    no_show: int


class DayFigures(BaseModel):
    plaza: str
    service_day: date
    services: list[ServiceFigures]


def _count(condition) -> object:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def day_figures(session: Session, plaza: str, day: date) -> DayFigures:
    counted = Ticket.state != TicketState.CANCELLED
    # Offline: from a leased block (above the server's own range) or tagged (A-K7-012).
    offline = or_(Ticket.sequence > LAST_ONLINE, Ticket.number.like("%-%-%"))
    rows = session.execute(
        select(Ticket.service_code, _count(counted), _count(and_(counted, ~offline)),
               _count(and_(counted, offline)), _count(Ticket.beyond_quota),
               _count(~counted), _count(Ticket.state == TicketState.WAITING),
               _count(Ticket.state == TicketState.DONE),
               _count(Ticket.state == TicketState.NO_SHOW))
        .where(Ticket.plaza_code == plaza, Ticket.service_day == day)
        .group_by(Ticket.service_code)).all()
    found = {row[0]: row[1:] for row in rows}
    codes = session.scalars(select(Service.code).where(Service.plaza_code == plaza)
                            .order_by(Service.code)).all()
    fields = list(ServiceFigures.model_fields)[1:]
    return DayFigures(plaza=plaza, service_day=day, services=[
        ServiceFigures(service=code, **dict(zip(fields, found.get(code, [0] * len(fields)),
                                                strict=True)))
        for code in sorted({*codes, *found})])


def as_table(figures: DayFigures) -> str:
    """The figures as a plain text table, for IT at a terminal."""
    fields = list(ServiceFigures.model_fields)
    widths = [max(len(name), 8) for name in fields]
    lines = [f"plaza {figures.plaza}, service day {figures.service_day.isoformat()}",
             "  ".join(name.ljust(width) for name, width in zip(fields, widths, strict=True))]
    for service in figures.services:
        values = service.model_dump().values()
        lines.append("  ".join(str(value).ljust(width)
                               for value, width in zip(values, widths, strict=True)))
    return "\n".join(lines)
