"""Ticket numbers and the order in which tickets are called."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

# Crockford's base32 without look-alike letters: easy to read aloud or type from a slip.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PUBLIC_CODE_LENGTH = 10  # 50 bits: unguessable for a tracking URL that lives one day


# A service day's 999 numbers, split so that numbers never clash between devices (DESIGN §4):
# the city server hands out 1-500 one by one to kiosks that are online, and leases blocks of
# 501-999 to each kiosk in advance for when it is not. A kiosk whose block runs out falls back
# to its own device-tagged numbers (`A-K7-012`); a kiosk with no server numbers 1-999 alone.
LAST_SEQUENCE = 999
LAST_ONLINE = 500
FIRST_LEASED = LAST_ONLINE + 1
DEVICE_TAG = r"[0-9A-Z]{2}"


def format_number(prefix: str, sequence: int, device_tag: str | None = None) -> str:
    """`A`, 12 -> `A-012`; with the device tag `K7` -> `A-K7-012`."""
    if not 1 <= sequence <= LAST_SEQUENCE:
        raise ValueError(f"ticket sequence {sequence} is outside 1-{LAST_SEQUENCE}")
    return f"{prefix}-{device_tag}-{sequence:03d}" if device_tag else f"{prefix}-{sequence:03d}"


def random_code(length: int) -> str:
    """Letters and digits a person can read aloud or type; never starts with a dash."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


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


# The call order, declared once for the device (below) and the server's SQL
# (cityapi/counters.py): priority tickets first (UU 25/2009), then by issue time (not number:
# a transferred ticket keeps its place); the number, then the id, only break a tie between
# tickets issued in the same instant.
CALL_ORDER = ("priority", "issued_at", "number", "id")


def call_order_key(ticket: QueuedTicket) -> tuple[bool | datetime | str, ...]:
    return tuple(ticket.priority is None if field == "priority" else getattr(ticket, field)
                 for field in CALL_ORDER)


T = TypeVar("T", bound=QueuedTicket)


def in_call_order(tickets: Iterable[T]) -> list[T]:
    return sorted(tickets, key=call_order_key)
