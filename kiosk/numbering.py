"""Ticket numbers and the order in which tickets are called."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

# Crockford's base32 without look-alike letters: easy to read aloud or type from a slip.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PUBLIC_CODE_LENGTH = 10  # 50 bits: unguessable for a tracking URL that lives one day


class Priority(StrEnum):
    """Groups given special service (UU 25/2009 on public services)."""

    ELDERLY = "lansia"
    DISABILITY = "disabilitas"
    PREGNANT = "ibu_hamil"


def format_number(prefix: str, sequence: int) -> str:
    """`A`, 12 -> `A-012`. Sequences are 1-999 within a service day."""
    if not 1 <= sequence <= 999:
        raise ValueError(f"ticket sequence {sequence} is outside 1-999")
    return f"{prefix}-{sequence:03d}"


def random_code(length: int) -> str:
    """Letters and digits a person can read aloud or type; never starts with a dash."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def new_public_code() -> str:
    return random_code(PUBLIC_CODE_LENGTH)


def tracking_url(base_url: str, public_code: str) -> str:
    """Where a visitor follows a ticket on a phone (the URL in the ticket's QR code)."""
    return f"{base_url.rstrip('/')}/t/{public_code}"


@dataclass(frozen=True)
class QueuedTicket:
    """The fields the call order looks at."""

    id: str
    number: str
    issued_at: datetime
    priority: str | None = None


def call_order_key(ticket: QueuedTicket) -> tuple[bool, datetime, str, str]:
    # Priority first, then by issue time (not number: a transferred ticket keeps its place);
    # the number only breaks a tie between tickets issued in the same instant.
    return (ticket.priority is None, ticket.issued_at, ticket.number, ticket.id)


T = TypeVar("T", bound=QueuedTicket)


def in_call_order(tickets: Iterable[T]) -> list[T]:
    return sorted(tickets, key=call_order_key)
