"""Sync protocol v1: the wire types shared by the devices (sync/) and the city API (cityapi/).

What a device sends (`Wire`) forbids unknown fields, so a typo or a newer client's extra
field is a clear 422 instead of being silently dropped. What the server answers (`Answer`)
is read leniently, fields this version does not know ignored, so a newer server never breaks
an older device.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from kiosk.availability import Reason
from kiosk.calls import Action, Call, CounterMode, Problem
from kiosk.feed import CatalogChange, Change, CounterChange, OverrideChange, TicketChange
from kiosk.ikm import Answers, Comment, Profile
from kiosk.numbering import DEVICE_TAG, LAST_SEQUENCE
from kiosk.vocabulary import Priority, Role

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
# Every device request says which protocol it speaks; the server refuses one older than it
# can serve (426) with words IT can act on, instead of failing on fields it cannot read.
PROTOCOL_HEADER = "X-Plaza-Protocol"
OLDEST_SERVED = 1
MAX_BATCH = 50  # small enough that the server answers well within the client's timeout
NAME = r"^[^\x00-\x1f\x7f]+$"  # free text: printable only (no NUL, no control characters)
SERVICE = r"^[a-z0-9-]+$"
NUMBER = rf"^[A-Z]{{1,2}}-({DEVICE_TAG}-)?\d{{3}}$"  # A-012, or device-tagged A-K7-012
OpKind = Literal["ticket.issue", "ticket.take", "ticket.void", "service.override", "feedback.give"]
OpStatus = Literal["applied", "duplicate", "rejected"]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class EnrolRequest(Wire):
    code: str = Field(min_length=8, max_length=64, description="one-time code from an admin")
    role: Role
    device_name: str = Field(min_length=1, max_length=64, pattern=NAME)


class EnrolResponse(Answer):
    device_id: UUID
    plaza: str
    role: Role
    token: str = Field(description="shown once; the server keeps only its hash")
    tag: str = Field(pattern=f"^{DEVICE_TAG}$",
                     description="unique in the plaza; marks numbers a kiosk makes on its own")


class TicketTake(Wire):
    """`POST /v1/tickets` (and the `ticket.take` op): a ticket born on an online kiosk, for
    which the server picks the next number. The ticket's id is the op id, so a retry after a
    lost answer gets the same number."""

    id: UUID
    public_code: str = Field(min_length=6, max_length=16, pattern=r"^[0-9A-Z]+$")
    service: str = Field(min_length=2, max_length=40, pattern=SERVICE)
    service_day: date
    priority: Priority | None = None
    issued_at: AwareDatetime
    device_id: str = Field(min_length=1, max_length=64, pattern=NAME)

    @field_validator("issued_at")
    @classmethod
    def _plausible(cls, value: datetime) -> datetime:
        if not 2020 <= value.year <= 2200:
            raise ValueError("issue time out of range")
        return value


class TicketIssue(TicketTake):
    """Payload of a `ticket.issue` op: a ticket numbered on the device (offline)."""

    sequence: int = Field(ge=1, le=LAST_SEQUENCE)
    number: str = Field(min_length=5, max_length=12, pattern=NUMBER)


class TicketVoid(Wire):
    """Payload of a `ticket.void` op: the device gave up waiting for the server's number for
    this ticket and gave the visitor another; if the server made it, it is cancelled."""

    ticket: UUID
    reason: str = Field(min_length=1, max_length=200, pattern=NAME)


class ServiceOverride(Wire):
    """Payload of a `service.override` op: staff opened or closed a service for a day."""

    service: str = Field(min_length=2, max_length=40, pattern=SERVICE)
    service_day: date
    state: Literal["open", "closed"] | None
    device_id: str = Field(min_length=1, max_length=64, pattern=NAME)


class FeedbackGive(Wire):
    """Payload of a `feedback.give` op: a visitor's satisfaction survey (kiosk.ikm), answers by
    element. With a ticket it rates that ticket's service, once (its id is the ticket's one
    rating id, kiosk.ikm.feedback_id); without one it is counted apart, for the office the
    visitor named, or the plaza as a whole. No personal data: only the regulation's profile
    bands, each optional."""

    id: UUID
    ticket: UUID | None = None
    agency: str | None = Field(default=None, min_length=2, max_length=40, pattern=SERVICE)
    answers: Answers
    comment: Comment = ""
    profile: Profile = Profile()
    given_at: AwareDatetime
    device_id: str = Field(min_length=1, max_length=64, pattern=NAME)


PAYLOADS: dict[str, type[Wire]] = {"ticket.issue": TicketIssue, "ticket.take": TicketTake,
                                   "ticket.void": TicketVoid, "service.override": ServiceOverride,
                                   "feedback.give": FeedbackGive}


class Op(Wire):
    op_id: UUID = Field(description="made where the op was born; applied once, forever")
    kind: OpKind
    payload: dict[str, Any]


class OpsBatch(Wire):
    ops: list[Op] = Field(min_length=1, max_length=MAX_BATCH)


class Numbered(Answer):
    """`ticket.take` and `ticket.issue`: the ticket holds this number."""

    kind: Literal["numbered"] = "numbered"
    ticket: UUID
    number: str
    sequence: int


class Withdrawn(Answer):
    """`ticket.void`: whether the server had made the ticket, and so cancelled it."""

    kind: Literal["withdrawn"] = "withdrawn"
    ticket: UUID
    cancelled: bool
    number: str | None = None


class OverrideSet(Answer):
    """`service.override`: the service's state for the day as it now stands."""

    kind: Literal["override"] = "override"
    service: str
    service_day: date
    state: Literal["open", "closed"] | None


class TicketActed(Answer):
    """A counter action: the ticket as it stands after it."""

    kind: Literal["ticket"] = "ticket"
    ticket: TicketChange


class Rated(Answer):
    """`feedback.give`: the rating is kept, for this service (None: the plaza as a whole)."""

    kind: Literal["rated"] = "rated"
    feedback: UUID
    ticket: UUID | None = None
    service: str | None = None


Outcome = Numbered | Withdrawn | OverrideSet | TicketActed | Rated
# What each op kind answers: lets the server read back answers it stored before answers
# named their kind.
OUTCOME_OF_OP = {"ticket.take": "numbered", "ticket.issue": "numbered",
                 "ticket.void": "withdrawn", "service.override": "override",
                 "feedback.give": "rated"}
COUNTER_OUTCOME = "ticket"


class OpResult(Answer):
    op_id: UUID
    status: OpStatus
    # An outcome of a kind this version does not know stays a plain dict (forward-compatible).
    result: Annotated[Annotated[Outcome, Field(discriminator="kind")] | dict[str, Any] | None,
                      Field(union_mode="left_to_right")] = None
    reason: str | None = None
    problem: Problem | Reason | None = Field(
        default=None, description="why a counter action (kiosk.calls) or a take (kiosk.availability) "
        "was refused")


class OpsBatchResponse(Answer):
    results: list[OpResult]


class LeaseRequest(Wire):
    """A block of numbers a kiosk asks for in advance, to issue from while offline."""

    id: UUID = Field(description="made by the kiosk; a replay gets the same block")
    service: str = Field(min_length=2, max_length=40, pattern=SERVICE)
    service_day: date
    size: int = Field(ge=1, le=100)


class LeasesRequest(Wire):
    leases: list[LeaseRequest] = Field(min_length=1, max_length=200)


class Lease(Answer):
    id: UUID
    service: str
    service_day: date
    first: int = Field(ge=1, le=LAST_SEQUENCE)
    last: int = Field(ge=1, le=LAST_SEQUENCE)


class LeasesResponse(Answer):
    leases: list[Lease]
    refused: list[str] = Field(default=[], description="why some blocks were not given")


class FeedChange(Answer):
    seq: int
    # One of FEED_KINDS. A device skips a kind it does not know (a newer server's), so the
    # feed can grow without breaking older devices.
    kind: str = Field(min_length=1, max_length=40)
    data: dict[str, Any]


# The feed's change kinds: each declared once as a domain object (kiosk.feed, kiosk.calls),
# which the server writes and the devices read. Their fields are their wire names; a reader
# ignores fields it does not know.
FEED_KINDS: dict[str, type[Change]] = {
    "ticket": TicketChange, "service.override": OverrideChange, "catalog": CatalogChange,
    "counter": CounterChange, "call": Call}
_KIND_OF = {change_type: kind for kind, change_type in FEED_KINDS.items()}
_READERS = {kind: TypeAdapter(change_type) for kind, change_type in FEED_KINDS.items()}
_unknown_logged: set[str] = set()


def feed_entry(change: Change) -> tuple[str, dict[str, Any]]:
    """(kind, data) of a change as the server stores and sends it."""
    kind = _KIND_OF[type(change)]
    return kind, _READERS[kind].dump_python(change, mode="json")


def read_change(kind: str, data: dict[str, Any]) -> Change | None:
    """The domain object a feed entry describes; None for a kind this version does not know
    (logged once) or an entry it cannot read (logged: one bad change, not the page)."""
    reader = _READERS.get(kind)
    if reader is None:
        if kind not in _unknown_logged:
            _unknown_logged.add(kind)
            log.warning("change feed: skipping changes of kind %r (this version does not know "
                        "it; an update will)", kind)
        return None
    try:
        return reader.validate_python(data)
    except ValidationError as error:
        log.warning("change feed: %s change not applied (%s): %s", kind,
                    error.errors()[0]["msg"], data)
        return None


def read_changes(entries: list[FeedChange]) -> list[Change]:
    return [change for entry in entries
            if (change := read_change(entry.kind, entry.data)) is not None]


class ChangesResponse(Answer):
    changes: list[FeedChange]
    next_cursor: str
    has_more: bool


class Snapshot(Answer):
    """Where a device starts over (first start, or its cursor is gone)."""

    cursor: str
    catalog_etag: str | None
    overrides: list[OverrideChange]
    tickets: list[TicketChange]


class ErrorBody(Answer):
    error: str
    detail: list[str] = []


# --- counters (a console enrolled as role "counter") ---

COUNTER = r"^[0-9A-Za-z][0-9A-Za-z -]{0,11}$"  # a counter's name from the catalog: "3", "12A"


class StaffMember(Answer):
    id: str
    name: str


class CounterSetup(Answer):
    """`GET /v1/counter/setup`: who may sign in, and the plaza's counters."""

    staff: list[StaffMember]
    counters: list[str]


class SignIn(Wire):
    staff: str = Field(min_length=1, max_length=36)
    pin: str = Field(pattern=r"^[0-9]{4,12}$")
    counter: str = Field(pattern=COUNTER)


class SignInAnswer(Answer):
    """A staff session at a counter, or why not. Wrong PINs lock the staff member and the
    console out for a while (the answer says how long)."""

    ok: bool
    session: str | None = Field(default=None, description="sent back as X-Staff-Session")
    name: str | None = None
    counter: str | None = None
    # An unknown staff member is answered as a wrong PIN: the answer tells no one who exists.
    problem: Literal["wrong_pin", "locked", "unknown_counter"] | None = None
    attempts_left: int = 0
    locked_seconds: int = 0


class CounterAct(Wire):
    """`POST /v1/counter/act`: one action of the signed-in staff member. The id makes it
    exactly-once: a retry after a lost answer gets the first answer, never a second call."""

    id: UUID
    action: Action
    ticket: UUID | None = None
    service: str | None = Field(default=None, min_length=2, max_length=40, pattern=SERVICE)


class CounterModeChange(Wire):
    mode: CounterMode
