"""The local store's tables (SQLAlchemy 2). Schema changes go through Alembic migrations."""

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
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (SQLite has none) and hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PlazaRow(Base):
    __tablename__ = "plaza"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(120), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(300), default="")
    friday_break: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)


class CategoryRow(Base):
    __tablename__ = "category"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    icon: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)


class AgencyRow(Base):
    __tablename__ = "agency"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    short_name: Mapped[str] = mapped_column(String(40))
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    color: Mapped[str] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(Integer, default=0)


class ServiceRow(Base):
    __tablename__ = "service"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agency.code"))
    category_code: Mapped[str] = mapped_column(ForeignKey("category.code"))
    prefix: Mapped[str] = mapped_column(String(2))
    # Texts in both languages as {"id": ..., "en": ...}; lists as {"id": [...], "en": [...]}.
    name: Mapped[dict[str, Any]] = mapped_column(JSON)
    description: Mapped[dict[str, Any]] = mapped_column(JSON)
    requirements: Mapped[dict[str, Any]] = mapped_column(JSON)
    steps: Mapped[dict[str, Any]] = mapped_column(JSON)
    fee: Mapped[int] = mapped_column(Integer)
    fee_note: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    counters: Mapped[list[Any]] = mapped_column(JSON)
    hours: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"mon": ["08:00", "15:00"], ...}
    info_url: Mapped[str] = mapped_column(String(300), default="")
    priority_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    daily_quota: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_number: Mapped[str | None] = mapped_column(String(5), nullable=True)
    # A service dropped from the catalog stays (its tickets point at it) but is hidden.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class HolidayRow(Base):
    __tablename__ = "holiday"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))


class AnnouncementRow(Base):
    __tablename__ = "announcement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text_id: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)


class NumberCounter(Base):
    """The last sequence issued for a service on a service day (one row, bumped in the
    ticket's own transaction, so two tickets can never share a number)."""

    __tablename__ = "number_counter"
    service_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)


class NumberLeaseRow(Base):
    """A block of numbers the city server leased to this kiosk, to issue from while offline."""

    __tablename__ = "number_lease"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the request's id
    service_code: Mapped[str] = mapped_column(String(40))
    service_day: Mapped[date] = mapped_column(Date, index=True)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    used: Mapped[int] = mapped_column(Integer, default=0)  # numbers issued from it so far


class TicketRow(Base):
    __tablename__ = "ticket"
    # The number, not the sequence, is unique: an online number A-012 and this device's own
    # A-K7-012 share a sequence.
    __table_args__ = (UniqueConstraint("service_code", "service_day", "number",
                                       name="uq_ticket_service_day_number"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUID, born here
    public_code: Mapped[str] = mapped_column(String(16), unique=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("service.code"))
    service_day: Mapped[date] = mapped_column(Date, index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12))
    priority: Mapped[str | None] = mapped_column(String(16), nullable=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    device_id: Mapped[str] = mapped_column(String(64))
    counter: Mapped[str | None] = mapped_column(String(12), nullable=True)
    # The service whose queue it waits in after a transfer; None: its own.
    queue: Mapped[str | None] = mapped_column(String(40), nullable=True)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    recalls: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    serving_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The paper slip: None where the kiosk has no printer; False until the printer confirmed
    # it after the cut (a kiosk stopped mid-way leaves False: staff print it again); True.
    printed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class TicketEventRow(Base):
    """Every state change of a ticket; history is appended, never rewritten."""

    __tablename__ = "ticket_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    device_id: Mapped[str] = mapped_column(String(64))
    staff: Mapped[str | None] = mapped_column(String(64), nullable=True)
    counter: Mapped[str | None] = mapped_column(String(12), nullable=True)


class OutboxRow(Base):
    """A write waiting to reach the central API; deleted only when acknowledged."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Set when the server refused the op for good: kept for staff, never sent again.
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Not sent before this: a take's withdrawal written before asking the server, which goes
    # only if the kiosk stopped before it recorded the answer (kiosk/local_plaza.py).
    held_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class FeedbackRow(Base):
    """An IKM survey answer set (no personal data)."""

    __tablename__ = "feedback"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ServiceDayOverride(Base):
    """Staff opened or closed a service for one service day."""

    __tablename__ = "service_day_override"
    service_code: Mapped[str] = mapped_column(ForeignKey("service.code"), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
