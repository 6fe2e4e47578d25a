"""Calling tickets at counters: the rules both the city server (the authority) and a counter
console apply, and what the hall's display board and a counter console show.

States (DESIGN §3): waiting -> called -> serving -> done; called -> no_show after recalls;
waiting/called/serving -> transferred, which puts the ticket back to waiting in another
service's queue with its original issue time (so it keeps its place); waiting -> cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from kiosk.vocabulary import Priority, Text, TicketState

RECALLS_BEFORE_NO_SHOW = 2  # a no-show only after the visitor was called this many times more
BOARD_RECENT = 6  # calls listed on the display board besides the current one

Action = Literal["call_next", "call", "recall", "start", "done", "no_show", "transfer"]
ACTIONS: tuple[Action, ...] = ("call_next", "call", "recall", "start", "done", "no_show",
                               "transfer")
CounterMode = Literal["open", "paused", "closed"]

# Why an action cannot be done: a stable code the console words in the staff's language.
Problem = Literal[
    "no_one_waiting",     # call_next: the queue of this counter's services is empty
    "busy",               # call_next/call: this counter still has a ticket called or in service
    "taken",              # call: another counter already called it
    "not_here",           # the ticket is with another counter (or none)
    "wrong_state",        # e.g. finishing a ticket that was transferred or is already done
    "too_early",          # no_show before the recalls were made
    "not_for_counter",    # the ticket's service is not served at this counter
    "same_service",       # transfer to the service it is already in
    "no_service",         # transfer to a service the plaza does not have
    "service_closed",     # transfer to a service that does not serve today (closed, holiday)
    "paused",             # the counter is paused or closed
]


def check(action: Action, *, state: TicketState | str, ticket_counter: str | None, counter: str,
          recalls: int = 0) -> Problem | None:
    """Whether `counter` may do `action` to a ticket in `state` held by `ticket_counter`.
    None when it may; otherwise the reason. `call_next` picks its own ticket (always waiting)."""
    mine = ticket_counter == counter
    if action in ("call_next", "call"):
        if state == TicketState.WAITING:
            return None
        return "taken" if state in (TicketState.CALLED, TicketState.SERVING) else "wrong_state"
    if action == "transfer":
        if state == TicketState.WAITING:
            return None
        if state in (TicketState.CALLED, TicketState.SERVING):
            return None if mine else "not_here"
        return "wrong_state"
    called, live = (TicketState.CALLED,), (TicketState.CALLED, TicketState.SERVING)
    needed = {"recall": called, "start": called, "no_show": called, "done": live}[action]
    if state in (TicketState.CALLED, TicketState.SERVING) and not mine:
        return "not_here"
    if state not in needed:
        return "wrong_state"
    if action == "no_show" and recalls < RECALLS_BEFORE_NO_SHOW:
        return "too_early"
    return None


@dataclass(frozen=True)
class Call:
    """A ticket called to a counter (a recall is a new call of the same ticket)."""

    ticket: str  # the ticket's id
    number: str  # "A-012"
    counter: str  # "3"
    service: str  # service code
    at: datetime  # aware UTC
    recall: int = 0  # 0 for the first call, 1 for the first recall, ...


@dataclass(frozen=True)
class WaitingCount:
    service: str
    prefix: str
    name: dict[str, str]  # {"id": ..., "en": ...}
    waiting: int


@dataclass(frozen=True)
class BoardState:
    """What the hall's display board shows."""

    current: Call | None
    recent: tuple[Call, ...]  # newest first, at most BOARD_RECENT, without the current one
    waiting: tuple[WaitingCount, ...]  # services with someone waiting, in catalog order
    announcements: tuple[dict[str, str], ...]  # {"id": ..., "en": ...}
    online: bool
    last_sync: datetime | None = None
    plaza_name: Text | None = None  # from the catalog


@dataclass(frozen=True)
class QueueTicket:
    """A ticket as a counter console lists it."""

    id: str
    number: str
    service: str  # the queue it waits in now (after a transfer, the new one)
    service_name: dict[str, str]
    priority: Priority | None
    issued_at: datetime
    state: TicketState
    counter: str | None = None
    called_at: datetime | None = None
    recalls: int = 0
    transferred: bool = False  # it came from another service's queue


@dataclass(frozen=True)
class CounterView:
    """What a counter console shows."""

    counter: str
    staff_name: str
    mode: CounterMode
    online: bool
    current: QueueTicket | None  # called or in service at this counter
    waiting: tuple[QueueTicket, ...]  # this counter's services, in call order
    served_today: int
    mean_service_minutes: float | None
    last_sync: datetime | None = None
    services: tuple[tuple[str, dict[str, str]], ...] = field(default=())  # (code, name) to transfer to
