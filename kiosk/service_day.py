"""The service day: the plaza's local date. Numbers restart every service day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def now_utc() -> datetime:
    return datetime.now(UTC)


def local_time(moment: datetime, timezone: str) -> datetime:
    """`moment` (aware) as wall-clock time at the plaza."""
    if moment.tzinfo is None:
        raise ValueError("service-day rules need an aware datetime")
    return moment.astimezone(ZoneInfo(timezone))


def service_day(moment: datetime, timezone: str) -> date:
    return local_time(moment, timezone).date()
