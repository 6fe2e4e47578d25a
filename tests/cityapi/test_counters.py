"""Counters through the one authority: sign-in with server-side PINs, the call order, the
recall / no-show / transfer rules, stale actions, and eight counters calling at once."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select

from cityapi.models import Staff, Ticket, TicketEvent
from kiosk.calls import RECALLS_BEFORE_NO_SHOW
from kiosk.service_day import service_day
from kiosk.vocabulary import TicketState
from sync.client import CityClient, Refused
from sync.protocol import Op
from tests.city_server import CityServer
from tests.cityapi.counter_helpers import PIN, Console, add_clerk, id_of, number_of, take


@pytest.fixture
def kiosk(city: CityServer):
    client = CityClient(city.url, city.enrolment("kiosk").token)
    yield client
    client.close()


def test_staff_sign_in_with_a_pin_hashed_on_the_server_and_are_locked_out(city) -> None:
    staff = add_clerk(city)
    with city.sessions() as session:
        stored = session.get(Staff, staff).pin_hash
    assert PIN not in stored and stored.startswith("scrypt$")
    client = CityClient(city.url, city.enrolment("counter").token)
    setup = client.counter_setup()
    assert [s.name for s in setup.staff] == ["Siti Aminah"] and setup.counters == ["1", "2"]
    assert client.sign_in(staff, PIN, "9").problem == "unknown_counter"
    answers = [client.sign_in(staff, "0000", "1") for _ in range(5)]
    assert [a.attempts_left for a in answers[:4]] == [4, 3, 2, 1]
    assert answers[4].problem == "locked" and answers[4].locked_seconds > 60
    # Locked: even the right PIN is refused for now.
    assert client.sign_in(staff, PIN, "1").problem == "locked"
    kiosk_token = city.enrolment("kiosk", "k9").token
    with pytest.raises(Refused, match="not a counter console"):
        CityClient(city.url, kiosk_token).sign_in(staff, PIN, "1")


def test_call_order_priority_first_then_issue_time_and_transfer_keeps_the_place(city, kiosk):
    staff = add_clerk(city)
    early = city.clock() - timedelta(minutes=30)
    first_b = take(city, kiosk, "kk", issued_at=early)  # B-001, waiting 30 min in another queue
    a1 = take(city, kiosk, "ktp-el")
    a2 = take(city, kiosk, "ktp-el", priority="lansia")
    a3 = take(city, kiosk, "ktp-el")
    desk = Console(city, "1", staff)
    called = desk.act("call_next")
    assert number_of(called) == number_of(a2)  # priority first
    assert desk.act("call_next").problem == "busy"  # finish the current one first
    assert desk.act("done", id_of(a2)).status == "applied"
    # B-001 moves to the A queue: it was issued before A-001, so it is called before it.
    moved = desk.act("transfer", id_of(first_b), service="ktp-el")
    assert moved.status == "applied" and moved.result.ticket.queue == "ktp-el"
    assert number_of(desk.act("call_next")) == number_of(first_b)
    assert desk.act("done", id_of(first_b)).status == "applied"
    assert number_of(desk.act("call_next")) == number_of(a1)
    assert desk.act("done", id_of(a1)).status == "applied"
    assert number_of(desk.act("call_next")) == number_of(a3)
    assert desk.act("done", id_of(a3)).status == "applied"
    assert desk.act("call_next").problem == "no_one_waiting"


def test_recall_then_no_show_only_after_the_recalls(city, kiosk) -> None:
    staff = add_clerk(city)
    ticket = id_of(take(city, kiosk, "ktp-el"))
    desk = Console(city, "2", staff)
    desk.act("call_next")
    refused = desk.act("no_show", ticket)
    assert refused.status == "rejected" and refused.problem == "too_early"
    for n in range(1, RECALLS_BEFORE_NO_SHOW + 1):
        assert desk.act("recall", ticket).result.ticket.recalls == n
    assert desk.act("no_show", ticket).result.ticket.state == TicketState.NO_SHOW
    with city.sessions() as session:
        kinds = session.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == ticket)
                                .order_by(TicketEvent.id)).all()
    assert kinds == ["called", *["recalled"] * RECALLS_BEFORE_NO_SHOW, "no_show"]


def test_stale_actions_get_a_reason_and_change_nothing(city, kiosk) -> None:
    staff = add_clerk(city)
    ticket = id_of(take(city, kiosk, "ktp-el"))
    one, two = Console(city, "1", staff, name="c1"), Console(city, "2", staff, name="c2")
    assert one.act("call", ticket).status == "applied"
    taken = two.act("call", ticket)  # the list on counter 2 was a moment old
    assert taken.status == "rejected" and taken.problem == "taken"
    assert two.act("done", ticket).problem == "not_here"
    assert one.act("transfer", ticket, service="kk").status == "applied"
    # Counter 1 still shows the ticket and presses "done": it was transferred.
    stale = one.act("done", ticket)
    assert stale.status == "rejected" and stale.problem == "wrong_state"
    assert one.act("transfer", ticket, service="kk").problem == "same_service"
    assert one.act("transfer", ticket, service="nope").problem == "no_service"
    with city.sessions() as session:
        row = session.get(Ticket, ticket)
        assert (row.state, row.queue, row.counter) == ("waiting", "kk", None)


def test_a_retried_action_is_applied_once(city, kiosk) -> None:
    staff = add_clerk(city)
    for _ in range(2):
        take(city, kiosk, "ktp-el")
    desk = Console(city, "1", staff)
    act_id = uuid.uuid4()
    first = desk.act("call_next", act_id=act_id)
    again = desk.act("call_next", act_id=act_id)  # as after a lost answer
    assert again.status == "duplicate" and number_of(again) == number_of(first)
    with city.sessions() as session:
        assert session.scalar(select(Ticket.number).where(Ticket.state == "called")) == \
            number_of(first)


def test_actions_need_a_signed_in_staff_member(city) -> None:
    token = city.enrolment("counter").token
    answer = requests.post(f"{city.url}/v1/counter/act", timeout=5,
                           headers={"Authorization": f"Bearer {token}",
                                    "X-Staff-Session": "forged"},
                           json={"id": str(uuid.uuid4()), "action": "call_next"})
    assert answer.status_code == 401 and "sign in" in answer.json()["error"]


def test_a_closed_or_paused_counter_calls_no_one(city, kiosk) -> None:
    staff = add_clerk(city)
    take(city, kiosk, "ktp-el")
    desk = Console(city, "1", staff)
    desk.client.set_counter_mode(desk.session, "paused")
    assert desk.act("call_next").problem == "paused"
    desk.client.set_counter_mode(desk.session, "open")
    assert desk.act("call_next").status == "applied"
    desk.client.set_counter_mode(desk.session, "closed")
    with pytest.raises(Exception, match="sign in again"):
        desk.act("recall", str(uuid.uuid4()))


def test_eight_counters_calling_at_once_never_get_the_same_ticket(city, kiosk) -> None:
    """The one-authority proof: 8 consoles press "call next" together, again and again."""
    staff = add_clerk(city)
    taken = [number_of(take(city, kiosk, "ktp-el")) for _ in range(48)]
    with city.sessions.begin() as session:  # every counter serves the service
        from cityapi.models import Service

        session.get(Service, ("test-plaza", "ktp-el")).counters = {
            "names": [str(n) for n in range(1, 9)]}
    desks = [Console(city, str(n), staff, name=f"c{n}") for n in range(1, 9)]
    called: list[str] = []
    lock, start = threading.Lock(), threading.Barrier(len(desks))

    def work(desk: Console) -> None:
        start.wait()
        while True:
            answer = desk.act("call_next")
            if answer.problem == "no_one_waiting":
                return
            assert answer.status == "applied", answer
            with lock:
                called.append(number_of(answer))
            assert desk.act("done", id_of(answer)).status == "applied"

    threads = [threading.Thread(target=work, args=(d,)) for d in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(t.is_alive() for t in threads)
    repeats = [n for n, times in Counter(called).items() if times > 1]
    assert repeats == [] and sorted(called) == sorted(taken)
    for desk in desks:
        desk.close()


def test_a_transfer_to_a_service_closed_today_is_refused_by_the_rules(city, kiosk):
    staff = add_clerk(city)
    ticket = take(city, kiosk, "kk")
    closer = Console(city, "2", add_clerk(city, "Rahmat"))
    closer.client.send_ops([Op(op_id=uuid.uuid4(), kind="service.override", payload={
        "service": "ktp-el", "service_day": service_day(city.clock(), "Asia/Makassar").isoformat(),
        "state": "closed", "device_id": "console-2"})])
    desk = Console(city, "1", staff)
    refused = desk.act("transfer", id_of(ticket), service="ktp-el")
    assert (refused.status, refused.problem) == ("rejected", "service_closed")
    with city.sessions() as session:
        assert session.get(Ticket, id_of(ticket)).queue == "kk"  # it stays where it was


def test_fifty_parallel_wrong_pins_check_at_most_five(city) -> None:
    """Run on PostgreSQL in CI, where nothing but the sign-in's own locks serialises them."""
    from cityapi.counters import MAX_FAILURES
    from cityapi.models import SignInFailure

    staff = add_clerk(city)
    token = city.enrolment("counter").token
    clients = [CityClient(city.url, token, retries=0) for _ in range(10)]
    start = threading.Barrier(len(clients))

    def guess(client: CityClient) -> list[str]:
        start.wait()
        return [client.sign_in(staff, f"{n:04d}", "1").problem for n in range(1000, 1005)]

    with ThreadPoolExecutor(len(clients)) as pool:
        answers = [problem for batch in pool.map(guess, clients) for problem in batch]
    assert len(answers) == 50
    assert answers.count("wrong_pin") == MAX_FAILURES - 1  # the fifth wrong one locks
    assert answers.count("locked") == 50 - (MAX_FAILURES - 1)
    with city.sessions() as session:
        assert session.scalar(select(func.count()).select_from(SignInFailure)) == MAX_FAILURES
    assert clients[0].sign_in(staff, PIN, "1").problem == "locked"  # the right PIN waits too
    for client in clients:
        client.close()


def test_an_unknown_staff_member_is_answered_like_a_wrong_pin(city) -> None:
    staff = add_clerk(city)
    client = CityClient(city.url, city.enrolment("counter").token)
    for who in (staff, str(uuid.uuid4())):  # both cost one scrypt check on the server
        answer = client.sign_in(who, "0000", "1")
        assert (answer.ok, answer.problem) == (False, "wrong_pin")
    assert client.sign_in(str(uuid.uuid4()), "0000", "1").attempts_left == 2  # the console's
    client.close()
