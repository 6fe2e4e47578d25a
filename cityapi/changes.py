"""The change feed devices pull (DESIGN §4): `GET /v1/changes?cursor=…` gives what changed
since the cursor; a cursor the server does not know means "take a snapshot"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cityapi.models import Change, Plaza, ServiceDayOverride, Ticket
from kiosk import feed
from kiosk.availability import StaffOverride
from kiosk.calls import Call
from kiosk.service_day import service_day
from kiosk.vocabulary import Priority, TicketState
from sync.protocol import Snapshot, feed_entry

PAGE = 500


class CursorGone(Exception):
    """The cursor is not one this server can continue from: the device takes a snapshot."""


RANG = "plazas_changed"  # session.info key: plazas whose feed grew in this transaction
CHANNEL = "plaza_changes"  # PostgreSQL NOTIFY channel (cityapi/live.py listens)


def lock(session: Session, plaza: str) -> None:
    """Lock the plaza's row until commit. Changes of one plaza then get their sequence and
    commit one after another, so a reader never passes a sequence that commits later; and
    counter actions that take it first never race each other (two counters, one ticket).
    FOR NO KEY UPDATE: it does not wait on the key-share locks this transaction's own
    inserts (tickets, counters) take on the plaza row, so two kiosks never deadlock."""
    session.scalar(select(Plaza.code).where(Plaza.code == plaza).with_for_update(key_share=True))


def record(session: Session, plaza: str, change: feed.Change, at: datetime) -> None:
    """Add `change` to the plaza's feed, in the caller's transaction."""
    lock(session, plaza)
    kind, data = feed_entry(change)
    session.add(Change(plaza_code=plaza, kind=kind, data=data, at=at))
    rang = session.info.setdefault(RANG, set())
    if plaza not in rang and session.get_bind().dialect.name == "postgresql":
        # Delivered on commit to every API process listening, so a display long-polling one
        # worker hears of a call handled by another.
        session.execute(select(func.pg_notify(CHANNEL, plaza)))
    rang.add(plaza)


def ticket_change(ticket: Ticket, at: datetime) -> feed.TicketChange:
    return feed.TicketChange(
        id=ticket.id, public_code=ticket.public_code, service=ticket.service_code,
        service_day=ticket.service_day, sequence=ticket.sequence, number=ticket.number,
        state=TicketState(ticket.state), issued_at=ticket.issued_at, device_id=ticket.device_id,
        priority=Priority(ticket.priority) if ticket.priority else None,
        queue=ticket.queue or ticket.service_code, counter=ticket.counter,
        called_at=ticket.called_at, recalls=ticket.recalls or 0, serving_at=ticket.serving_at,
        finished_at=ticket.finished_at, changed_at=at)


def call_change(ticket: Ticket) -> Call:
    """What the display board announces: this number, to this counter."""
    return Call(ticket=ticket.id, number=ticket.number, counter=ticket.counter,
                service=ticket.queue, at=ticket.called_at, recall=ticket.recalls)


def since(session: Session, plaza: str, cursor: str) -> tuple[list[dict[str, Any]], str, bool]:
    """(changes after `cursor`, the next cursor, whether more are waiting)."""
    if not (cursor.isascii() and cursor.isdigit()) or len(cursor) > 18:
        raise CursorGone(f"unknown cursor {cursor[:40]!r}")
    after = int(cursor)
    first, last = session.execute(select(func.min(Change.seq), func.max(Change.seq))).one()
    if after > (last or 0) or (first is not None and after < first - 1):
        raise CursorGone(f"cursor {after} is not in this server's feed; take a snapshot")
    rows = session.scalars(select(Change).where(Change.plaza_code == plaza, Change.seq > after)
                           .order_by(Change.seq).limit(PAGE + 1)).all()
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    changes = [{"seq": row.seq, "kind": row.kind, "data": row.data} for row in rows]
    # Only past rows seen: another plaza's changes may commit out of sequence order, this
    # plaza's never do (see `record`).
    return changes, str(rows[-1].seq if rows else after), more


def snapshot(session: Session, plaza_code: str, now: datetime) -> Snapshot:
    """What a device needs to start over: catalog ETag, current staff overrides and the
    tickets of today and later, and the cursor to continue from."""
    plaza = session.get(Plaza, plaza_code)
    # This plaza's last change, not the feed's: another plaza's later sequence may commit
    # before one of this plaza's that is still in flight.
    last = session.scalar(select(func.max(Change.seq)).where(Change.plaza_code == plaza_code)) or 0
    today = service_day(now, plaza.timezone)
    overrides = session.scalars(select(ServiceDayOverride).where(
        ServiceDayOverride.plaza_code == plaza_code,
        ServiceDayOverride.service_day >= today)).all()
    tickets = session.scalars(select(Ticket).where(
        Ticket.plaza_code == plaza_code, Ticket.service_day >= today)).all()
    return Snapshot(
        cursor=str(last), catalog_etag=plaza.catalog_etag,
        overrides=[feed.OverrideChange(o.service_code, o.service_day, StaffOverride(o.state))
                   for o in overrides],
        tickets=[ticket_change(t, now) for t in tickets])
