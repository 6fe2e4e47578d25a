"""The call order is declared once (kiosk.numbering.CALL_ORDER): the server's SQL
(cityapi.counters.call_order) and every device's Python sort must agree on any queue —
priorities, equal issue times, transferred tickets keeping their place, tagged numbers — on
SQLite here and on PostgreSQL in CI."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from cityapi.counters import call_order
from cityapi.database import open_database
from cityapi.models import Plaza, Ticket
from kiosk.numbering import QueuedTicket, format_number, in_call_order

START = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
DAY = date(2026, 11, 24)

queued = st.lists(st.tuples(
    st.sampled_from([None, None, "lansia", "disabilitas", "ibu_hamil"]),
    st.integers(0, 5),  # minutes after the start: many tickets share an instant
    st.sampled_from([None, "K7", "A0"]),  # a leased/online number or a device-tagged one
    st.integers(1, 999),
), min_size=1, max_size=25, unique_by=lambda t: (t[2], t[3]))


def test_the_server_and_the_devices_call_in_the_same_order(tmp_path: Path,
                                                           database_url: str) -> None:
    sessions = open_database(database_url)
    with sessions.begin() as session:
        session.add(Plaza(code="p", name={"id": "P", "en": "P"}, timezone="Asia/Makassar"))

    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(queued)
    def agree(queue: list[tuple[str | None, int, str | None, int]]) -> None:
        tickets = [QueuedTicket(id=str(uuid.uuid4()), number=format_number("A", seq, tag),
                                issued_at=START + timedelta(minutes=minute), priority=priority)
                   for priority, minute, tag, seq in queue]
        with sessions.begin() as session:
            session.execute(delete(Ticket))
            for t in tickets:
                session.add(Ticket(id=t.id, plaza_code="p", public_code=t.id[:16].upper(),
                                   service_code="a", service_day=DAY, sequence=1,
                                   number=t.number, priority=t.priority, state="waiting",
                                   issued_at=t.issued_at, device_id="k", queue="a", recalls=0))
        with sessions() as session:
            by_server = list(session.scalars(select(Ticket.id).order_by(*call_order())))
        assert by_server == [t.id for t in in_call_order(tickets)]

    agree()
    sessions.kw["bind"].dispose()
