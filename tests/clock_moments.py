"""The moments the date-sensitive tests run at again (`make test-clocks`): printed one per
line as `NAME ISO-INSTANT`; tests/conftest.py moves the run's wall clock to the instant named
by $PLAZA_TEST_CLOCK (time-machine, ticking on from there).

The moments are the plaza's hard cases, in Banjarmasin's time (WITA, UTC+8): the coming
Friday at 12:30 (the prayer break), the coming Saturday at 10:00 (closed), 31 December at
23:59 (a new service day and a new year a minute later), and the next national holiday in the
sample catalog at 10:00.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")
SAMPLE = Path(__file__).resolve().parents[1] / "assets" / "catalog" / "sample-banjarmasin.json"


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def moments(now: datetime) -> dict[str, datetime]:
    today = now.astimezone(WITA).date()
    new_year_eve = date(today.year, 12, 31)
    if new_year_eve <= today:
        new_year_eve = date(today.year + 1, 12, 31)
    holidays = sorted(date.fromisoformat(h["date"])
                      for h in json.loads(SAMPLE.read_text(encoding="utf-8"))["holidays"])
    holiday = next((d for d in holidays if d > today), holidays[-1])
    at = lambda day, hour, minute: datetime.combine(day, time(hour, minute), WITA)  # noqa: E731
    return {
        "friday-12.30": at(_next_weekday(today, 4), 12, 30),
        "saturday-10.00": at(_next_weekday(today, 5), 10, 0),
        "31-december-23.59": at(new_year_eve, 23, 59),
        f"holiday-{holiday.isoformat()}": at(holiday, 10, 0),
    }


if __name__ == "__main__":
    for name, moment in moments(datetime.now(UTC)).items():
        print(name, moment.isoformat())
