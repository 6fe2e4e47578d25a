"""A seeded service day with known answers (Tuesday 2026-11-24 at the test plaza, WITA =
UTC+8): tickets with their history written straight into the city's database at set times,
and ratings given through the real paths (a kiosk's op, the phone page).

    ticket  service  taken  first call  serving  end            counter  staff
    A-001   ktp-el   08:05  08:15       08:16    done 08:26     1        Siti
    A-002   ktp-el   08:10  08:30       08:31    done 08:51     1        Siti
    A-003   ktp-el   08:40  09:10       -        no-show 09:20  2        Budi
    A-004   ktp-el   09:05  09:45       09:45    done 09:50     2        Budi
    A-005   ktp-el   09:30  withdrawn by its kiosk (no arrival)
    A-006   ktp-el   09:50  still waiting
    B-001   kk       08:20  08:25 -> transferred to ktp-el 08:27, called 09:00 (counter 1),
                            serving 09:02, done 09:10 (Siti)

Waiting (taken to first call), by the service taken: ktp-el 10, 20, 30, 40 min -> median 25.0,
p90 (nearest rank, the 4th of 4) 40.0; kk 5 -> 5.0 and 5.0.
Service time (serving to done), by the service that served: ktp-el 10, 20, 5, 8 (B-001)
-> sorted 5, 8, 10, 20: median 9.0, p90 20.0. No-shows: ktp-el 1 of 5 ended = 20.0 %.
Arrivals: ktp-el 08h 3, 09h 2 (5); kk 08h 1. Served: counter 1: 3, counter 2: 1; Siti 3, Budi 1.

Ratings (tests/kiosk/test_ikm.py's worked example, respondents R1..R5, plus a quick one):
R1 -> A-001, R2 -> A-002, R3 -> A-004, R4 -> A-003 (from the kiosk, with their tickets), R5
from the kiosk without a ticket, naming the office disdukcapil; B-001 rated 1 on its phone
page with a comment that holds HTML. Plaza IKM 80.00 (B) from 5 respondents; ktp-el (R1..R4)
29.0 / 9 x 25 = 80.56 (B); quick answers R1..R5 4, 3, 3, 2, 4 and B-001's 1.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import requests

from cityapi.counters import add_staff
from cityapi.models import Ticket, TicketEvent
from kiosk import ikm
from tests.city_server import CityServer
from tests.kiosk.test_ikm import RESPONDENTS

DAY = date(2026, 11, 24)
QUICK = (4, 3, 3, 2, 4)
COMMENT = '<script>alert("x")</script> =1+1 antrian lama'


def at(hhmm: str) -> datetime:
    """A WITA wall-clock time of the seeded day, as aware UTC."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime(2026, 11, 24, hours, minutes, tzinfo=UTC) - timedelta(hours=8)


def seed_day(city: CityServer, kiosk: dict) -> dict[str, Ticket]:
    """The tickets above, their events, and the ratings; returns the tickets by number."""
    with city.sessions.begin() as session:
        siti = add_staff(session, "test-plaza", "Siti Aminah", "2468", city.clock())
        budi = add_staff(session, "test-plaza", "Budi Santoso", "1357", city.clock())
    plan = [
        # number, service, queue, state, taken, events [(kind, time, counter, staff)]
        ("A-001", "ktp-el", "ktp-el", "done", "08:05",
         [("called", "08:15", "1", siti), ("serving", "08:16", "1", siti),
          ("done", "08:26", "1", siti)]),
        ("A-002", "ktp-el", "ktp-el", "done", "08:10",
         [("called", "08:30", "1", siti), ("serving", "08:31", "1", siti),
          ("done", "08:51", "1", siti)]),
        ("A-003", "ktp-el", "ktp-el", "no_show", "08:40",
         [("called", "09:10", "2", budi), ("recalled", "09:13", "2", budi),
          ("recalled", "09:16", "2", budi), ("no_show", "09:20", "2", budi)]),
        ("A-004", "ktp-el", "ktp-el", "done", "09:05",
         [("called", "09:45", "2", budi), ("serving", "09:45", "2", budi),
          ("done", "09:50", "2", budi)]),
        ("A-005", "ktp-el", "ktp-el", "cancelled", "09:30", []),
        ("A-006", "ktp-el", "ktp-el", "waiting", "09:50", []),
        ("B-001", "kk", "ktp-el", "done", "08:20",
         [("called", "08:25", "2", budi), ("transferred", "08:27", "2", budi),
          ("called", "09:00", "1", siti), ("serving", "09:02", "1", siti),
          ("done", "09:10", "1", siti)]),
    ]
    tickets = {}
    with city.sessions.begin() as session:
        for number, service, queue, state, taken, events in plan:
            times = {kind: at(moment) for kind, moment, _, _ in events}
            ticket = Ticket(
                id=str(uuid.uuid4()), plaza_code="test-plaza",
                public_code=uuid.uuid4().hex[:10].upper(), service_code=service, service_day=DAY,
                sequence=int(number[2:]), number=number, priority=None, state=state,
                issued_at=at(taken), device_id=kiosk["device_id"], queue=queue,
                counter=events[-1][2] if events else None, called_at=times.get("called"),
                recalls=0, serving_at=times.get("serving"),
                finished_at=times.get("done") or times.get("no_show"))
            session.add(ticket)
            session.flush()
            for kind, moment, counter, staff in events:
                detail = {"from": "kk", "to": "ktp-el"} if kind == "transferred" else None
                session.add(TicketEvent(ticket_id=ticket.id, kind=kind, at=at(moment),
                                        device_id=kiosk["device_id"], staff_id=staff,
                                        counter=counter, detail=detail))
            tickets[number] = ticket
    ops = []
    for respondent, (answers, quick) in enumerate(zip(RESPONDENTS, QUICK, strict=True)):
        number = ("A-001", "A-002", "A-004", "A-003", None)[respondent]
        ticket = tickets[number].id if number else None
        ops.append(feedback_op(answers | {ikm.OVERALL: quick}, ticket=ticket,
                               agency=None if ticket else "disdukcapil", given_at=at("09:55")))
    answer = post(city, kiosk["token"], ops)
    assert [r["status"] for r in answer] == ["applied"] * 5, answer
    phone = requests.post(f"{city.url}/t/{tickets['B-001'].public_code}/rating", timeout=5,
                          json={"answers": {ikm.OVERALL: 1}, "comment": COMMENT})
    assert phone.status_code == 200, phone.text
    return tickets


def feedback_op(answers: dict, ticket: str | None = None, agency: str | None = None,
                given_at: datetime | None = None, **changes) -> dict:
    payload = {
        "id": ikm.feedback_id(ticket) if ticket else str(uuid.uuid4()), "ticket": ticket,
        "agency": agency, "answers": answers, "comment": "", "profile": {},
        "given_at": (given_at or at("10:00")).isoformat(), "device_id": "kiosk-1",
    } | changes
    return {"op_id": str(uuid.uuid4()), "kind": "feedback.give", "payload": payload}


def post(city: CityServer, token: str, ops: list[dict]) -> list[dict]:
    answer = requests.post(f"{city.url}/v1/ops:batch", json={"ops": ops}, timeout=10,
                           headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]
