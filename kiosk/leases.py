"""Blocks of numbers leased from the city server, so an offline kiosk still gives numbers
no other kiosk gives (DESIGN §4). The sync engine keeps them topped up; issuing draws on
them in the ticket's own transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.store.db import Store
from kiosk.store.models import NumberLeaseRow


@dataclass(frozen=True)
class LeasedBlock:
    id: str
    service_code: str
    service_day: date
    first: int
    last: int


def numbers_left(store: Store, days: Iterable[date]) -> dict[tuple[str, date], int]:
    """Unused leased numbers per (service, day)."""
    with store.read() as session:
        rows = session.execute(
            select(NumberLeaseRow.service_code, NumberLeaseRow.service_day,
                   func.sum(NumberLeaseRow.last - NumberLeaseRow.first + 1 - NumberLeaseRow.used))
            .where(NumberLeaseRow.service_day.in_(list(days)))
            .group_by(NumberLeaseRow.service_code, NumberLeaseRow.service_day)
        ).all()
    return {(code, day): int(left or 0) for code, day, left in rows}


def keep(store: Store, blocks: Iterable[LeasedBlock], today: date) -> None:
    """Store newly granted blocks (a block already held is not added twice) and forget the
    blocks of past days."""
    with store.transaction() as session:
        session.execute(delete(NumberLeaseRow).where(NumberLeaseRow.service_day < today))
        for block in blocks:
            if session.get(NumberLeaseRow, block.id) is None:
                session.add(NumberLeaseRow(id=block.id, service_code=block.service_code,
                                           service_day=block.service_day, first=block.first,
                                           last=block.last, used=0))


def draw(session: Session, service_code: str, day: date) -> int | None:
    """The next leased number for a service and day, or None if the blocks are used up.
    Runs inside the ticket's transaction, so a rolled-back ticket gives its number back."""
    block = session.scalars(
        select(NumberLeaseRow)
        .where(NumberLeaseRow.service_code == service_code, NumberLeaseRow.service_day == day,
               NumberLeaseRow.used <= NumberLeaseRow.last - NumberLeaseRow.first)
        .order_by(NumberLeaseRow.first).limit(1)
    ).first()
    if block is None:
        return None
    sequence = block.first + block.used
    block.used += 1
    return sequence
