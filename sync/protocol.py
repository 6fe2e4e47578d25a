"""Sync protocol v1: the wire types shared by the devices (sync/) and the city API (cityapi/).

Every model forbids unknown fields, so a typo or a newer client's extra field is a clear
422 instead of being silently dropped.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

PROTOCOL_VERSION = 1
MAX_BATCH = 50  # small enough that the server answers well within the client's timeout
NAME = r"^[^\x00-\x1f\x7f]+$"  # free text: printable only (no NUL, no control characters)
Role = Literal["kiosk", "counter", "display"]
OpKind = Literal["ticket.issue", "service.override"]
OpStatus = Literal["applied", "duplicate", "rejected"]


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EnrolRequest(Wire):
    code: str = Field(min_length=8, max_length=64, description="one-time code from an admin")
    role: Role
    device_name: str = Field(min_length=1, max_length=64, pattern=NAME)


class EnrolResponse(Wire):
    device_id: UUID
    plaza: str
    role: Role
    token: str = Field(description="shown once; the server keeps only its hash")


class TicketIssue(Wire):
    """Payload of a `ticket.issue` op: a ticket born on a device."""

    id: UUID
    public_code: str = Field(min_length=6, max_length=16, pattern=r"^[0-9A-Z]+$")
    service: str = Field(min_length=2, max_length=40, pattern=r"^[a-z0-9-]+$")
    service_day: date
    sequence: int = Field(ge=1, le=999)
    number: str = Field(min_length=5, max_length=8, pattern=r"^[A-Z]{1,2}-\d{3}$")
    priority: Literal["lansia", "disabilitas", "ibu_hamil"] | None = None
    issued_at: AwareDatetime
    device_id: str = Field(min_length=1, max_length=64, pattern=NAME)

    @field_validator("issued_at")
    @classmethod
    def _plausible(cls, value: datetime) -> datetime:
        if not 2020 <= value.year <= 2200:
            raise ValueError("issue time out of range")
        return value


class ServiceOverride(Wire):
    """Payload of a `service.override` op: staff opened or closed a service for a day."""

    service: str = Field(min_length=2, max_length=40, pattern=r"^[a-z0-9-]+$")
    service_day: date
    state: Literal["open", "closed"] | None
    device_id: str = Field(min_length=1, max_length=64, pattern=NAME)


PAYLOADS: dict[str, type[Wire]] = {"ticket.issue": TicketIssue, "service.override": ServiceOverride}


class Op(Wire):
    op_id: UUID = Field(description="made where the op was born; applied once, forever")
    kind: OpKind
    payload: dict[str, Any]


class OpsBatch(Wire):
    ops: list[Op] = Field(min_length=1, max_length=MAX_BATCH)


class OpResult(Wire):
    op_id: UUID
    status: OpStatus
    result: dict[str, Any] | None = None
    reason: str | None = None


class OpsBatchResponse(Wire):
    results: list[OpResult]


class ErrorBody(Wire):
    error: str
    detail: list[str] = []
