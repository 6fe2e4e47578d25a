"""Whether a number can be taken for a service right now, and if not, why and when.

The kiosk says *why* in words ("Kuota hari ini habis", "Layanan buka 08:00"), so the
answer carries the reason and the next time a number can be taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from kiosk.catalog import MAX_QUOTA, Holiday, Plaza, Service, Text

LOOKAHEAD_DAYS = 21


class Reason(StrEnum):
    OPEN = "open"
    CLOSED_BY_STAFF = "closed_by_staff"
    HOLIDAY = "holiday"
    CLOSED_TODAY = "closed_today"
    NOT_YET_OPEN = "not_yet_open"
    FRIDAY_BREAK = "friday_break"
    AFTER_CUTOFF = "after_cutoff"
    CLOSED_NOW = "closed_now"
    QUOTA_FULL = "quota_full"
    # The city server refused a number for a reason the rules above do not name (a service it
    # does not know, a revoked kiosk): no number, and the visitor is sent to the desk.
    NOT_AVAILABLE = "not_available"


class StaffOverride(StrEnum):
    """What staff set for one service on one service day."""

    CLOSED = "closed"  # closed for today, whatever the hours say
    OPEN = "open"  # open today even outside the catalog's days (quota still holds)


@dataclass(frozen=True)
class Availability:
    reason: Reason
    today_hours: tuple[time, time] | None
    resumes_at: time | None = None  # later today (opening time, end of the Friday break)
    next_open: tuple[date, time] | None = None  # a later day, when not today
    holiday: Text | None = None

    @property
    def can_issue(self) -> bool:
        return self.reason is Reason.OPEN

    @property
    def serves_today(self) -> bool:
        """Whether the service's counters still serve today: a ticket may be transferred to
        it even when it gives no more numbers (quota full, after the last-number time)."""
        return self.reason not in (Reason.CLOSED_BY_STAFF, Reason.HOLIDAY, Reason.CLOSED_TODAY,
                                   Reason.CLOSED_NOW)

    @property
    def badge(self) -> str:
        """The short state for lists: open, closed or quota full."""
        if self.reason is Reason.OPEN:
            return "open"
        return "quota_full" if self.reason is Reason.QUOTA_FULL else "closed"


def _first_open(service: Service, day: date, holidays: Mapping[date, Holiday]) -> time | None:
    if day in holidays or day.weekday() not in service.hours:
        return None
    return service.hours[day.weekday()][0]


def next_opening(
    service: Service, after: date, holidays: Mapping[date, Holiday]
) -> tuple[date, time] | None:
    """The first day after `after` on which the service opens, and its opening time."""
    for offset in range(1, LOOKAHEAD_DAYS + 1):
        day = after + timedelta(days=offset)
        if (opens := _first_open(service, day, holidays)) is not None:
            return day, opens
    return None


def check_availability(
    service: Service,
    plaza: Plaza,
    now: datetime,
    *,
    issued_today: int,
    holidays: Mapping[date, Holiday],
    override: StaffOverride | None = None,
) -> Availability:
    """`now` is wall-clock time at the plaza (see `service_day.local_time`)."""
    day, clock = now.date(), now.time().replace(tzinfo=None)
    hours = service.hours.get(day.weekday())
    if override is StaffOverride.OPEN and hours is None:
        hours = (time(0, 0), time(23, 59))
    later = next_opening(service, day, holidays)

    def closed(reason: Reason, resumes_at: time | None = None, holiday: Text | None = None):
        return Availability(reason, hours, resumes_at, None if resumes_at else later, holiday)

    if override is StaffOverride.CLOSED:
        return closed(Reason.CLOSED_BY_STAFF)
    if override is not StaffOverride.OPEN:
        if (holiday := holidays.get(day)) is not None:
            return closed(Reason.HOLIDAY, holiday=holiday.name)
        if hours is None:
            return closed(Reason.CLOSED_TODAY)
    assert hours is not None
    opens, closes = hours
    if clock < opens:
        return closed(Reason.NOT_YET_OPEN, resumes_at=opens)
    cutoff = min(closes, service.last_number) if service.last_number else closes
    if clock >= closes:
        return closed(Reason.CLOSED_NOW)
    if clock >= cutoff:
        return closed(Reason.AFTER_CUTOFF)
    friday_break = plaza.friday_break
    if day.weekday() == 4 and friday_break and friday_break[0] <= clock < friday_break[1]:
        resumes = friday_break[1]
        # After the break only if the service still takes numbers then; else a later day.
        return closed(Reason.FRIDAY_BREAK, resumes_at=resumes if resumes < cutoff else None)
    # Numbers have three digits, so 999 is a hard ceiling even without a quota.
    if issued_today >= min(service.daily_quota or MAX_QUOTA, MAX_QUOTA):
        return closed(Reason.QUOTA_FULL)
    return Availability(Reason.OPEN, hours)
