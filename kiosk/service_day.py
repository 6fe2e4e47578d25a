"""The service day: the plaza's local date. Numbers restart every service day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# The one kind of clock every part takes (device and server): aware UTC "now". Production
# passes `now_utc`; tests pass one they move by hand, so nothing depends on today's date.
Clock = Callable[[], datetime]
# The zone of a plaza whose catalog does not say (and of a device before its first catalog).
DEFAULT_TIMEZONE = "Asia/Makassar"


def now_utc() -> datetime:
    return datetime.now(UTC)


def ticking_from(start: datetime) -> Clock:
    """A clock that reads `start` now and runs on at the real pace: a server process in a
    test, or a demo, set to a chosen service day and hour."""
    if start.tzinfo is None:
        raise ValueError("a clock starts at an aware datetime")
    offset = start - datetime.now(UTC)
    return lambda: datetime.now(UTC) + offset


def local_time(moment: datetime, timezone: str) -> datetime:
    """`moment` (aware) as wall-clock time at the plaza."""
    if moment.tzinfo is None:
        raise ValueError("service-day rules need an aware datetime")
    return moment.astimezone(ZoneInfo(timezone))


def service_day(moment: datetime, timezone: str) -> date:
    return local_time(moment, timezone).date()
