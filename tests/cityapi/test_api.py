"""The city API over real HTTP: enrolment, exactly-once ops, roles, bad input, tracking page."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime

import pytest
import requests
from sqlalchemy import func, select

from cityapi.models import Device, Ticket
from tests.city_server import CityServer


def ticket_op(number: str = "A-001", service: str = "ktp-el", **changes) -> dict:
    payload = {
        "id": str(uuid.uuid4()), "public_code": uuid.uuid4().hex[:10].upper(),
        "service": service, "service_day": date(2026, 11, 24).isoformat(),
        "sequence": int(number.split("-")[1]), "number": number, "priority": None,
        "issued_at": datetime(2026, 11, 24, 2, 0, tzinfo=UTC).isoformat(), "device_id": "kiosk-1",
    } | changes
    return {"op_id": str(uuid.uuid4()), "kind": "ticket.issue", "payload": payload}


def post_ops(city: CityServer, token: str, ops: list[dict]) -> requests.Response:
    return requests.post(f"{city.url}/v1/ops:batch", json={"ops": ops}, timeout=5,
                         headers={"Authorization": f"Bearer {token}"})


def test_enrolment_gives_a_token_once_and_keeps_only_its_hash(city: CityServer) -> None:
    code = city.code("kiosk")
    body = {"code": code, "role": "kiosk", "device_name": "kiosk-lobby"}
    first = requests.post(f"{city.url}/v1/enrol", json=body, timeout=5)
    assert first.status_code == 200
    token = first.json()["token"]
    again = requests.post(f"{city.url}/v1/enrol", json=body, timeout=5)
    assert again.status_code == 403 and "already used" in again.json()["error"]
    with city.sessions() as session:
        device = session.scalars(select(Device)).one()
    assert device.token_hash != token and token not in device.token_hash
    wrong_role = requests.post(f"{city.url}/v1/enrol", timeout=5, json={
        "code": city.code("display"), "role": "kiosk", "device_name": "x"})
    assert wrong_role.status_code == 403 and "display" in wrong_role.json()["error"]


def test_an_enrolment_code_is_typable_as_read(city: CityServer) -> None:
    codes = [city.code("kiosk") for _ in range(200)]
    assert all(re.fullmatch(r"([0-9A-Z]{4}-){3}[0-9A-Z]{4}", code) for code in codes)
    typed = codes[0].lower().replace("-", " ")  # as someone might type it from a sheet
    answer = requests.post(f"{city.url}/v1/enrol", timeout=5, json={
        "code": typed, "role": "kiosk", "device_name": "kiosk-lobby"})
    assert answer.status_code == 200, answer.text


def test_an_op_is_applied_once_and_a_replay_gets_the_same_answer(city: CityServer) -> None:
    token = city.enrol()["token"]
    op = ticket_op("A-001")
    first = post_ops(city, token, [op]).json()["results"][0]
    assert first["status"] == "applied" and first["result"]["number"] == "A-001"
    replay = post_ops(city, token, [op]).json()["results"][0]
    assert replay["status"] == "duplicate" and replay["result"] == first["result"]
    with city.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_a_poison_op_is_rejected_alone(city: CityServer) -> None:
    token = city.enrol()["token"]
    ops = [ticket_op("A-001"), ticket_op("Z-001", service="nowhere"),
           ticket_op("A-002", sequence="two"), ticket_op("A-003")]
    answer = post_ops(city, token, ops)
    assert answer.status_code == 200
    statuses = [r["status"] for r in answer.json()["results"]]
    assert statuses == ["applied", "rejected", "rejected", "applied"]
    reasons = [r["reason"] for r in answer.json()["results"]]
    assert "no service 'nowhere'" in reasons[1] and "sequence" in reasons[2]
    # A rejected op stays rejected on replay, with the same reason.
    replay = post_ops(city, token, [ops[1]]).json()["results"][0]
    assert replay["status"] == "rejected" and replay["reason"] == reasons[1]


def test_a_number_is_never_taken_twice(city: CityServer) -> None:
    token = city.enrol()["token"]
    results = post_ops(city, token, [ticket_op("A-007"), ticket_op("A-007")]).json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert "already taken" in results[1]["reason"]


def test_roles_and_tokens_are_checked(city: CityServer) -> None:
    missing = post_ops(city, "", [ticket_op()])
    assert missing.status_code == 401 and "token" in missing.json()["error"]
    wrong = post_ops(city, "not-a-token", [ticket_op()])
    assert wrong.status_code == 401
    display = city.enrol("display", "tv-1")["token"]
    result = post_ops(city, display, [ticket_op()]).json()["results"][0]
    assert result["status"] == "rejected" and "display may not send ticket.issue" in result["reason"]
    from cityapi.devices import revoke

    kiosk = city.enrol()
    with city.sessions.begin() as session:
        revoke(session, kiosk["device_id"], city.clock())
    revoked = post_ops(city, kiosk["token"], [ticket_op()])
    assert revoked.status_code == 401 and "revoked" in revoked.json()["error"]


def test_bad_requests_get_a_clear_4xx_and_change_nothing(city: CityServer) -> None:
    token = city.enrol()["token"]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    url = f"{city.url}/v1/ops:batch"
    cases = [
        requests.post(url, data="{not json", headers=headers, timeout=5),
        requests.post(url, json={"ops": [], "extra": 1}, headers=headers, timeout=5),
        requests.post(url, json={"ops": [ticket_op() | {"surprise": True}]}, headers=headers,
                      timeout=5),
        requests.post(url, json={"ops": "many"}, headers=headers, timeout=5),
        requests.post(url, data="x" * 2_000_000, headers=headers, timeout=10),
    ]
    assert [r.status_code for r in cases] == [422, 422, 422, 422, 413]
    for answer in cases:
        assert answer.json()["error"]
    with city.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_tracking_page_in_both_languages(city: CityServer) -> None:
    token = city.enrol()["token"]
    first, mine = ticket_op("A-001"), ticket_op("A-002")
    post_ops(city, token, [first, mine])
    code = mine["payload"]["public_code"]
    page = requests.get(f"{city.url}/t/{code}", timeout=5)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "A-002" in page.text and "1 orang di depan Anda" in page.text
    english = requests.get(f"{city.url}/t/{code}?lang=en", timeout=5)
    assert "1 person ahead of you" in english.text and "Service ktp-el" in english.text
    missing = requests.get(f"{city.url}/t/NOSUCHCODE", timeout=5)
    assert missing.status_code == 404 and "tidak ditemukan" in missing.text


def test_a_device_of_one_plaza_touches_nothing_of_another(city: CityServer, tmp_path) -> None:
    import json

    from cityapi.catalog_import import import_catalog
    from tests.conftest import catalog_data, service_entry

    other = catalog_data([service_entry("paspor", "P")])
    other["plaza"]["code"] = "banjarbaru"
    path = tmp_path / "banjarbaru.json"
    path.write_text(json.dumps(other))
    with city.sessions.begin() as session:
        import_catalog(session, path, city.clock())
    banjarbaru = city.enrol()  # enrolled at test-plaza
    with city.sessions.begin() as session:
        from cityapi.devices import new_enrolment_code

        code = new_enrolment_code(session, "banjarbaru", "kiosk", city.clock())
    stranger = requests.post(f"{city.url}/v1/enrol", timeout=5, json={
        "code": code, "role": "kiosk", "device_name": "bjb-1"}).json()
    assert stranger["plaza"] == "banjarbaru"
    # Banjarbaru's kiosk cannot issue for a Banjarmasin service, nor close one.
    results = post_ops(city, stranger["token"], [
        ticket_op("A-001"),
        {"op_id": str(uuid.uuid4()), "kind": "service.override", "payload": {
            "service": "ktp-el", "service_day": "2026-11-24", "state": "closed",
            "device_id": "bjb-1"}},
    ]).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert all("no service 'ktp-el'" in r["reason"] for r in results)
    # And an op id already used by another device is not that device's to replay.
    mine = ticket_op("A-001")
    post_ops(city, banjarbaru["token"], [mine])
    taken = post_ops(city, stranger["token"], [mine]).json()["results"][0]
    assert taken["status"] == "rejected" and "another device" in taken["reason"]


def test_one_code_enrols_one_device_even_when_raced(city: CityServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    code = city.code("kiosk")

    def attempt(index: int) -> int:
        return requests.post(f"{city.url}/v1/enrol", timeout=10, json={
            "code": code, "role": "kiosk", "device_name": f"k{index}"}).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(attempt, range(8)))
    assert statuses == [200] + [403] * 7
    with city.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Device)) == 1


def test_a_device_on_an_older_protocol_is_told_to_update(city: CityServer, tmp_path) -> None:
    from kiosk.local_plaza import LocalPlaza
    from kiosk.store.db import open_store
    from sync.client import CityClient, Outdated
    from sync.loop import SyncLoop
    from tests.conftest import ALLOWED, TUESDAY_10, FixedClock

    token = city.enrol()["token"]
    assert CityClient(city.url, token).changes("0").next_cursor  # today's devices are served
    old = CityClient(city.url, token, protocol=0)
    with pytest.raises(Outdated, match="update this device"):
        old.changes("0")
    answer = requests.get(f"{city.url}/v1/health", timeout=5, headers={"X-Plaza-Protocol": "x"})
    assert answer.status_code == 426 and "update" in answer.json()["error"]
    assert requests.get(f"{city.url}/v1/health", timeout=5).ok  # a browser sends no version
    # The device's sync loop says so in words for staff and IT, and keeps trying.
    plaza = LocalPlaza(open_store(tmp_path / "old.db"), device_id="old", timezone="Asia/Makassar",
                       clock=FixedClock(TUESDAY_10))
    events = []
    loop = SyncLoop(plaza, old, ALLOWED, lambda event: (events.append(event), loop.stop()))
    loop.run()
    assert events[0].online and "needs an update" in events[0].problem
    old.close()
    plaza.store.close()
