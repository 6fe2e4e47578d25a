"""The city API's tables. SQLite by default; PostgreSQL in production."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in and out, whatever the database keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {datetime: UTCDateTime, dict[str, Any]: JSON}


class Plaza(Base):
    __tablename__ = "plaza"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"id": ..., "en": ...}
    timezone: Mapped[str] = mapped_column(String(64))
    # The whole catalog document (docs/catalog-format.md), as devices receive it.
    catalog: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    catalog_etag: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Service(Base):
    __tablename__ = "service"
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(2))
    name: Mapped[dict[str, Any]] = mapped_column(JSON)
    counters: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"names": [...]}


class EnrolmentCode(Base):
    """A one-time code an admin hands to IT; only its hash is kept."""

    __tablename__ = "enrolment_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"))
    role: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Device(Base):
    __tablename__ = "device"
    __table_args__ = (UniqueConstraint("plaza_code", "tag", name="uq_device_plaza_tag"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"))
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    tag: Mapped[str] = mapped_column(String(2))  # marks the numbers it makes on its own
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Ticket(Base):
    __tablename__ = "ticket"
    __table_args__ = (UniqueConstraint("plaza_code", "service_code", "service_day", "number"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the device's UUID, forever
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"))
    public_code: Mapped[str] = mapped_column(String(16), unique=True)
    service_code: Mapped[str] = mapped_column(String(40))
    service_day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12))
    priority: Mapped[str | None] = mapped_column(String(16), nullable=True)
    state: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    device_id: Mapped[str] = mapped_column(String(64))
    # Where it waits now: its own service, or the one it was transferred to (its number and
    # issue time stay, so it keeps its place).
    queue: Mapped[str] = mapped_column(String(40))
    counter: Mapped[str | None] = mapped_column(String(12), nullable=True)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    serving_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Numbered offline and honoured although the day's quota was already full when it arrived.
    beyond_quota: Mapped[bool] = mapped_column(Boolean, default=False)


class TicketEvent(Base):
    """Every change of a ticket at a counter, with who and where; history is only appended."""

    __tablename__ = "ticket_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # called, recalled, serving, done, ...
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    device_id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    counter: Mapped[str | None] = mapped_column(String(12), nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Staff(Base):
    """A member of the plaza's staff; the PIN is kept only as an scrypt hash (kiosk/pin.py)."""

    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"))
    name: Mapped[str] = mapped_column(String(64))
    pin_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class StaffSession(Base):
    """A staff member signed in at a counter of a console; its token is kept hashed."""

    __tablename__ = "staff_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"))
    counter: Mapped[str] = mapped_column(String(12))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SignInFailure(Base):
    """A wrong PIN; counted per device and per staff member for the lock-out."""

    __tablename__ = "sign_in_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    staff_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class CounterState(Base):
    """Whether a counter is open, paused or closed, and who runs it."""

    __tablename__ = "counter_state"
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"), primary_key=True)
    counter: Mapped[str] = mapped_column(String(12), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime)


class NumberCounter(Base):
    """Where a service's numbers stand on a service day: the last one given to an online
    kiosk, and the last one leased out in a block (kiosk/numbering.py splits the range)."""

    __tablename__ = "number_counter"
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_online: Mapped[int] = mapped_column(Integer)
    last_leased: Mapped[int] = mapped_column(Integer)


class NumberLease(Base):
    """A block of numbers given to one kiosk in advance, to issue from while offline."""

    __tablename__ = "number_lease"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's request id
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"))
    service_code: Mapped[str] = mapped_column(String(40))
    service_day: Mapped[date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AppliedOp(Base):
    """Every op ever received, with its answer: a replay gets the same answer (exactly once)."""

    __tablename__ = "applied_op"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))  # applied or rejected
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    problem: Mapped[str | None] = mapped_column(String(32), nullable=True)  # kiosk.calls.Problem
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Change(Base):
    """The change feed: what devices of a plaza pull with their cursor (the sequence).
    Appended while the plaza row is locked, so sequences commit in order."""

    __tablename__ = "change"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class ServiceDayOverride(Base):
    __tablename__ = "service_day_override"
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))


class Feedback(Base):
    """A visitor's satisfaction survey (kiosk.ikm). At most one per ticket (the unique
    ticket); one given without a ticket is counted apart. No personal data: the profile is the
    regulation's bands, each optional."""

    __tablename__ = "feedback"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plaza_code: Mapped[str] = mapped_column(ForeignKey("plaza.code"))
    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("ticket.id"), nullable=True,
                                                  unique=True)
    service_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    agency_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    channel: Mapped[str] = mapped_column(String(8))  # kiosk or phone
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    service_day: Mapped[date] = mapped_column(Date)  # the plaza's day it was given
    comment: Mapped[str] = mapped_column(String(300), default="")
    age_band: Mapped[str | None] = mapped_column(String(8), nullable=True)
    sex: Mapped[str | None] = mapped_column(String(1), nullable=True)
    education: Mapped[str | None] = mapped_column(String(8), nullable=True)
    occupation: Mapped[str | None] = mapped_column(String(12), nullable=True)


class FeedbackAnswer(Base):
    """One answer of a survey, by element code (never by question position)."""

    __tablename__ = "feedback_answer"
    feedback_id: Mapped[str] = mapped_column(ForeignKey("feedback.id"), primary_key=True)
    question: Mapped[str] = mapped_column(String(16), primary_key=True)  # kiosk.ikm.QUESTIONS
    value: Mapped[int] = mapped_column(Integer)  # 1-4
