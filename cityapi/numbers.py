"""Giving out numbers: one at a time to online kiosks, in leased blocks for offline ones.

Each is one row update (`UPDATE ... RETURNING`) in the caller's transaction: PostgreSQL
locks the counter row and SQLite the whole database until commit, so two kiosks never get
the same number, and a rolled-back ticket gives its number back (no gaps online).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cityapi.database import upsert
from cityapi.devices import Caller
from cityapi.models import Device, NumberCounter, NumberLease, Service, Ticket
from kiosk.numbering import LAST_ONLINE, LAST_SEQUENCE
from sync.protocol import Lease, LeaseRequest, LeasesResponse

# Numbers one kiosk may lease per service and day: far more than a day offline needs, far fewer
# than the 499 of the leased range, so one kiosk cannot take them all from the others.
LEASED_PER_DAY = 200
LEASE_DAYS_AHEAD = 1  # blocks for today and tomorrow only


class NumbersUsedUp(Exception):
    """All 999 numbers of the service day are given out."""


def _ensure_counter(session: Session, plaza: str, service: str, day: date) -> tuple:
    session.execute(upsert(session, NumberCounter).values(
        plaza_code=plaza, service_code=service, service_day=day, last_online=0,
        last_leased=LAST_ONLINE,
    ).on_conflict_do_nothing())
    return (NumberCounter.plaza_code == plaza, NumberCounter.service_code == service,
            NumberCounter.service_day == day)


def next_online(session: Session, plaza: str, service: str, day: date, prefix: str) -> int:
    """The next free number for an online kiosk. Numbers already held by tickets (made by a
    kiosk before it was enrolled) are stepped over rather than refused."""
    key = _ensure_counter(session, plaza, service, day)
    while True:
        sequence = session.scalar(update(NumberCounter).where(
            *key, NumberCounter.last_online < LAST_ONLINE,
        ).values(last_online=NumberCounter.last_online + 1).returning(NumberCounter.last_online))
        if sequence is None:  # the online range is spent: continue in the leased range
            sequence = lease(session, plaza, service, day, 1)[0]
        if not _taken(session, plaza, service, day, f"{prefix}-{sequence:03d}"):
            return sequence


def lease(session: Session, plaza: str, service: str, day: date, size: int) -> tuple[int, int]:
    """A block of up to `size` numbers from the leased range: (first, last)."""
    key = _ensure_counter(session, plaza, service, day)
    # The row is locked (FOR UPDATE on PostgreSQL; SQLite's write lock is already held).
    before = session.scalar(select(NumberCounter.last_leased).where(*key).with_for_update())
    if before >= LAST_SEQUENCE:
        raise NumbersUsedUp(f"all {LAST_SEQUENCE} numbers of {service} on {day} are given out")
    last = min(before + size, LAST_SEQUENCE)
    session.execute(update(NumberCounter).where(*key).values(last_leased=last))
    return before + 1, last


def held_by(session: Session, caller: Caller, service: str, day: date, sequence: int,
            issued_at: datetime) -> bool:
    """Whether `caller` may have numbered `sequence` without a tag: it lies in a block leased
    to this kiosk, or the ticket was issued before the kiosk was enrolled (standing alone,
    a kiosk numbers 1-999 itself)."""
    in_lease = session.scalar(select(NumberLease.id).where(
        NumberLease.device_id == caller.device_id, NumberLease.service_code == service,
        NumberLease.service_day == day, NumberLease.first <= sequence,
        NumberLease.last >= sequence).limit(1))
    if in_lease is not None:
        return True
    return issued_at < session.get(Device, caller.device_id).enrolled_at


def _leased(session: Session, caller: Caller, service: str, day: date) -> int:
    return session.scalar(select(func.coalesce(func.sum(NumberLease.last - NumberLease.first + 1),
                                               0)).where(
        NumberLease.device_id == caller.device_id, NumberLease.service_code == service,
        NumberLease.service_day == day)) or 0


def _taken(session: Session, plaza: str, service: str, day: date, number: str) -> bool:
    return session.scalar(select(Ticket.id).where(
        Ticket.plaza_code == plaza, Ticket.service_code == service,
        Ticket.service_day == day, Ticket.number == number).limit(1)) is not None


def grant_leases(session: Session, caller: Caller, wanted: list[LeaseRequest],
                 now: datetime, today: date) -> LeasesResponse:
    """Blocks of numbers for a kiosk, in one transaction. A request id already granted gets
    the same block again (the answer may have been lost); what cannot be given is said why."""
    granted: list[Lease] = []
    refused: list[str] = []
    # Counter rows are locked in one order by every caller, so two kiosks never deadlock.
    for request in sorted(wanted, key=lambda r: (r.service, r.service_day)):
        row = session.get(NumberLease, str(request.id))
        if row is None:
            if session.get(Service, (caller.plaza, request.service)) is None:
                refused.append(f"{request.service}: no such service at this plaza")
                continue
            if not today <= request.service_day <= today + timedelta(days=LEASE_DAYS_AHEAD):
                refused.append(f"{request.service} on {request.service_day}: blocks are given "
                               f"for today ({today}) and tomorrow only")
                continue
            held = _leased(session, caller, request.service, request.service_day)
            if held + request.size > LEASED_PER_DAY:
                refused.append(f"{request.service} on {request.service_day}: this kiosk holds "
                               f"{held} numbers already (at most {LEASED_PER_DAY} a day)")
                continue
            try:
                first, last = lease(session, caller.plaza, request.service, request.service_day,
                                    request.size)
            except NumbersUsedUp as error:
                refused.append(str(error))
                continue
            row = NumberLease(id=str(request.id), device_id=caller.device_id,
                              plaza_code=caller.plaza, service_code=request.service,
                              service_day=request.service_day, first=first, last=last,
                              taken_at=now)
            session.add(row)
        elif row.device_id != caller.device_id:
            refused.append(f"lease {request.id} belongs to another device")
            continue
        granted.append(Lease(id=row.id, service=row.service_code, service_day=row.service_day,
                             first=row.first, last=row.last))
    return LeasesResponse(leases=granted, refused=refused)
