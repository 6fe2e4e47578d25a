"""The city server has the last word on the plaza's rules (issue: one authority): online takes
are checked plaza-wide, a refusal reaches the visitor as the kiosk's own refusal and never
becomes a local number; only silence lets a kiosk number on its own, and what it numbered
offline is always honoured."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk import outbox
from kiosk.availability import Reason
from kiosk.local_plaza import IssuedTicket, IssueRefused
from tests.city_server import CityServer
from tests.conftest import ALLOWED, TUESDAY_10, FixedClock, catalog_data, service_entry
from tests.sync.test_numbers import Kiosk, server_tickets


def _admin_change(city: CityServer, **changes) -> None:
    admin = {"Authorization": f"Bearer {city.enrol('admin', 'city-admin')['token']}"}
    answer = requests.put(f"{city.url}/v1/services/ktp-el", headers=admin, timeout=5,
                          json=service_entry("ktp-el", "A", **changes))
    assert answer.status_code == 200, answer.text


@pytest.fixture
def two(city: CityServer, tmp_path: Path, catalog_file: Path, clock: FixedClock):
    """Two online kiosks whose own catalogs (quota 50) know nothing of the server's changes,
    at the test's moment."""
    made = [Kiosk(tmp_path, city.enrolment(name=f"kiosk-{n}"), city.url, catalog_file,
                  FixedClock(clock())) for n in range(2)]
    yield made
    for kiosk in made:
        kiosk.close()


def _local_tickets(kiosk: Kiosk) -> int:
    return sum(state.waiting for state in kiosk.plaza.service_states().values())


def test_a_quota_of_one_gives_one_number_plaza_wide(city: CityServer, two) -> None:
    _admin_change(city, daily_quota=1)
    first = two[0].desk.issue("ktp-el")
    second = two[1].desk.issue("ktp-el")
    assert isinstance(first, IssuedTicket) and first.number == "A-001"
    assert isinstance(second, IssueRefused), second
    assert second.availability.reason is Reason.QUOTA_FULL
    assert second.availability.next_open is not None  # "tomorrow from 08:00", not a dead end
    assert _local_tickets(two[1]) == 0 and outbox.counts(two[1].plaza.store) == (0, 0)
    assert [number for number, _ in server_tickets(city).values()] == ["A-001"]


def test_closed_by_staff_on_the_server_is_refused_with_that_reason(city: CityServer, two) -> None:
    from sync.client import CityClient
    from sync.protocol import Op

    counter = CityClient(city.url, city.enrolment("counter", "console-1").token)
    day = TUESDAY_10.date().isoformat()  # 10:00 WITA: the same day at the plaza
    answer = counter.send_ops([Op(op_id="6f1c2c4e-0d1b-4f43-9d55-6c1a2b3c4d5e",
                                  kind="service.override",
                                  payload={"service": "ktp-el", "service_day": day,
                                           "state": "closed", "device_id": "console-1"})])
    assert answer.results[0].status == "applied"
    counter.close()
    refused = two[0].desk.issue("ktp-el")
    assert isinstance(refused, IssueRefused)
    assert refused.availability.reason is Reason.CLOSED_BY_STAFF
    assert _local_tickets(two[0]) == 0


def test_the_servers_hours_decide_not_the_kiosks_clock(city: CityServer, two) -> None:
    _admin_change(city, hours={d: ["10:30", "15:00"] for d in ("mon", "tue", "wed", "thu", "fri")})
    refused = two[0].desk.issue("ktp-el")  # 10:00 at the plaza: not open yet on the server
    assert isinstance(refused, IssueRefused)
    assert refused.availability.reason is Reason.NOT_YET_OPEN
    assert _local_tickets(two[0]) == 0


def test_a_service_the_server_does_not_know_gives_no_number(city: CityServer, two,
                                                            tmp_path: Path) -> None:
    import json

    from tests.conftest import ALLOWED, catalog_data

    extra = tmp_path / "extra.json"  # this kiosk's catalog has a service the city never had
    extra.write_text(json.dumps(catalog_data([service_entry("ktp-el", "A"),
                                              service_entry("paspor", "P")])))
    two[0].plaza.import_catalog(extra, ALLOWED)
    refused = two[0].desk.issue("paspor")
    assert isinstance(refused, IssueRefused)
    assert refused.availability.reason is Reason.NOT_AVAILABLE
    assert refused.availability.next_open is None
    assert _local_tickets(two[0]) == 0 and outbox.counts(two[0].plaza.store) == (0, 0)


def test_numbers_given_offline_are_honoured_past_the_quota(city: CityServer, two) -> None:
    kiosk = two[0]
    assert kiosk.sync()  # leases for offline numbers
    city.stop()
    offline = [kiosk.desk.issue("ktp-el") for _ in range(2)]  # the visitors hold these
    assert all(isinstance(t, IssuedTicket) for t in offline)
    city.start()
    _admin_change(city, daily_quota=1)
    assert isinstance(two[1].desk.issue("ktp-el"), IssuedTicket)  # the day's one online place
    kiosk.drain()
    held = {number for number, state in server_tickets(city).values() if state == "waiting"}
    assert {t.number for t in offline} <= held and len(held) == 3


def test_three_kiosks_at_once_with_a_quota_of_one_get_one_number(city: CityServer, two,
                                                                 tmp_path: Path,
                                                                 catalog_file: Path) -> None:
    _admin_change(city, daily_quota=1)
    kiosks = [*two, Kiosk(tmp_path, city.enrolment(name="kiosk-3"), city.url, catalog_file,
                          FixedClock(TUESDAY_10))]
    start = threading.Barrier(len(kiosks))

    def take(kiosk: Kiosk) -> IssuedTicket | IssueRefused:
        start.wait()
        return kiosk.desk.issue("ktp-el")

    with ThreadPoolExecutor(len(kiosks)) as pool:
        answers = list(pool.map(take, kiosks))
    kiosks[2].close()
    issued = [a for a in answers if isinstance(a, IssuedTicket)]
    assert [t.number for t in issued] == ["A-001"], answers
    assert all(a.availability.reason is Reason.QUOTA_FULL for a in answers
               if isinstance(a, IssueRefused))
    assert [number for number, _ in server_tickets(city).values()] == ["A-001"]


FRIDAY_NOON = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)  # 12:00 WITA, in the prayer break
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _import_on_server(city: CityServer, tmp_path: Path, document: dict) -> None:
    from cityapi.catalog_import import import_catalog

    path = tmp_path / "server-catalog.json"
    path.write_text(json.dumps(document))
    with city.sessions.begin() as session:
        import_catalog(session, path, city.clock())


@pytest.mark.parametrize(("clock", "services", "plaza_changes", "reason"), [
    (FixedClock(TUESDAY_10), {"hours": {d: ["08:00", "15:00"] for d in ("mon", "wed")}}, {},
     Reason.CLOSED_TODAY),
    (FixedClock(TUESDAY_10), {"hours": {d: ["08:00", "09:30"] for d in WEEKDAYS}}, {},
     Reason.CLOSED_NOW),
    (FixedClock(TUESDAY_10), {"last_number": "09:30"}, {}, Reason.AFTER_CUTOFF),
    (FixedClock(TUESDAY_10), {}, {"holidays": [{"date": "2026-11-24", "name": {
        "id": "Libur", "en": "Holiday"}}]}, Reason.HOLIDAY),
    (FixedClock(FRIDAY_NOON), {}, {}, Reason.FRIDAY_BREAK),
], ids=["closed-today", "closed-now", "after-last-number", "holiday", "friday-break"])
def test_each_closed_reason_is_the_servers_and_shown_as_the_kiosks_own(
        city: CityServer, two, tmp_path: Path, clock, services, plaza_changes, reason) -> None:
    """The kiosk's own catalog says open at any hour, every day: only the server knows."""
    open_always = catalog_data([service_entry("ktp-el", "A", hours={
        d: ["00:00", "23:59"] for d in (*WEEKDAYS, "sat", "sun")})])
    open_always["plaza"]["friday_break"] = None
    open_always["holidays"] = []
    local = tmp_path / "open-always.json"
    local.write_text(json.dumps(open_always))
    two[0].plaza.import_catalog(local, ALLOWED)
    server = catalog_data([service_entry("ktp-el", "A", daily_quota=None, **services),
                           service_entry("kk", "B", daily_quota=None)])
    server.update(plaza_changes)
    _import_on_server(city, tmp_path, server)
    refused = two[0].desk.issue("ktp-el")
    assert isinstance(refused, IssueRefused), refused
    assert refused.availability.reason is reason
    assert _local_tickets(two[0]) == 0 and outbox.counts(two[0].plaza.store) == (0, 0)
    assert server_tickets(city) == {}


def test_figures_count_offline_numbers_honoured_past_the_quota(city: CityServer, two) -> None:
    kiosk = two[0]
    assert kiosk.sync()
    city.stop()
    assert all(isinstance(kiosk.desk.issue("ktp-el"), IssuedTicket) for _ in range(2))
    city.start()
    _admin_change(city, daily_quota=1)
    assert isinstance(two[1].desk.issue("ktp-el"), IssuedTicket)
    kiosk.drain()
    admin = {"Authorization": f"Bearer {city.enrol('admin', 'city-admin')['token']}"}
    answer = requests.get(f"{city.url}/v1/figures", headers=admin, timeout=5,
                          params={"day": "2026-11-24"})
    assert answer.status_code == 200, answer.text
    figures = {s["service"]: s for s in answer.json()["services"]}
    assert {k: figures["ktp-el"][k] for k in ("issued", "online", "offline", "beyond_quota",
                                              "waiting")} == {
        "issued": 3, "online": 1, "offline": 2, "beyond_quota": 2, "waiting": 3}
    kiosk_token = {"Authorization": f"Bearer {city.enrol()['token']}"}
    assert requests.get(f"{city.url}/v1/figures", headers=kiosk_token,
                        timeout=5).status_code == 403
