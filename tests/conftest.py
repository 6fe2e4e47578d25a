"""Shared test fixtures: a small catalog, a real SQLite store in a temp dir, a fixed clock."""

from __future__ import annotations

import copy
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.local_plaza import LocalPlaza
from kiosk.store.db import open_store

# `city`: a real city API on loopback; `window` / `make_window`: kiosk windows, offscreen.
pytest_plugins = ["tests.city_server", "tests.kiosk_window", "tests.qt_hygiene"]

# `make test-clocks` runs the date-sensitive tests again with the wall clock moved here (an ISO
# instant, ticking on): whatever reads the real date by mistake shows up as a failure.
MOVED_CLOCK = "PLAZA_TEST_CLOCK"


def pytest_configure(config: pytest.Config) -> None:
    if instant := os.environ.get(MOVED_CLOCK):
        import time_machine

        # Started once and never stopped: the whole run, every thread, lives at that moment.
        time_machine.travel(datetime.fromisoformat(instant), tick=True).start()


def pytest_report_header(config: pytest.Config) -> str | None:
    instant = os.environ.get(MOVED_CLOCK)
    return f"wall clock moved to {instant} (time-machine)" if instant else None

ALLOWED = ("banjarmasinkota.go.id", "polri.go.id")
WEEKDAY_HOURS = {d: ["08:00", "15:00"] for d in ("mon", "tue", "wed", "thu")} | {
    "fri": ["08:00", "15:30"], "sat": None, "sun": None,
}


def service_entry(code: str, prefix: str, **changes: Any) -> dict[str, Any]:
    entry = {
        "code": code, "agency": "disdukcapil", "category": "kependudukan", "prefix": prefix,
        "name": {"id": f"Layanan {code}", "en": f"Service {code}"},
        "description": {"id": "Keterangan", "en": "Description"},
        "requirements": {"id": ["KTP-el asli", "Fotokopi KK"],
                         "en": ["Original ID card", "Copy of family card"]},
        "steps": {"id": ["Ambil nomor"], "en": ["Take a number"]},
        "fee": 0, "duration_minutes": 10, "counters": ["1", "2"],
        "info_url": "https://disdukcapil.banjarmasinkota.go.id/layanan",
        "priority_allowed": True, "daily_quota": 50, "last_number": "14:30",
        "hours": copy.deepcopy(WEEKDAY_HOURS),
    }
    entry.update(changes)
    return entry


def catalog_data(services: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "format": "plaza-catalog/1",
        "sample": True,
        "plaza": {"code": "test-plaza", "name": {"id": "Plaza Uji", "en": "Test Plaza"},
                  "city": "Banjarmasin", "timezone": "Asia/Makassar",
                  "friday_break": ["11:30", "13:30"]},
        "announcements": [{"id": "Pengumuman", "en": "Announcement"}],
        "holidays": [{"date": "2026-12-25", "name": {"id": "Hari Raya Natal", "en": "Christmas Day"}}],
        "categories": [{"code": "kependudukan", "name": {"id": "Kependudukan", "en": "Civil registry"},
                        "icon": "id-card"}],
        "agencies": [{"code": "disdukcapil", "short_name": "Disdukcapil",
                      "name": {"id": "Dinas Kependudukan", "en": "Civil Registry Office"},
                      "color": "#0E5A7A"}],
        "services": services if services is not None else [
            service_entry("ktp-el", "A"), service_entry("kk", "B", daily_quota=None),
        ],
    }


class FixedClock:
    """A clock the test moves by hand (aware UTC)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


# Tuesday 2026-11-24, 10:00 in Banjarmasin (UTC+8).
TUESDAY_10 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TUESDAY_10)


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    import json

    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(catalog_data()), encoding="utf-8")
    return path


@pytest.fixture
def plaza(tmp_path: Path, catalog_file: Path, clock: FixedClock):
    store = open_store(tmp_path / "kiosk.db")
    local = LocalPlaza(store, device_id="kiosk-test", timezone="Asia/Makassar", clock=clock)
    local.import_catalog(catalog_file, ALLOWED)
    yield local
    store.close()
