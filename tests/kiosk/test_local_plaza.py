from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.availability import Reason, StaffOverride
from kiosk.local_plaza import IssuedTicket, IssueRefused, LocalPlaza
from kiosk.store.models import OutboxRow, TicketEventRow, TicketRow
from kiosk.vocabulary import Priority, TicketState


def test_numbers_count_up_per_service(plaza: LocalPlaza) -> None:
    numbers = [plaza.issue_ticket("ktp-el").number for _ in range(3)]
    assert numbers == ["A-001", "A-002", "A-003"]
    assert plaza.issue_ticket("kk").number == "B-001"


def test_a_ticket_its_event_and_its_outbox_op_are_written_together(plaza: LocalPlaza) -> None:
    ticket = plaza.issue_ticket("ktp-el", Priority.ELDERLY)
    assert isinstance(ticket, IssuedTicket)
    with plaza.store.read() as session:
        row = session.get(TicketRow, ticket.id)
        assert row.state == "waiting" and row.priority == "lansia"
        assert session.scalar(select(func.count()).select_from(TicketEventRow)) == 1
        op = session.scalars(select(OutboxRow)).one()
    assert op.kind == "ticket.issue" and op.payload["id"] == ticket.id
    assert op.payload["number"] == "A-001"


def test_people_ahead_follow_the_call_order(plaza: LocalPlaza, clock) -> None:
    plaza.issue_ticket("ktp-el")
    clock.moment += timedelta(minutes=1)
    plaza.issue_ticket("ktp-el")
    clock.moment += timedelta(minutes=1)
    priority = plaza.issue_ticket("ktp-el", Priority.PREGNANT)
    assert priority.people_ahead == 0  # priority goes first
    clock.moment += timedelta(minutes=1)
    last = plaza.issue_ticket("ktp-el")
    assert last.people_ahead == 3
    assert last.wait is not None and last.wait.low_minutes <= 15 <= last.wait.high_minutes


def test_quota_refuses_with_the_reason(plaza: LocalPlaza) -> None:
    for _ in range(50):
        assert isinstance(plaza.issue_ticket("ktp-el"), IssuedTicket)
    refused = plaza.issue_ticket("ktp-el")
    assert isinstance(refused, IssueRefused)
    assert refused.availability.reason is Reason.QUOTA_FULL
    assert plaza.service_states()["ktp-el"].availability.badge == "quota_full"


def test_numbers_restart_on_the_next_service_day(plaza: LocalPlaza, clock) -> None:
    assert plaza.issue_ticket("ktp-el").number == "A-001"
    clock.moment += timedelta(days=1)  # Wednesday 10:00 WITA
    assert plaza.issue_ticket("ktp-el").number == "A-001"


def test_staff_close_and_reopen_a_service(plaza: LocalPlaza) -> None:
    plaza.set_override("ktp-el", StaffOverride.CLOSED)
    refused = plaza.issue_ticket("ktp-el")
    assert isinstance(refused, IssueRefused)
    assert refused.availability.reason is Reason.CLOSED_BY_STAFF
    plaza.set_override("ktp-el", None)
    assert isinstance(plaza.issue_ticket("ktp-el"), IssuedTicket)
    assert plaza.pending_outbox() == 3  # two overrides and a ticket


def test_states_count_waiting(plaza: LocalPlaza) -> None:
    for _ in range(4):
        plaza.issue_ticket("kk")
    states = plaza.service_states()
    assert states["kk"].waiting == 4 and states["ktp-el"].waiting == 0
    assert states["kk"].availability.can_issue


actions = st.lists(
    st.tuples(st.sampled_from(["ktp-el", "kk"]), st.integers(0, 2), st.booleans()),
    min_size=1, max_size=60,
)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions)
def test_numbers_are_never_duplicated(plaza: LocalPlaza, clock, steps) -> None:
    start = clock.moment
    for service, days, priority in steps:
        clock.moment = start + timedelta(days=days * 7)  # stay on Tuesdays
        plaza.issue_ticket(service, Priority.ELDERLY if priority else None)
    with plaza.store.read() as session:
        rows = session.execute(
            select(TicketRow.service_code, TicketRow.service_day, TicketRow.number)
        ).all()
    assert len(rows) == len(set(rows))
    per_day: dict = {}
    for service, day, number in rows:
        per_day.setdefault((service, day), []).append(int(number.split("-")[1]))
    for sequence in per_day.values():
        assert sorted(sequence) == list(range(1, len(sequence) + 1))  # gap-free from 001


def test_issue_time_is_aware_utc(plaza: LocalPlaza) -> None:
    ticket = plaza.issue_ticket("ktp-el")
    assert ticket.issued_at.tzinfo is not None
    assert ticket.issued_at == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def test_a_server_numbered_ticket_the_feed_brought_first_is_kept_once(plaza: LocalPlaza) -> None:
    """The server numbers a ticket and its change feed reaches this kiosk (a long-poll wakes at
    once) before the desk writes the answer: the desk's write finds the ticket and keeps it."""
    from kiosk import feed

    draft = plaza.prepare_ticket("ktp-el")
    feed.apply(plaza.store, [feed.TicketChange(
        id=draft.id, public_code=draft.public_code, service="ktp-el",
        service_day=draft.service_day, sequence=7, number="A-007", state=TicketState.WAITING,
        issued_at=draft.issued_at, device_id=plaza.device_id)], None, draft.issued_at)
    ticket = plaza.record_ticket(draft, numbered=(7, "A-007"))
    assert isinstance(ticket, IssuedTicket) and ticket.number == "A-007"
    with plaza.store.read() as session:
        assert session.scalar(select(func.count()).select_from(TicketRow)) == 1
        assert session.scalar(select(func.count()).select_from(TicketEventRow)) == 1
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == 0


def test_the_service_day_is_the_catalogs_whatever_the_device_config_says(plaza, tmp_path) -> None:
    """A kiosk configured for Jakarta (WIB, UTC+7) in a plaza whose catalog says Makassar
    (WITA, UTC+8): at 00:30 WITA it numbers the plaza's new day, not WIB's old one."""
    from datetime import date

    from kiosk.local_plaza import LocalPlaza

    half_past_midnight = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)  # 00:30 WITA, 23:30 WIB
    jakarta = LocalPlaza(plaza.store, device_id="k-jkt", timezone="Asia/Jakarta",
                         clock=lambda: half_past_midnight)
    assert jakarta.timezone == "Asia/Makassar"
    assert jakarta.today() == date(2026, 11, 25)
