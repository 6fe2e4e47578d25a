"""Device enrolment and tokens: one-time codes from an admin, per-device tokens kept hashed."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cityapi.models import Device, EnrolmentCode, Plaza
from kiosk.numbering import CODE_ALPHABET, random_code
from kiosk.vocabulary import Role

CODE_LIFETIME = timedelta(days=7)
CODE_GROUPS = 4  # XXXX-XXXX-XXXX-XXXX: 80 bits, typed by IT on a touch keyboard
ROLES = tuple(Role)


class EnrolmentError(Exception):
    """A code that is unknown, used or expired; the message is for the IT person enrolling."""


def _hash(secret: str) -> str:
    # Tokens and codes are long random strings, so a fast hash is enough (no guessing).
    return hashlib.sha256(secret.encode()).hexdigest()


def new_enrolment_code(session: Session, plaza_code: str, role: str, now: datetime) -> str:
    if role not in ROLES:
        raise EnrolmentError(f"role must be one of {', '.join(ROLES)}")
    if session.get(Plaza, plaza_code) is None:
        raise EnrolmentError(f"no plaza {plaza_code!r}; import its catalog first")
    code = "-".join(random_code(4) for _ in range(CODE_GROUPS))
    session.add(EnrolmentCode(code_hash=_hash(normalise_code(code)), plaza_code=plaza_code, role=role,
                              expires_at=now + CODE_LIFETIME))
    return code


def device_tag(index: int) -> str:
    """The plaza's `index`-th device (from 0): A0, A1, ... AZ, B0 ... (704 tags, a letter first
    so a tagged number never reads as a plain one)."""
    letter, digit = divmod(index, len(CODE_ALPHABET))
    if letter >= len(CODE_ALPHABET) - 10:
        raise EnrolmentError("this plaza has used all its device tags")
    return CODE_ALPHABET[10 + letter] + CODE_ALPHABET[digit]


def normalise_code(code: str) -> str:
    """The code as typed, in any case, with or without dashes and spaces."""
    return "".join(code.split()).replace("-", "").upper()


def enrol(session: Session, code: str, role: str, device_name: str,
          now: datetime) -> tuple[Device, str]:
    """Spend a one-time code; returns the device and its token (shown once)."""
    row = session.get(EnrolmentCode, _hash(normalise_code(code)))
    if row is None:
        raise EnrolmentError("unknown enrolment code")
    if row.used_at is not None:
        raise EnrolmentError("this enrolment code was already used")
    if row.expires_at <= now:
        raise EnrolmentError("this enrolment code has expired; ask for a new one")
    if row.role != role:
        raise EnrolmentError(f"this code enrols a {row.role}, not a {role}")
    # Spend the code with a conditional update: of two devices racing with one code, exactly
    # one wins, on SQLite (which has no row locks) as on PostgreSQL.
    spent = session.execute(update(EnrolmentCode)
                            .where(EnrolmentCode.code_hash == row.code_hash,
                                   EnrolmentCode.used_at.is_(None))
                            .values(used_at=now))
    if spent.rowcount != 1:
        raise EnrolmentError("this enrolment code was already used")
    token = secrets.token_urlsafe(32)
    # Tags count every device the plaza ever enrolled, so a revoked device's tag (and the
    # numbers it made) is never reused. Two enrolments racing for one tag: the unique
    # constraint stops the second, which the caller retries.
    enrolled = session.scalar(select(func.count()).select_from(Device)
                              .where(Device.plaza_code == row.plaza_code)) or 0
    device = Device(id=str(uuid.uuid4()), plaza_code=row.plaza_code, role=role,
                    name=device_name, token_hash=_hash(token), enrolled_at=now,
                    tag=device_tag(enrolled))
    session.add(device)
    return device, token


def revoke(session: Session, device_id: str, now: datetime) -> bool:
    device = session.get(Device, device_id)
    if device is None:
        return False
    device.revoked_at = now
    return True


@dataclass(frozen=True)
class Caller:
    device_id: str
    plaza: str
    role: str
    tag: str


def authenticate(session: Session, token: str) -> Caller | None:
    device = session.scalars(select(Device).where(Device.token_hash == _hash(token))).first()
    if device is None or device.revoked_at is not None:
        return None
    return Caller(device.id, device.plaza_code, device.role, device.tag)
