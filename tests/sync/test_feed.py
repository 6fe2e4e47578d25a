"""The change feed: what one device does reaches the others; an unknown cursor leads to a
snapshot; a catalog change made through the admin API reaches every kiosk, and an
unchanged catalog answers 304."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from kiosk import feed
from kiosk.availability import StaffOverride
from kiosk.local_plaza import LocalPlaza
from kiosk.store.db import open_store
from sync.client import CityClient, CursorGone
from sync.engine import pull_changes, push_outbox
from sync.ticket_desk import TicketDesk
from tests.city_server import CityServer
from tests.conftest import ALLOWED, service_entry


@pytest.fixture
def pair(city: CityServer, tmp_path: Path, catalog_file: Path):
    """Two enrolled kiosks of one plaza, each with its own store."""
    made = []
    for name in ("a", "b"):
        enrolment = city.enrolment(name=f"kiosk-{name}")
        plaza = LocalPlaza(open_store(tmp_path / f"{name}.db"), device_id=f"kiosk-{name}",
                           timezone="Asia/Makassar", clock=city.clock,
                           device_tag=enrolment.tag)
        plaza.import_catalog(catalog_file, ALLOWED)
        made.append((plaza, CityClient(city.url, enrolment.token, retries=1)))
    yield made
    for plaza, client in made:
        client.close()
        plaza.store.close()


def test_one_kiosks_tickets_and_staff_actions_reach_the_other(pair) -> None:
    (a, a_client), (b, b_client) = pair
    first = pull_changes(b, b_client, ALLOWED)
    assert first.snapshot  # a new device starts from a snapshot
    ticket = TicketDesk(a, a_client).issue("kk")
    a.set_override("ktp-el", StaffOverride.CLOSED)
    push_outbox(a, a_client)

    report = pull_changes(b, b_client, ALLOWED)
    assert not report.snapshot and report.changes >= 2
    states = b.service_states()
    assert states["kk"].waiting == 1  # a's ticket counts in b's queue
    assert states["ktp-el"].override == StaffOverride.CLOSED
    assert pull_changes(b, b_client, ALLOWED).changes == 0  # nothing new
    assert ticket.number == "B-001"


def test_an_unknown_cursor_leads_to_a_snapshot(pair) -> None:
    (a, a_client), (b, b_client) = pair
    TicketDesk(a, a_client).issue("kk")
    with b.store.transaction() as session:  # e.g. the city's database was restored
        session.merge(feed.Setting(key=feed.CURSOR, value="987654"))
    with pytest.raises(CursorGone, match="snapshot"):  # the server's 410, typed
        b_client.changes("987654")
    for odd in ("²", "-1", "12a", "9" * 30):  # never a 500: an unknown cursor is a 410
        with pytest.raises(CursorGone):
            b_client.changes(odd)
    report = pull_changes(b, b_client, ALLOWED)
    assert report.snapshot and b.service_states()["kk"].waiting == 1
    assert feed.setting(b.store, feed.CURSOR) != "987654"


def test_a_catalog_change_reaches_every_kiosk_and_unchanged_is_304(pair, city) -> None:
    (a, a_client), _ = pair
    for plaza, client in pair:
        pull_changes(plaza, client, ALLOWED)  # both now hold the server's catalog
    admin = {"Authorization": f"Bearer {city.enrol('admin', 'city-admin')['token']}"}
    renamed = service_entry("kk", "B", daily_quota=None,
                            name={"id": "Kartu Keluarga Baru", "en": "New Family Card"})
    answer = requests.put(f"{city.url}/v1/services/kk", json=renamed, headers=admin, timeout=5)
    assert answer.status_code == 200, answer.text
    etag = answer.json()["catalog_etag"]

    for plaza, client in pair:
        assert pull_changes(plaza, client, ALLOWED).catalog_changed
        assert plaza.service("kk").name.en == "New Family Card"
        assert feed.setting(plaza.store, feed.CATALOG_ETAG) == etag
    assert not pull_changes(a, a_client, ALLOWED).catalog_changed
    assert a_client.catalog(etag) is None  # 304: the kiosk has it
    unchanged = requests.get(f"{city.url}/v1/catalog", headers={**admin, "If-None-Match": f'"{etag}"'},
                             timeout=5)
    assert unchanged.status_code == 304


def test_the_catalog_api_refuses_bad_entries_and_non_admins(city: CityServer, pair) -> None:
    admin = {"Authorization": f"Bearer {city.enrol('admin', 'city-admin')['token']}"}
    bad = service_entry("kk", "B", agency="nowhere")
    answer = requests.put(f"{city.url}/v1/services/kk", json=bad, headers=admin, timeout=5)
    assert answer.status_code == 422 and "nowhere" in answer.json()["error"]
    mismatch = requests.put(f"{city.url}/v1/services/ktp-el", json=service_entry("kk", "B"),
                            headers=admin, timeout=5)
    assert mismatch.status_code == 422
    unknown = requests.put(f"{city.url}/v1/services/kk", headers=admin, timeout=5,
                           json={**service_entry("kk", "B"), "nested": {"deep": [1, 2]}})
    assert unknown.status_code == 422 and "nested" in " ".join(unknown.json()["detail"])
    junk_inside = service_entry("kk", "B")
    junk_inside["name"] = {**junk_inside["name"], "extra": "x" * 1000}
    kept = requests.put(f"{city.url}/v1/services/kk", json=junk_inside, headers=admin, timeout=5)
    assert kept.status_code == 200
    document = requests.get(f"{city.url}/v1/catalog", headers=admin, timeout=5).json()
    stored = next(s for s in document["services"] if s["code"] == "kk")
    assert stored["name"] == {"id": "Layanan kk", "en": "Service kk"}  # only the format's fields
    kiosk = {"Authorization": f"Bearer {city.enrol()['token']}"}
    refused = requests.put(f"{city.url}/v1/services/kk", json=service_entry("kk", "B"),
                           headers=kiosk, timeout=5)
    assert refused.status_code == 403


def test_a_plaza_specific_link_host_loads_on_the_server_and_every_kiosk(pair, city,
                                                                        tmp_path: Path) -> None:
    """Tanah Laut's catalog names its own domain. The kiosks' configs list Banjarmasin's
    hosts only; they hold the catalog the server checked, links included, alike."""
    import json

    from cityapi.catalog_import import import_catalog
    from tests.conftest import catalog_data

    link = "https://disdukcapil.tanahlautkab.go.id/ktp"
    document = catalog_data([service_entry("ktp-el", "A", info_url=link),
                             service_entry("kk", "B", info_url="https://evil.example/kk")])
    document["plaza"]["link_hosts"] = ["tanahlautkab.go.id"]
    path = tmp_path / "tanah-laut.json"
    path.write_text(json.dumps(document))
    with city.sessions.begin() as session:
        _plaza, count, problems = import_catalog(session, path, city.clock())
    assert count == 2 and any("evil.example" in p and "link dropped" in p for p in problems)
    for plaza, client in pair:
        assert pull_changes(plaza, client, ALLOWED).catalog_changed
        assert plaza.service("ktp-el").info_url == link
        assert plaza.service("kk").info_url == ""
        assert len(plaza.catalog().services) == 2
