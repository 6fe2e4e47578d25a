"""The outbox, as the sync engine sees it: what to send, and what the server answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update

from kiosk.store.db import Store
from kiosk.store.models import OutboxRow


@dataclass(frozen=True)
class PendingOp:
    op_id: str
    kind: str
    payload: dict[str, Any]


def pending(store: Store, limit: int, now: datetime) -> list[PendingOp]:
    """The oldest ops not yet acknowledged nor rejected nor held back at `now`, in the order
    they were written."""
    with store.read() as session:
        rows = session.scalars(select(OutboxRow).where(
            OutboxRow.rejected_at.is_(None),
            OutboxRow.held_until.is_(None) | (OutboxRow.held_until <= now))
            .order_by(OutboxRow.id).limit(limit)).all()
        return [PendingOp(row.op_id, row.kind, row.payload) for row in rows]


def acknowledge(store: Store, op_ids: list[str]) -> int:
    """The server holds these ops (applied now or before): they leave the outbox."""
    if not op_ids:
        return 0
    with store.transaction() as session:
        return session.execute(delete(OutboxRow).where(OutboxRow.op_id.in_(op_ids))).rowcount


def reject(store: Store, op_id: str, reason: str, at: datetime) -> int:
    with store.transaction() as session:
        return session.execute(update(OutboxRow).where(OutboxRow.op_id == op_id,
                                                       OutboxRow.rejected_at.is_(None))
                               .values(rejected_at=at, last_error=reason[:500])).rowcount


def note_failure(store: Store, op_ids: list[str], error: str) -> None:
    """A send that did not get an answer: counted, retried later."""
    if op_ids:
        with store.transaction() as session:
            session.execute(update(OutboxRow).where(OutboxRow.op_id.in_(op_ids))
                            .values(attempts=OutboxRow.attempts + 1, last_error=error[:500]))


@dataclass(frozen=True)
class OutboxHealth:
    """What staff see of the outbox: what still waits to be sent, and what the city server
    refused (kept aside, never sent again, never dropped), with its reasons."""

    waiting: int
    refused: int
    reasons: tuple[str, ...] = ()  # the server's words for the newest refusals


def health(store: Store, reasons: int = 3) -> OutboxHealth:
    waiting, refused = counts(store)
    with store.read() as session:
        newest = session.scalars(select(OutboxRow.last_error)
                                 .where(OutboxRow.rejected_at.is_not(None))
                                 .order_by(OutboxRow.rejected_at.desc(), OutboxRow.id.desc())
                                 .limit(reasons)).all()
    return OutboxHealth(waiting, refused, tuple(reason or "?" for reason in newest))


def counts(store: Store) -> tuple[int, int]:
    """(waiting to be sent, rejected by the server)."""
    with store.read() as session:
        waiting = session.scalar(select(func.count()).select_from(OutboxRow)
                                 .where(OutboxRow.rejected_at.is_(None))) or 0
        rejected = session.scalar(select(func.count()).select_from(OutboxRow)
                                  .where(OutboxRow.rejected_at.is_not(None))) or 0
    return waiting, rejected
