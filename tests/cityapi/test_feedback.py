"""Ratings reach the city server from a kiosk's outbox and from the phone page: kept by
element, once per ticket; bad input is refused clearly, nothing is stored twice, never a 500."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import requests
from sqlalchemy import func, select

from cityapi import feedback
from cityapi.models import Feedback, FeedbackAnswer
from kiosk.feedback import Survey, record_survey
from kiosk.ikm import OVERALL
from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient
from sync.engine import push_outbox
from tests.city_server import CityServer
from tests.cityapi.report_seed import feedback_op, post
from tests.cityapi.test_api import post_ops, ticket_op


def kept(city: CityServer) -> tuple[int, int]:
    with city.sessions() as session:
        return (session.scalar(select(func.count()).select_from(Feedback)),
                session.scalar(select(func.count()).select_from(FeedbackAnswer)))


def a_ticket(city: CityServer, token: str, number: str = "A-001") -> dict:
    op = ticket_op(number)
    assert post_ops(city, token, [op]).json()["results"][0]["status"] == "applied"
    return op["payload"]


def test_a_kiosks_ratings_travel_through_its_outbox(city: CityServer, plaza: LocalPlaza) -> None:
    """Offline: a ticket, and the kiosk's ratings of its office and of the plaza, wait in the
    outbox; the server keeps each answer by element, apart from the tickets' ratings."""
    ticket = plaza.issue_ticket("ktp-el")
    office = record_survey(plaza, Survey({OVERALL: 4, "waktu": 2, "sarana": 3},
                                         agency="disdukcapil", comment="<b>ok</b>"))
    record_survey(plaza, Survey({OVERALL: 3}))
    report = push_outbox(plaza, CityClient(city.url, city.enrol()["token"]))
    assert (report.acknowledged, report.rejected) == (3, 0)
    with city.sessions() as session:
        rows = {f.agency_code: f for f in session.scalars(select(Feedback))}
        answers = dict(session.execute(
            select(FeedbackAnswer.question, FeedbackAnswer.value)
            .where(FeedbackAnswer.feedback_id == office)).all())
        assert not feedback.rated(session, ticket.id)  # the ticket's one rating is still free
    assert set(rows) == {"disdukcapil", None}
    assert all(row.ticket_id is None and row.service_code is None and row.channel == "kiosk"
               for row in rows.values())
    assert rows["disdukcapil"].comment == "<b>ok</b>"  # kept as written; escaped where shown
    assert answers == {OVERALL: 4, "waktu": 2, "sarana": 3}


def test_bad_ratings_are_refused_alone_and_nothing_is_kept_twice(city: CityServer) -> None:
    kiosk = city.enrol()
    ticket = a_ticket(city, kiosk["token"])
    good = feedback_op({OVERALL: 4}, ticket=ticket["id"])
    ops = [
        feedback_op({"waktu": 5}),  # out of range
        feedback_op({OVERALL: 4}, ticket=str(uuid.uuid4())),  # unknown ticket
        feedback_op({OVERALL: 4}, comment="x" * 10_000),  # 10 kB comment
        feedback_op({OVERALL: 4}, agency="no-such-office"),
        feedback_op({OVERALL: 4}, given_at=datetime(2019, 1, 1, tzinfo=UTC)),
        feedback_op({OVERALL: 4}, name="Siti"),  # never a name
        good,
        feedback_op({OVERALL: 2}, ticket=ticket["id"]),  # the same ticket again
    ]
    results = post(city, kiosk["token"], ops)
    assert [r["status"] for r in results] == ["rejected"] * 6 + ["applied", "rejected"]
    reasons = [r["reason"] for r in results]
    assert "answers.waktu" in reasons[0] and "no such ticket" in reasons[1]
    assert "comment" in reasons[2] and "no office" in reasons[3] and "not plausible" in reasons[4]
    assert "name" in reasons[5] and "rated already" in reasons[7]
    assert kept(city) == (1, 1)
    replay = post(city, kiosk["token"], [good])[0]  # the same op again: the same answer
    assert replay["status"] == "duplicate" and replay["result"]["kind"] == "rated"
    resent = post(city, kiosk["token"], [good | {"op_id": str(uuid.uuid4())}])[0]
    assert resent["status"] == "applied"  # the same rating under a new op id (a salvage)
    assert kept(city) == (1, 1)
    display = city.enrol("display", "tv")["token"]
    assert post(city, display, [feedback_op({OVERALL: 4})])[0]["status"] == "rejected"


def test_a_rating_for_another_plazas_ticket_is_refused(city: CityServer, tmp_path) -> None:
    from cityapi.catalog_import import import_catalog
    from tests.conftest import catalog_data, service_entry

    other = catalog_data([service_entry("paspor", "P")])
    other["plaza"]["code"] = "banjarbaru"
    path = tmp_path / "banjarbaru.json"
    path.write_text(json.dumps(other))
    with city.sessions.begin() as session:
        import_catalog(session, path, city.clock())
    theirs = a_ticket(city, city.enrol()["token"])
    with city.sessions.begin() as session:
        from cityapi.devices import new_enrolment_code
        code = new_enrolment_code(session, "banjarbaru", "kiosk", city.clock())
    ours = requests.post(f"{city.url}/v1/enrol", timeout=5, json={
        "code": code, "role": "kiosk", "device_name": "bb-1"}).json()["token"]
    result = post(city, ours, [feedback_op({OVERALL: 4}, ticket=theirs["id"])])[0]
    assert result["status"] == "rejected" and "no such ticket at this plaza" in result["reason"]
    assert kept(city) == (0, 0)


def rate(city: CityServer, code: str, body: object, **headers) -> requests.Response:
    return requests.post(f"{city.url}/t/{code}/rating", timeout=5, headers=headers,
                         data=body if isinstance(body, str) else json.dumps(body))


def test_the_phone_page_rates_a_done_ticket_once(city: CityServer) -> None:
    from cityapi.models import Ticket

    ticket = a_ticket(city, city.enrol()["token"])
    code = ticket["public_code"]
    json_type = {"Content-Type": "application/json"}
    early = rate(city, code, {"answers": {OVERALL: 4}}, **json_type)
    assert early.status_code == 422 and "setelah Anda selesai dilayani" in early.json()["error"]
    with city.sessions.begin() as session:
        session.get(Ticket, ticket["id"]).state = "done"
    status = requests.get(f"{city.url}/t/{code}/status", timeout=5).json()
    assert status["can_rate"] and not status["rated"]
    for bad in ({"answers": {OVERALL: 0}}, {"answers": {}}, {"answers": {OVERALL: 4},
                "comment": "x" * 10_240}, {"answers": {OVERALL: 4}, "phone": "0812"}, "{not json",
                {"answers": {OVERALL: 4}, "profile": {"age_band": "17"}}):
        answer = rate(city, code, bad, **json_type)
        assert answer.status_code == 422 and answer.json()["error"], bad
    assert kept(city) == (0, 0)
    good = rate(city, code, {"answers": {OVERALL: 4, "perilaku": 4}, "comment": "<i>ramah</i>",
                             "profile": {"sex": "p"}}, **json_type)
    assert good.status_code == 200 and good.json()["ok"]
    again = rate(city, code, {"answers": {OVERALL: 1}}, **json_type)
    assert again.status_code == 409 and "sudah dinilai" in again.json()["error"]
    assert rate(city, "NOSUCHCODE", {"answers": {OVERALL: 4}}, **json_type).status_code == 404
    assert kept(city) == (1, 2)
    status = requests.get(f"{city.url}/t/{code}/status?lang=en", timeout=5).json()
    assert status["rated"] and not status["can_rate"] and status["state_text"] == "Served"
    # The kiosk's rating of the same ticket comes late: refused, not kept twice.
    late = post(city, city.enrol("kiosk", "kiosk-2")["token"],
                [feedback_op({OVERALL: 2}, ticket=ticket["id"])])[0]
    assert late["status"] == "rejected" and kept(city) == (1, 2)
