import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.numbering import QueuedTicket, format_number, in_call_order, new_public_code
from kiosk.waiting import estimate_wait


def test_number_format() -> None:
    assert format_number("A", 1) == "A-001"
    assert format_number("KB", 120) == "KB-120"
    with pytest.raises(ValueError):
        format_number("A", 1000)


def test_public_codes_are_short_and_distinct() -> None:
    codes = {new_public_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert all((len(c) == 10 and c.isalnum() and c.isupper()) or c.isdigit() for c in codes)


tickets = st.lists(
    st.tuples(st.integers(0, 10_000), st.sampled_from([None, "lansia", "disabilitas", "ibu_hamil"])),
    min_size=0, max_size=40,
)


@given(tickets)
def test_call_order_priority_first_then_issue_time(raw: list) -> None:
    start = datetime(2026, 11, 24, tzinfo=UTC)
    queue = [
        QueuedTicket(id=f"t{i}", number=f"A-{i + 1:03d}", issued_at=start + timedelta(seconds=s),
                     priority=p)
        for i, (s, p) in enumerate(raw)
    ]
    ordered = in_call_order(queue)
    assert sorted(t.id for t in ordered) == sorted(t.id for t in queue)
    seen_plain = False
    for before, after in itertools.pairwise(ordered):
        if before.priority is None:
            seen_plain = True
        assert not (seen_plain and after.priority is not None), "a priority ticket after a plain one"
        if (before.priority is None) == (after.priority is None):
            assert before.issued_at <= after.issued_at


def test_a_transferred_ticket_keeps_its_place_by_issue_time() -> None:
    start = datetime(2026, 11, 24, tzinfo=UTC)
    late_number = QueuedTicket("x", "A-050", start)  # issued first, elsewhere, then transferred
    early_number = QueuedTicket("y", "A-002", start + timedelta(minutes=5))
    assert [t.number for t in in_call_order([early_number, late_number])] == ["A-050", "A-002"]


@settings(max_examples=200)
@given(st.integers(0, 500), st.floats(0.5, 120), st.integers(1, 20))
def test_wait_estimate_is_a_sane_range(ahead: int, minutes: float, counters: int) -> None:
    wait = estimate_wait(ahead, minutes, counters)
    assert wait is not None
    assert 0 <= wait.low_minutes <= wait.high_minutes
    expected = ahead * minutes / counters
    if ahead:
        assert wait.low_minutes <= expected <= wait.high_minutes


def test_wait_is_unknown_without_data() -> None:
    assert estimate_wait(3, None, 2) is None
    assert estimate_wait(3, 10, 0) is None
    assert estimate_wait(0, None, 0).is_now
