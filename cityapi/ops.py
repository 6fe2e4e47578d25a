"""Applying a device's ops exactly once: applied / duplicate (same answer) / rejected (a reason).

Each op runs in its own transaction, so one bad op never blocks or undoes the rest. The
answer to every op is kept forever under its `op_id`; a replay gets the original answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from cityapi import changes, feedback, numbers, rules
from cityapi.database import upsert
from cityapi.devices import Caller
from cityapi.models import AppliedOp, Service, ServiceDayOverride, Ticket
from cityapi.numbers import NumbersUsedUp, next_online
from kiosk.availability import Reason, StaffOverride
from kiosk.calls import Problem
from kiosk.feed import OverrideChange
from kiosk.numbering import format_number
from kiosk.vocabulary import Role, TicketState
from sync.protocol import (
    COUNTER_OUTCOME,
    OUTCOME_OF_OP,
    PAYLOADS,
    FeedbackGive,
    Numbered,
    Op,
    OpResult,
    Outcome,
    OverrideSet,
    Rated,
    ServiceOverride,
    TicketIssue,
    TicketTake,
    TicketVoid,
    Withdrawn,
)

log = logging.getLogger(__name__)

# Which role may send which op (DESIGN §4: a kiosk issues, it never calls).
ALLOWED = {"ticket.issue": {Role.KIOSK}, "ticket.take": {Role.KIOSK},
           "ticket.void": {Role.KIOSK}, "service.override": {Role.KIOSK, Role.COUNTER},
           "feedback.give": {Role.KIOSK}}


class Rejected(Exception):
    """The op is well-formed but cannot be applied; the reason goes back to the device, with
    a stable `problem` code when a console should word it for staff."""

    def __init__(self, reason: str, problem: Problem | Reason | None = None) -> None:
        super().__init__(reason)
        self.problem = problem


def _service(session: Session, caller: Caller, code: str) -> Service:
    service = session.get(Service, (caller.plaza, code))
    if service is None:
        raise Rejected(f"no service {code!r} at this plaza")
    return service


def _add_ticket(session: Session, caller: Caller, ticket: TicketTake, sequence: int,
                number: str, now: datetime, beyond_quota: bool = False) -> Numbered:
    row = Ticket(
        id=str(ticket.id), plaza_code=caller.plaza, public_code=ticket.public_code,
        service_code=ticket.service, service_day=ticket.service_day, sequence=sequence,
        number=number, priority=ticket.priority, state=TicketState.WAITING,
        issued_at=ticket.issued_at, device_id=caller.device_id, queue=ticket.service,
        recalls=0, beyond_quota=beyond_quota,
    )
    session.add(row)
    changes.record(session, caller.plaza, changes.ticket_change(row, now), now)
    return Numbered(ticket=ticket.id, number=number, sequence=sequence)


def _issue(session: Session, caller: Caller, ticket: TicketIssue, now: datetime) -> Numbered:
    """A ticket the kiosk numbered itself: from a block leased to *this* kiosk, or with its
    own tag, or before it was enrolled (a kiosk standing alone numbers 1-999 itself)."""
    service = _service(session, caller, ticket.service)
    tagged = ticket.number.count("-") == 2
    if tagged and ticket.number.split("-")[1] != caller.tag:
        raise Rejected(f"number {ticket.number} carries another device's tag (this is {caller.tag})")
    label = format_number(service.prefix, ticket.sequence, caller.tag if tagged else None)
    if ticket.number != label:
        raise Rejected(f"number {ticket.number} does not name sequence {ticket.sequence} of "
                       f"{service.code} (that is {label})")
    today = rules.today(session, caller.plaza, now)
    if ticket.service_day > today + timedelta(days=1):
        raise Rejected(f"service day {ticket.service_day} is not yet (today is {today})")
    if not tagged and not numbers.held_by(session, caller, ticket.service, ticket.service_day,
                                          ticket.sequence, ticket.issued_at):
        raise Rejected(f"number {ticket.number} is not in a block leased to this kiosk")
    taken = session.scalars(select(Ticket.id).where(
        Ticket.plaza_code == caller.plaza, Ticket.service_code == ticket.service,
        Ticket.service_day == ticket.service_day, Ticket.number == ticket.number)).first()
    if taken == str(ticket.id):
        # The same ticket sent again under another op id (a kiosk that salvaged a damaged
        # store resends what it cannot prove was sent): its id is its idempotency key.
        return Numbered(ticket=ticket.id, number=ticket.number, sequence=ticket.sequence)
    if taken is not None:
        raise Rejected(f"number {ticket.number} is already taken on {ticket.service_day}")
    # A visitor holds this number: it is honoured even past the quota, and counted as such.
    changes.lock(session, caller.plaza)
    beyond = rules.quota_full(session, caller.plaza, ticket.service, ticket.service_day)
    return _add_ticket(session, caller, ticket, ticket.sequence, ticket.number, now, beyond)


def _take(session: Session, caller: Caller, ticket: TicketTake, now: datetime) -> Numbered:
    """A ticket from an online kiosk: the server checks the plaza's rules, then picks its
    number. A refusal carries the rules' reason (kiosk.availability), which the kiosk shows
    as its own; it never becomes a number."""
    service = _service(session, caller, ticket.service)
    changes.lock(session, caller.plaza)  # plaza-wide: the quota's last place is taken once
    today = rules.today(session, caller.plaza, now)
    if ticket.service_day != today:  # the server numbers its own today only
        raise Rejected(f"service day {ticket.service_day} is not today ({today}) at the plaza",
                       Reason.NOT_AVAILABLE)
    allowed = rules.availability(session, caller.plaza, ticket.service, now)
    if allowed is None:
        raise Rejected(f"no service {ticket.service!r} in this plaza's catalog",
                       Reason.NOT_AVAILABLE)
    if not allowed.can_issue:
        raise Rejected(f"no number for {ticket.service} now: {allowed.reason}", allowed.reason)
    try:
        sequence = next_online(session, caller.plaza, ticket.service, ticket.service_day,
                               service.prefix)
    except NumbersUsedUp as error:
        raise Rejected(str(error)) from None
    return _add_ticket(session, caller, ticket, sequence, format_number(service.prefix, sequence),
                       now)


def _void(session: Session, caller: Caller, void: TicketVoid, now: datetime) -> Withdrawn:
    """The kiosk gave up on the server's number for a ticket. If the take arrived, its
    ticket is cancelled; if not, its op id is claimed now, so a late copy is refused."""
    take_id = str(void.ticket)
    # Claim the take's op id; if the take is still running, this waits for it to finish.
    claimed = session.scalar(upsert(session, AppliedOp).values(
        op_id=take_id, device_id=caller.device_id, kind="ticket.take", status="rejected",
        reason=_plain(f"withdrawn by the device: {void.reason}"), received_at=now,
    ).on_conflict_do_nothing().returning(AppliedOp.op_id))  # None: the take got there first
    if claimed is not None:
        return Withdrawn(ticket=void.ticket, cancelled=False)
    changes.lock(session, caller.plaza)  # before the ticket's row, as counter actions do
    record = session.get(AppliedOp, take_id, populate_existing=True)
    if record.device_id != caller.device_id:
        raise Rejected("that ticket belongs to another device")
    ticket = session.get(Ticket, take_id)
    if ticket is None or ticket.state != TicketState.WAITING:
        return Withdrawn(ticket=void.ticket, cancelled=False)
    ticket.state = TicketState.CANCELLED
    changes.record(session, caller.plaza, changes.ticket_change(ticket, now), now)
    return Withdrawn(ticket=void.ticket, cancelled=True, number=ticket.number)


def _override(session: Session, caller: Caller, change: ServiceOverride,
              now: datetime) -> OverrideSet:
    _service(session, caller, change.service)
    where = (ServiceDayOverride.plaza_code == caller.plaza,
             ServiceDayOverride.service_code == change.service,
             ServiceDayOverride.service_day == change.service_day)
    if change.state is None:
        session.execute(delete(ServiceDayOverride).where(*where))
    else:
        # An upsert: two staff actions for the same service and day never collide.
        session.execute(upsert(session, ServiceDayOverride).values(
            plaza_code=caller.plaza, service_code=change.service,
            service_day=change.service_day, state=change.state,
        ).on_conflict_do_update(index_elements=["plaza_code", "service_code", "service_day"],
                                set_={"state": change.state}))
    changes.record(session, caller.plaza, OverrideChange(
        change.service, change.service_day,
        StaffOverride(change.state) if change.state else None), now)
    return OverrideSet(service=change.service, service_day=change.service_day, state=change.state)


def _feedback(session: Session, caller: Caller, give: FeedbackGive, now: datetime) -> Rated:
    """A visitor's survey from a kiosk (kiosk.ikm): kept by element, at most once per ticket."""
    try:
        kept = feedback.keep(session, caller.plaza, feedback.Survey(
            id=str(give.id), ticket_id=str(give.ticket) if give.ticket else None,
            agency=give.agency, answers=dict(give.answers), comment=give.comment,
            profile=give.profile, given_at=give.given_at, channel="kiosk",
            device_id=caller.device_id), now)
    except feedback.FeedbackRefused as refused:
        raise Rejected(str(refused)) from None
    return Rated(feedback=kept.feedback, ticket=kept.ticket, service=kept.service)


APPLY = {"ticket.issue": _issue, "ticket.take": _take, "ticket.void": _void,
         "service.override": _override, "feedback.give": _feedback}


def _answer(row: AppliedOp, replay: bool) -> OpResult:
    status = "duplicate" if replay and row.status == "applied" else row.status
    result = row.result
    if result is not None and "kind" not in result:  # stored before answers named their kind
        kind = COUNTER_OUTCOME if row.kind.startswith("counter.") else OUTCOME_OF_OP[row.kind]
        result = {"kind": kind, **result}
    return OpResult(op_id=row.op_id, status=status, result=result, reason=row.reason,
                    problem=row.problem)


def _earlier(sessions: sessionmaker[Session], caller: Caller, op_id: str) -> OpResult | None:
    """The answer already given to this op, if any (a replay gets the same answer)."""
    with sessions() as session:
        earlier = session.get(AppliedOp, op_id)
        if earlier is None:
            return None
        if earlier.device_id != caller.device_id:
            return OpResult(op_id=op_id, status="rejected",
                            reason="this op id belongs to another device")
        return _answer(earlier, replay=True)


def _plain(text: str) -> str:
    """A reason safe to store and show: no control characters, bounded."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:300]


def _apply(session: Session, caller: Caller, op: Op, now: datetime) -> Outcome:
    if caller.role not in ALLOWED[op.kind]:
        raise Rejected(f"a {caller.role} may not send {op.kind}")
    try:
        payload = PAYLOADS[op.kind].model_validate(op.payload)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                             for e in error.errors()[:3])
        raise Rejected(f"bad {op.kind} payload: {problems}") from None
    return APPLY[op.kind](session, caller, payload, now)


def apply_op(sessions: sessionmaker[Session], caller: Caller, op: Op, now: datetime) -> OpResult:
    """Apply one op from a device's outbox exactly once."""
    return apply_once(sessions, caller, str(op.op_id), op.kind,
                      lambda session: _apply(session, caller, op, now), now)


def apply_once(sessions: sessionmaker[Session], caller: Caller, op_id: str, kind: str,
               effect: Callable[[Session], Outcome], now: datetime) -> OpResult:
    """Run `effect` exactly once for `op_id`. Its record is written first, in the same
    transaction as its effects, so a concurrent copy of the same op waits on (or fails at)
    that row and then gets this answer; the effects run in a savepoint, so a rejection keeps
    the record."""
    if (earlier := _earlier(sessions, caller, op_id)) is not None:
        return earlier
    try:
        with sessions.begin() as session:
            record = AppliedOp(op_id=op_id, device_id=caller.device_id, kind=kind,
                               status="applied", received_at=now)
            session.add(record)
            session.flush()  # claims the op id
            try:
                with session.begin_nested():
                    record.result = effect(session).model_dump(mode="json")
            except Rejected as why:
                record.status, record.reason = "rejected", _plain(str(why))
                record.problem = why.problem
            except IntegrityError:
                record.status = "rejected"
                record.reason = "conflicts with data already on the server"
            except (ValueError, OverflowError, DataError) as error:
                record.status, record.reason = "rejected", _plain(f"unusable value: {error}")
    except IntegrityError:
        # A concurrent request claimed this op id first: its answer is this op's answer.
        if (earlier := _earlier(sessions, caller, op_id)) is not None:
            return earlier
        raise
    if record.status == "rejected":
        log.warning("op %s (%s) from %s rejected: %s", op_id, kind, caller.device_id,
                    record.reason)
    return OpResult(op_id=op_id, status=record.status, result=record.result,
                    reason=record.reason, problem=record.problem)
