"""Applying a device's ops exactly once: applied / duplicate (same answer) / rejected (a reason).

Each op runs in its own transaction, so one bad op never blocks or undoes the rest. The
answer to every op is kept forever under its `op_id`; a replay gets the original answer.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from cityapi.devices import Caller
from cityapi.models import AppliedOp, Service, ServiceDayOverride, Ticket
from sync.protocol import PAYLOADS, Op, OpResult, ServiceOverride, TicketIssue

log = logging.getLogger(__name__)

# Which role may send which op (DESIGN §4: a kiosk issues, it never calls).
ALLOWED = {"ticket.issue": {"kiosk"}, "service.override": {"kiosk", "counter"}}


class Rejected(Exception):
    """The op is well-formed but cannot be applied; the reason goes back to the device."""


def _issue(session: Session, caller: Caller, ticket: TicketIssue) -> dict[str, Any]:
    service = session.get(Service, (caller.plaza, ticket.service))
    if service is None:
        raise Rejected(f"no service {ticket.service!r} at this plaza")
    if not ticket.number.startswith(service.prefix + "-"):
        raise Rejected(f"number {ticket.number} does not use the service's prefix {service.prefix}")
    taken = session.scalars(select(Ticket.id).where(
        Ticket.plaza_code == caller.plaza, Ticket.service_code == ticket.service,
        Ticket.service_day == ticket.service_day, Ticket.number == ticket.number)).first()
    if taken is not None:
        raise Rejected(f"number {ticket.number} is already taken on {ticket.service_day}")
    session.add(Ticket(
        id=str(ticket.id), plaza_code=caller.plaza, public_code=ticket.public_code,
        service_code=ticket.service, service_day=ticket.service_day, sequence=ticket.sequence,
        number=ticket.number, priority=ticket.priority, state="waiting",
        issued_at=ticket.issued_at, device_id=caller.device_id,
    ))
    return {"ticket": str(ticket.id), "number": ticket.number}


def _override(session: Session, caller: Caller, change: ServiceOverride) -> dict[str, Any]:
    if session.get(Service, (caller.plaza, change.service)) is None:
        raise Rejected(f"no service {change.service!r} at this plaza")
    key = (caller.plaza, change.service, change.service_day)
    row = session.get(ServiceDayOverride, key)
    if change.state is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ServiceDayOverride(plaza_code=caller.plaza, service_code=change.service,
                                       service_day=change.service_day, state=change.state))
    else:
        row.state = change.state
    return {"service": change.service, "state": change.state}


APPLY = {"ticket.issue": _issue, "service.override": _override}


def _answer(row: AppliedOp, replay: bool) -> OpResult:
    status = "duplicate" if replay and row.status == "applied" else row.status
    return OpResult(op_id=row.op_id, status=status, result=row.result, reason=row.reason)


def apply_op(sessions: sessionmaker[Session], caller: Caller, op: Op) -> OpResult:
    with sessions() as session:
        earlier = session.get(AppliedOp, str(op.op_id))
        if earlier is not None:
            if earlier.device_id != caller.device_id:
                return OpResult(op_id=op.op_id, status="rejected",
                                reason="this op id belongs to another device")
            return _answer(earlier, replay=True)
    status, result, reason = "applied", None, None
    try:
        with sessions.begin() as session:
            if caller.role not in ALLOWED[op.kind]:
                raise Rejected(f"a {caller.role} may not send {op.kind}")
            try:
                payload = PAYLOADS[op.kind].model_validate(op.payload)
            except ValidationError as error:
                problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                     for e in error.errors()[:3])
                raise Rejected(f"bad {op.kind} payload: {problems}") from None
            result = APPLY[op.kind](session, caller, payload)
            session.add(AppliedOp(op_id=str(op.op_id), device_id=caller.device_id, kind=op.kind,
                                  status=status, result=result, received_at=datetime.now(UTC)))
    except Rejected as why:
        status, result, reason = "rejected", None, str(why)[:300]
    except IntegrityError:
        # Another request applied the same op (or took the same number) in between.
        with sessions() as session:
            earlier = session.get(AppliedOp, str(op.op_id))
            if earlier is not None:
                return _answer(earlier, replay=True)
        status, result, reason = "rejected", None, "conflicts with data already on the server"
    if status == "rejected":
        try:
            with sessions.begin() as session:
                session.add(AppliedOp(op_id=str(op.op_id), device_id=caller.device_id,
                                      kind=op.kind, status=status, reason=reason,
                                      received_at=datetime.now(UTC)))
        except IntegrityError:
            pass  # answered concurrently; this answer is the same
        log.warning("op %s (%s) from %s rejected: %s", op.op_id, op.kind, caller.device_id, reason)
    return OpResult(op_id=op.op_id, status=status, result=result, reason=reason)
