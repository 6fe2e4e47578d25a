"""The protocol's typed change feed and answers: what the server writes is what a device
reads back as domain objects; kinds and fields of a newer server are skipped, not fatal."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from uuid import uuid4

from kiosk.availability import StaffOverride
from kiosk.calls import Call
from kiosk.feed import CatalogChange, OverrideChange, TicketChange
from kiosk.vocabulary import Priority, TicketState
from sync.protocol import (
    FeedChange,
    Numbered,
    OpResult,
    TicketActed,
    feed_entry,
    read_change,
    read_changes,
)

AT = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
TICKET = TicketChange(id="t-1", public_code="ABCDEFGH12", service="ktp-el",
                      service_day=date(2026, 11, 24), sequence=4, number="A-004",
                      state=TicketState.CALLED, issued_at=AT, device_id="kiosk-b",
                      priority=Priority.ELDERLY, queue="ktp-el", counter="2", called_at=AT)


def test_each_kind_round_trips_from_the_servers_record_to_the_devices_object() -> None:
    for change in (TICKET, OverrideChange("kk", date(2026, 11, 24), StaffOverride.CLOSED),
                   OverrideChange("kk", date(2026, 11, 24), None), CatalogChange("abc"),
                   Call(ticket="t-1", number="A-004", counter="2", service="ktp-el", at=AT)):
        kind, data = feed_entry(change)
        assert read_change(kind, data) == change


def test_unknown_kinds_and_fields_are_skipped_and_logged_once(caplog) -> None:
    kind, data = feed_entry(TICKET)
    page = [FeedChange(seq=1, kind="ikm.answer", data={"ticket": "x", "answers": [4]}),
            FeedChange(seq=2, kind=kind, data={**data, "printed": True}),  # a newer field
            FeedChange(seq=3, kind="ikm.answer", data={"ticket": "y", "answers": [1]})]
    with caplog.at_level(logging.WARNING, logger="sync.protocol"):
        assert read_changes(page) == [TICKET]
    assert sum("ikm.answer" in record.message for record in caplog.records) <= 1


def test_a_change_it_cannot_read_is_dropped_not_the_page(caplog) -> None:
    kind, data = feed_entry(TICKET)
    page = [FeedChange(seq=1, kind=kind, data={**data, "state": "vanished"}),
            FeedChange(seq=2, kind="catalog", data={"etag": "e2"})]
    with caplog.at_level(logging.WARNING, logger="sync.protocol"):
        assert read_changes(page) == [CatalogChange("e2")]
    assert any("not applied" in record.message for record in caplog.records)


def test_answers_are_typed_by_their_kind_and_unknown_ones_stay_plain() -> None:
    take = OpResult.model_validate({"op_id": str(uuid4()), "status": "applied", "result": {
        "kind": "numbered", "ticket": str(uuid4()), "number": "A-001", "sequence": 1}})
    assert isinstance(take.result, Numbered) and take.result.sequence == 1
    acted = OpResult.model_validate({"op_id": str(uuid4()), "status": "applied", "result": {
        "kind": "ticket", "ticket": feed_entry(TICKET)[1]}})
    assert isinstance(acted.result, TicketActed) and acted.result.ticket == TICKET
    newer = OpResult.model_validate({"op_id": str(uuid4()), "status": "applied", "result": {
        "kind": "rated", "ticket": "x"}, "queue_hint": 3})
    assert newer.result == {"kind": "rated", "ticket": "x"}
