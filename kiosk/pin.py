"""Staff PIN: stored only as an scrypt hash; repeated wrong PINs lock the panel."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

# scrypt cost: ~50 ms on a kiosk-class CPU, enough to make a stolen hash slow to brute-force
# for short PINs together with the lock-out, without making the PIN pad feel sluggish.
_N, _R, _P = 2**14, 8, 1
_PREFIX = "scrypt"


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise ValueError("a staff PIN is 4 to 12 digits")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encode = base64.b64encode
    return f"{_PREFIX}${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def is_pin_hash(text: str) -> bool:
    """A hash this module made: sane scrypt costs, a 16-byte salt, a 32-byte digest."""
    parts = text.split("$")
    if len(parts) != 6 or parts[0] != _PREFIX or not all(p.isdigit() for p in parts[1:4]):
        return False
    n, r, p = (int(part) for part in parts[1:4])
    if not (2**10 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 4):
        return False
    try:
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return False
    return len(salt) >= 8 and len(digest) == 32


def verify_pin(pin: str, stored: str) -> bool:
    if not is_pin_hash(stored):
        return False
    _, n, r, p, salt, digest = stored.split("$")
    try:
        candidate = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32,
            maxmem=2**28,
        )
    except (ValueError, MemoryError):  # a hash this module would not have made
        return False
    return hmac.compare_digest(candidate, base64.b64decode(digest))


@dataclass
class PinResult:
    ok: bool
    locked_for: float = 0.0  # seconds left of a lock-out
    attempts_left: int = 0


class PinGuard:
    """Checks PINs and locks out after `max_attempts` wrong ones in a row."""

    def __init__(
        self,
        stored_hash: str,
        max_attempts: int,
        lockout_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._hash = stored_hash
        self._max = max_attempts
        self._lockout = lockout_seconds
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        return bool(self._hash)

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def check(self, pin: str) -> PinResult:
        if (left := self.locked_for()) > 0:
            return PinResult(ok=False, locked_for=left)
        if self.configured and verify_pin(pin, self._hash):
            self._failures = 0
            return PinResult(ok=True)
        self._failures += 1
        if self._failures >= self._max:
            self._failures = 0
            self._locked_until = self._clock() + self._lockout
            return PinResult(ok=False, locked_for=self._lockout)
        return PinResult(ok=False, attempts_left=self._max - self._failures)
