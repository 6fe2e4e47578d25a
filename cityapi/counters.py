"""Counters: staff sign in with a PIN checked here, and every call goes through here, the one
authority (DESIGN §4), so two counters can never call the same ticket.

Each action runs exactly once under its id (cityapi/ops.py) and takes the plaza's lock first
(cityapi/changes.py), so actions of one plaza are applied one after another: "call next" on
eight counters at the same moment gives eight different tickets. The rules of what may be
done to a ticket live in kiosk/calls.py, shared with the console.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, select
from sqlalchemy.orm import Session

from cityapi import changes, rules
from cityapi.devices import Caller
from cityapi.models import CounterState, Device, Plaza, Service, SignInFailure, Staff, StaffSession, Ticket
from cityapi.models import TicketEvent as Event
from cityapi.ops import Rejected
from kiosk import calls
from kiosk.feed import CounterChange
from kiosk.numbering import CALL_ORDER
from kiosk.pin import hash_pin, verify_pin
from kiosk.service_day import service_day
from kiosk.vocabulary import TicketState
from sync.protocol import CounterAct, SignIn, SignInAnswer, TicketActed

MAX_FAILURES = 5  # wrong PINs within FAILURE_WINDOW, per console or per staff member ...
FAILURE_WINDOW = timedelta(minutes=5)
LOCKOUT = timedelta(minutes=5)  # ... lock both out for this long
SESSION_HOURS = 14  # a session outlives the longest service day, not the night


# Checked when the staff member is unknown, so that answer costs what a wrong PIN costs.
_NOBODY = hash_pin("000000", salt=b"plaza-kiosk-none")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_staff(session: Session, plaza: str, name: str, pin: str, now: datetime) -> str:
    """A staff member who may sign in at this plaza's counters; returns the id."""
    if session.get(Plaza, plaza) is None:
        raise ValueError(f"no plaza {plaza!r}; import its catalog first")
    if not name.strip() or len(name) > 64:
        raise ValueError("a staff name is 1-64 characters")
    staff = Staff(id=str(uuid.uuid4()), plaza_code=plaza, name=name.strip(),
                  pin_hash=hash_pin(pin), created_at=now)
    session.add(staff)
    return staff.id


def counters_of(session: Session, plaza: str) -> dict[str, list[str]]:
    """Each counter of the plaza with the services it serves (from the catalog)."""
    served: dict[str, list[str]] = {}
    for service in session.scalars(select(Service).where(Service.plaza_code == plaza)):
        for counter in service.counters.get("names", []):
            served.setdefault(str(counter), []).append(service.code)
    return dict(sorted(served.items(), key=lambda item: (len(item[0]), item[0])))


def setup(session: Session, plaza: str) -> dict[str, Any]:
    staff = session.scalars(select(Staff).where(Staff.plaza_code == plaza,
                                                Staff.retired_at.is_(None))
                            .order_by(Staff.name)).all()
    return {"staff": [{"id": s.id, "name": s.name} for s in staff],
            "counters": list(counters_of(session, plaza))}


def sign_in(session: Session, caller: Caller, request: SignIn, now: datetime) -> SignInAnswer:
    """Check a staff member's PIN at a counter, at most MAX_FAILURES wrong PINs per window
    per console and per staff member, whatever the concurrency: the staff member's and the
    console's rows stay locked from counting the failures to recording this attempt, so
    parallel sign-ins are checked one after another. An unknown staff member is answered
    exactly like a wrong PIN (same words, a PIN check of the same cost) and counts against
    the console."""
    if request.counter not in counters_of(session, caller.plaza):
        return SignInAnswer(ok=False, problem="unknown_counter")
    staff = session.scalar(select(Staff).where(
        Staff.id == request.staff, Staff.plaza_code == caller.plaza,
        Staff.retired_at.is_(None)).with_for_update())
    session.scalar(select(Device.id).where(Device.id == caller.device_id).with_for_update())
    staff_id = staff.id if staff is not None else None
    recent = select(SignInFailure.at).where(
        (SignInFailure.device_id == caller.device_id) | (SignInFailure.staff_id == staff_id),
        SignInFailure.at > now - max(FAILURE_WINDOW, LOCKOUT))
    failures = sorted(session.scalars(recent).all())
    if len(failures) >= MAX_FAILURES:
        until = failures[-1] + LOCKOUT
        if until > now:
            return SignInAnswer(ok=False, problem="locked",
                                locked_seconds=int((until - now).total_seconds()) + 1)
    right = verify_pin(request.pin, staff.pin_hash if staff is not None else _NOBODY)
    if staff is None or not right:
        session.add(SignInFailure(device_id=caller.device_id, staff_id=staff_id or "-", at=now))
        in_window = [at for at in failures if at > now - FAILURE_WINDOW]
        left = MAX_FAILURES - len(in_window) - 1
        if left <= 0:
            return SignInAnswer(ok=False, problem="locked",
                                locked_seconds=int(LOCKOUT.total_seconds()))
        return SignInAnswer(ok=False, problem="wrong_pin", attempts_left=left)
    session.execute(delete(SignInFailure).where(SignInFailure.staff_id == staff.id,
                                                SignInFailure.device_id == caller.device_id))
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=_hash(token), staff_id=staff.id, device_id=caller.device_id,
                             plaza_code=caller.plaza, counter=request.counter, started_at=now))
    _set_mode(session, caller.plaza, request.counter, "open", staff.id, now)
    return SignInAnswer(ok=True, session=token, name=staff.name, counter=request.counter)


@dataclass(frozen=True)
class Shift:
    """Who works at which counter, from a staff session token."""

    caller: Caller
    staff_id: str
    staff_name: str
    counter: str
    token_hash: str


def shift(session: Session, caller: Caller, token: str, now: datetime) -> Shift | None:
    row = session.get(StaffSession, _hash(token))
    if (row is None or row.ended_at is not None or row.device_id != caller.device_id
            or row.started_at < now - timedelta(hours=SESSION_HOURS)):
        return None
    staff = session.get(Staff, row.staff_id)
    return Shift(caller, row.staff_id, staff.name, row.counter, row.token_hash)


def _set_mode(session: Session, plaza: str, counter: str, mode: str, staff_id: str | None,
              now: datetime) -> None:
    state = session.get(CounterState, (plaza, counter))
    if state is None:
        state = CounterState(plaza_code=plaza, counter=counter)
        session.add(state)
    state.mode, state.staff_id, state.since = mode, staff_id, now
    changes.record(session, plaza, CounterChange(counter, mode, now), now)


def change_mode(session: Session, who: Shift, mode: calls.CounterMode, now: datetime) -> None:
    """Pause, resume or close the counter; closing ends the staff member's session."""
    changes.lock(session, who.caller.plaza)
    _set_mode(session, who.caller.plaza, who.counter, mode, who.staff_id, now)
    if mode == "closed":
        session.get(StaffSession, who.token_hash).ended_at = now


# --- actions on tickets ---


def act(session: Session, who: Shift, request: CounterAct, now: datetime) -> TicketActed:
    """Apply one counter action; raises `Rejected` with a problem code when it cannot be done
    (a stale action changes nothing)."""
    plaza = who.caller.plaza
    changes.lock(session, plaza)  # first, always: one action of the plaza at a time
    state = session.get(CounterState, (plaza, who.counter))
    if request.action in ("call_next", "call") and state is not None and state.mode != "open":
        raise Rejected(f"counter {who.counter} is {state.mode}", "paused")
    if request.action == "call_next":
        ticket = _next_waiting(session, who, now)
    else:
        if request.ticket is None:
            raise Rejected(f"{request.action} needs a ticket", "wrong_state")
        ticket = session.get(Ticket, str(request.ticket), populate_existing=True)
        if ticket is None or ticket.plaza_code != plaza:
            raise Rejected("no such ticket at this plaza", "wrong_state")
        problem = calls.check(request.action, state=ticket.state, ticket_counter=ticket.counter,
                              counter=who.counter, recalls=ticket.recalls)
        if problem is not None:
            raise Rejected(f"{request.action} is not possible: ticket {ticket.number} is "
                           f"{ticket.state}" + (f" at counter {ticket.counter}"
                                                if ticket.counter else ""), problem)
    if request.action in ("call_next", "call"):
        _ensure_free(session, who)
        if request.action == "call" and ticket.queue not in counters_of(session, plaza).get(
                who.counter, []):
            raise Rejected(f"{ticket.number} is not served at counter {who.counter}",
                           "not_for_counter")
        ticket.state, ticket.counter, ticket.called_at, ticket.recalls = (
            TicketState.CALLED, who.counter, now, 0)
        _event(session, who, ticket, TicketState.CALLED, now)
    elif request.action == "recall":
        ticket.recalls += 1
        ticket.called_at = now
        _event(session, who, ticket, "recalled", now)
    elif request.action == "start":
        ticket.state, ticket.serving_at = TicketState.SERVING, now
        _event(session, who, ticket, TicketState.SERVING, now)
    elif request.action in ("done", "no_show"):
        ticket.state, ticket.finished_at = TicketState(request.action), now
        if ticket.serving_at is None and request.action == "done":
            ticket.serving_at = ticket.called_at or now  # served straight from the call
        _event(session, who, ticket, request.action, now)
    elif request.action == "transfer":
        _transfer(session, who, ticket, request.service, now)
    session.flush()
    change = changes.ticket_change(ticket, now)
    changes.record(session, plaza, change, now)
    if request.action in ("call_next", "call", "recall"):
        changes.record(session, plaza, changes.call_change(ticket), now)
    return TicketActed(ticket=change)


def _next_waiting(session: Session, who: Shift, now: datetime) -> Ticket:
    plaza = who.caller.plaza
    services = counters_of(session, plaza).get(who.counter, [])
    timezone = session.get(Plaza, plaza).timezone
    # Call order (kiosk/numbering.py): priority first, then by issue time, not by number.
    ticket = session.scalars(
        select(Ticket).where(Ticket.plaza_code == plaza, Ticket.queue.in_(services),
                             Ticket.service_day == service_day(now, timezone),
                             Ticket.state == TicketState.WAITING)
        .order_by(*call_order()).limit(1)).first()
    if ticket is None:
        raise Rejected(f"no one is waiting for counter {who.counter}", "no_one_waiting")
    return ticket


def call_order() -> list[Any]:
    """kiosk.numbering.CALL_ORDER as SQL: the same order on the server as on every device."""
    return [case((Ticket.priority.is_(None), 1), else_=0) if field == "priority"
            else getattr(Ticket, field) for field in CALL_ORDER]


def _ensure_free(session: Session, who: Shift) -> None:
    held = session.scalars(select(Ticket.number).where(
        Ticket.plaza_code == who.caller.plaza, Ticket.counter == who.counter,
        Ticket.state.in_((TicketState.CALLED, TicketState.SERVING)))).first()
    if held is not None:
        raise Rejected(f"counter {who.counter} still has {held}; finish it first", "busy")


def _transfer(session: Session, who: Shift, ticket: Ticket, to: str | None,
              now: datetime) -> None:
    if to is None or session.get(Service, (who.caller.plaza, to)) is None:
        raise Rejected(f"no service {to!r} at this plaza", "no_service")
    if to == ticket.queue:
        raise Rejected(f"{ticket.number} already waits for {to}", "same_service")
    target = rules.availability(session, who.caller.plaza, to, now)
    if target is not None and not target.serves_today:
        raise Rejected(f"{to} does not serve today ({target.reason})", "service_closed")
    _event(session, who, ticket, "transferred", now, {"from": ticket.queue, "to": to})
    # Back to waiting, in the other queue, with its issue time: it keeps its place.
    ticket.queue, ticket.state, ticket.counter = to, TicketState.WAITING, None
    ticket.called_at, ticket.recalls, ticket.serving_at = None, 0, None


def _event(session: Session, who: Shift, ticket: Ticket, kind: str, now: datetime,
           detail: dict[str, Any] | None = None) -> None:
    session.add(Event(ticket_id=ticket.id, kind=kind, at=now, device_id=who.caller.device_id,
                      staff_id=who.staff_id, counter=who.counter, detail=detail))

