from datetime import date, datetime, time

import pytest

from kiosk.availability import Reason, StaffOverride, check_availability
from kiosk.catalog_format import parse_catalog
from kiosk.service_day import service_day
from tests.conftest import ALLOWED, catalog_data, service_entry

CATALOG = parse_catalog(catalog_data([service_entry("ktp-el", "A", daily_quota=3)]), ALLOWED).catalog
SERVICE, PLAZA = CATALOG.services[0], CATALOG.plaza
HOLIDAYS = {h.day: h for h in CATALOG.holidays}


def check(moment: datetime, issued: int = 0, override: StaffOverride | None = None):
    return check_availability(SERVICE, PLAZA, moment, issued_today=issued, holidays=HOLIDAYS,
                              override=override)


@pytest.mark.parametrize(
    ("moment", "reason", "resumes"),
    [
        (datetime(2026, 11, 24, 7, 59), Reason.NOT_YET_OPEN, time(8, 0)),
        (datetime(2026, 11, 24, 8, 0), Reason.OPEN, None),
        (datetime(2026, 11, 24, 14, 29), Reason.OPEN, None),
        (datetime(2026, 11, 24, 14, 30), Reason.AFTER_CUTOFF, None),
        (datetime(2026, 11, 24, 15, 0), Reason.CLOSED_NOW, None),
        (datetime(2026, 11, 27, 11, 29), Reason.OPEN, None),  # Friday, before the prayer break
        (datetime(2026, 11, 27, 11, 30), Reason.FRIDAY_BREAK, time(13, 30)),
        (datetime(2026, 11, 27, 13, 29), Reason.FRIDAY_BREAK, time(13, 30)),
        (datetime(2026, 11, 27, 13, 30), Reason.OPEN, None),
        (datetime(2026, 11, 28, 10, 0), Reason.CLOSED_TODAY, None),  # Saturday
        (datetime(2026, 12, 25, 10, 0), Reason.HOLIDAY, None),
    ],
)
def test_hours_breaks_and_cutoff(moment: datetime, reason: Reason, resumes: time | None) -> None:
    result = check(moment)
    assert result.reason is reason
    assert result.resumes_at == resumes


def test_closed_days_say_when_the_service_opens_again() -> None:
    saturday = check(datetime(2026, 11, 28, 10, 0))
    assert saturday.next_open == (date(2026, 11, 30), time(8, 0))  # Monday
    christmas = check(datetime(2026, 12, 25, 10, 0))
    assert christmas.holiday is not None and christmas.holiday.id == "Hari Raya Natal"
    assert christmas.next_open == (date(2026, 12, 28), time(8, 0))  # skips the weekend


def test_quota() -> None:
    assert check(datetime(2026, 11, 24, 10, 0), issued=2).can_issue
    full = check(datetime(2026, 11, 24, 10, 0), issued=3)
    assert full.reason is Reason.QUOTA_FULL and full.badge == "quota_full"


def test_staff_can_close_and_open_a_day() -> None:
    tuesday = datetime(2026, 11, 24, 10, 0)
    assert check(tuesday, override=StaffOverride.CLOSED).reason is Reason.CLOSED_BY_STAFF
    assert check(datetime(2026, 11, 28, 10, 0), override=StaffOverride.OPEN).can_issue
    # Opening by staff does not lift the quota.
    assert check(tuesday, issued=3, override=StaffOverride.OPEN).reason is Reason.QUOTA_FULL


def test_service_day_turns_at_midnight_in_makassar() -> None:
    from datetime import UTC

    before = datetime(2026, 11, 24, 15, 59, 59, tzinfo=UTC)  # 23:59:59 WITA
    after = datetime(2026, 11, 24, 16, 0, 0, tzinfo=UTC)  # 00:00 WITA on the 25th
    assert service_day(before, "Asia/Makassar") == date(2026, 11, 24)
    assert service_day(after, "Asia/Makassar") == date(2026, 11, 25)


def test_friday_break_never_promises_a_time_after_the_cutoff() -> None:
    short_friday = parse_catalog(catalog_data([service_entry(
        "kk", "B", last_number="13:00",
        hours={"fri": ["08:00", "13:00"], "mon": ["08:00", "15:00"]})]), ALLOWED).catalog
    result = check_availability(short_friday.services[0], short_friday.plaza,
                                datetime(2026, 11, 27, 12, 0), issued_today=0, holidays={})
    assert result.reason is Reason.FRIDAY_BREAK
    assert result.resumes_at is None
    assert result.next_open == (date(2026, 11, 30), time(8, 0))
