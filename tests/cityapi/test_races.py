"""Exactly once under concurrency, on SQLite locally and PostgreSQL in CI."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select

from cityapi.models import ServiceDayOverride, Ticket
from tests.city_server import CityServer
from tests.cityapi.test_api import post_ops, ticket_op

COPIES = 6
ROUNDS = 8


def test_copies_of_one_op_sent_at_once_are_applied_once(city: CityServer) -> None:
    token = city.enrol()["token"]
    with ThreadPoolExecutor(COPIES) as pool:
        for round_ in range(ROUNDS):
            op = ticket_op(f"A-{round_ + 1:03d}")
            answers = list(pool.map(lambda _, op=op: post_ops(city, token, [op]), range(COPIES)))
            assert all(a.status_code == 200 for a in answers)
            statuses = sorted(a.json()["results"][0]["status"] for a in answers)
            assert statuses == ["applied"] + ["duplicate"] * (COPIES - 1), statuses
    with city.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == ROUNDS


def test_staff_actions_on_one_service_day_never_collide(city: CityServer) -> None:
    token = city.enrol()["token"]

    def override(state: str) -> str:
        op = {"op_id": str(uuid.uuid4()), "kind": "service.override", "payload": {
            "service": "kk", "service_day": "2026-11-24", "state": state, "device_id": "k1"}}
        return post_ops(city, token, [op]).json()["results"][0]["status"]

    with ThreadPoolExecutor(COPIES) as pool:
        statuses = list(pool.map(override, ["closed", "open"] * (COPIES * 2)))
    assert set(statuses) == {"applied"}
    with city.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ServiceDayOverride)) == 1


def test_values_a_database_cannot_hold_are_rejected_not_500(city: CityServer) -> None:
    token = city.enrol()["token"]
    ops = [
        ticket_op("A-001", issued_at="0001-01-01T00:00:00+01:00"),  # overflows on the way to UTC
        ticket_op("A-002", issued_at="2026-11-24T10:00:00"),  # no time zone: ambiguous
        ticket_op("A-003", device_id="kiosk\x00one"),
        ticket_op("A-004"),
    ]
    answer = post_ops(city, token, ops)
    assert answer.status_code == 200
    assert [r["status"] for r in answer.json()["results"]] == ["rejected"] * 3 + ["applied"]
    nul = requests.post(f"{city.url}/v1/enrol", timeout=5, json={
        "code": city.code(), "role": "kiosk", "device_name": "bad\x00name"})
    assert nul.status_code == 422


CLIENTS = 16
TAKES = 10


def take(city: CityServer, token: str, ticket_id: str | None = None,
         service: str = "ktp-el") -> requests.Response:
    body = {"id": ticket_id or str(uuid.uuid4()), "public_code": uuid.uuid4().hex[:10].upper(),
            "service": service, "service_day": "2026-11-24",
            "issued_at": "2026-11-24T02:00:00+00:00", "device_id": "k"}
    return requests.post(f"{city.url}/v1/tickets", json=body, timeout=30,
                         headers={"Authorization": f"Bearer {token}"})


def test_sixteen_clients_get_unique_gap_free_numbers(city: CityServer) -> None:
    tokens = [city.enrol(name=f"kiosk-{n}")["token"] for n in range(CLIENTS)]

    def client(token: str) -> list[str]:
        session_numbers = []
        for _ in range(TAKES):
            answer = take(city, token)
            assert answer.status_code == 200, answer.text
            assert answer.json()["status"] == "applied", answer.json()
            session_numbers.append(answer.json()["result"]["number"])
        return session_numbers

    with ThreadPoolExecutor(CLIENTS) as pool:
        numbers = [n for batch in pool.map(client, tokens) for n in batch]
    assert sorted(numbers) == [f"A-{n:03d}" for n in range(1, CLIENTS * TAKES + 1)]


def test_leases_never_overlap_each_other_or_online_numbers(city: CityServer) -> None:
    tokens = [city.enrol(name=f"kiosk-{n}")["token"] for n in range(4)]

    def lease(token: str) -> list[tuple[int, int]]:
        wanted = [{"id": str(uuid.uuid4()), "service": "ktp-el", "service_day": "2026-11-24",
                   "size": 30} for _ in range(4)]
        answer = requests.post(f"{city.url}/v1/leases", json={"leases": wanted}, timeout=30,
                               headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200, answer.text
        return [(b["first"], b["last"]) for b in answer.json()["leases"]]

    with ThreadPoolExecutor(8) as pool:
        online = pool.map(lambda t: take(city, t).json()["result"]["sequence"], tokens * 5)
        blocks = [b for batch in pool.map(lease, tokens) for b in batch]
    given = [n for first, last in blocks for n in range(first, last + 1)] + list(online)
    assert len(given) == len(set(given))
    leased = sorted(n for first, last in blocks for n in range(first, last + 1))
    assert leased == list(range(501, 501 + 4 * 4 * 30))  # one run, above the online range


def test_a_leased_block_runs_out_at_999_and_says_so(city: CityServer) -> None:
    tokens = [city.enrol(name=f"kiosk-{n}")["token"] for n in range(3)]

    def blocks(token: str, count: int) -> tuple[list[dict], dict]:
        wanted = [{"id": str(uuid.uuid4()), "service": "kk", "service_day": "2026-11-24",
                   "size": 100} for _ in range(count)]
        return wanted, requests.post(f"{city.url}/v1/leases", json={"leases": wanted},
                                     timeout=30, headers={"Authorization": f"Bearer {token}"}).json()

    first_wanted, first = blocks(tokens[0], 3)  # at most 200 numbers a day for one kiosk
    assert [(b["first"], b["last"]) for b in first["leases"]] == [(501, 600), (601, 700)]
    assert len(first["refused"]) == 1 and "at most 200" in first["refused"][0]
    _, second = blocks(tokens[1], 2)
    _, third = blocks(tokens[2], 2)
    assert [(b["first"], b["last"]) for b in second["leases"] + third["leases"]] == [
        (701, 800), (801, 900), (901, 999)]
    assert len(third["refused"]) == 1 and "given out" in third["refused"][0]
    replay = requests.post(f"{city.url}/v1/leases", json={"leases": first_wanted[:1]}, timeout=30,
                           headers={"Authorization": f"Bearer {tokens[0]}"}).json()
    assert [(b["first"], b["last"]) for b in replay["leases"]] == [(501, 600)]  # same block


def test_a_kiosk_may_number_only_from_its_own_lease_with_honest_labels(city: CityServer) -> None:
    """Kiosk Y sending a number from kiosk X's block, a number of the server's own range, a
    label that does not match its sequence, or a day not yet come: each refused, so X's
    visitor keeps the number X gave."""
    from kiosk.numbering import new_public_code

    x, y = city.enrol(name="kiosk-x"), city.enrol(name="kiosk-y")

    def issue(kiosk: dict, number: str, sequence: int, day: str = "2026-11-24") -> dict:
        op = {"op_id": str(uuid.uuid4()), "kind": "ticket.issue", "payload": {
            "id": str(uuid.uuid4()), "public_code": new_public_code(), "service": "kk",
            "service_day": day, "issued_at": city.clock().isoformat(),
            "device_id": kiosk["device_id"],
            "sequence": sequence, "number": number}}
        answer = requests.post(f"{city.url}/v1/ops:batch", json={"ops": [op]}, timeout=10,
                               headers={"Authorization": f"Bearer {kiosk['token']}"})
        return answer.json()["results"][0]

    lease = requests.post(f"{city.url}/v1/leases", timeout=10, headers={
        "Authorization": f"Bearer {x['token']}"}, json={"leases": [{
            "id": str(uuid.uuid4()), "service": "kk", "service_day": "2026-11-24", "size": 20}]})
    first = lease.json()["leases"][0]["first"]
    stolen = issue(y, f"B-{first:03d}", first)
    assert stolen["status"] == "rejected" and "leased to this kiosk" in stolen["reason"]
    assert issue(y, "B-450", 450)["status"] == "rejected"  # the server's own range
    mislabelled = issue(x, "B-777", first)
    assert mislabelled["status"] == "rejected" and "does not name" in mislabelled["reason"]
    assert issue(x, f"B-{first:03d}", first, day="2026-12-01")["status"] == "rejected"
    assert issue(x, f"B-{first:03d}", first)["status"] == "applied"  # X's own, as leased
    wrong_day = requests.post(f"{city.url}/v1/leases", timeout=10, headers={
        "Authorization": f"Bearer {x['token']}"}, json={"leases": [{
            "id": str(uuid.uuid4()), "service": "kk", "service_day": "2026-12-01", "size": 20}]})
    assert wrong_day.json()["leases"] == [] and "tomorrow only" in wrong_day.json()["refused"][0]
