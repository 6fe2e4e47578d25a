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
