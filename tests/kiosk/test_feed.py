"""Applying the city server's change feed to the local store: the feed arrives as domain
objects, a snapshot is the whole truth about staff overrides, and a ticket keeps the id of
the kiosk that issued it."""

from __future__ import annotations

from sqlalchemy import select

from kiosk import feed
from kiosk.availability import StaffOverride
from kiosk.feed import OverrideChange, TicketChange
from kiosk.local_plaza import LocalPlaza
from kiosk.store.models import TicketEventRow, TicketRow
from kiosk.vocabulary import TicketState


def test_a_snapshot_clears_overrides_lifted_while_away(plaza: LocalPlaza, clock) -> None:
    plaza.set_override("ktp-el", StaffOverride.CLOSED)  # known here, lifted on the server since
    feed.apply(plaza.store, [OverrideChange("kk", plaza.today(), StaffOverride.OPEN)],
               "7", clock(), overrides_from=plaza.today())
    states = plaza.service_states()
    assert states["ktp-el"].override is None
    assert states["kk"].override is StaffOverride.OPEN
    assert feed.setting(plaza.store, feed.CURSOR) == "7"


def test_another_kiosks_ticket_keeps_its_device_and_follows_the_counter(plaza: LocalPlaza,
                                                                       clock) -> None:
    issued = TicketChange(id="t-1", public_code="ABCDEFGH12", service="ktp-el",
                          service_day=plaza.today(), sequence=4, number="A-004",
                          state=TicketState.WAITING, issued_at=clock(), device_id="kiosk-b")
    feed.apply(plaza.store, [issued], None, clock())
    called = TicketChange(**{**issued.__dict__, "state": TicketState.CALLED, "counter": "2",
                             "queue": "ktp-el", "called_at": clock()})
    feed.apply(plaza.store, [called, called], None, clock())  # twice: changes nothing more
    with plaza.store.read() as session:
        row = session.scalars(select(TicketRow)).one()
        assert (row.device_id, row.state, row.counter) == ("kiosk-b", TicketState.CALLED, "2")
        events = session.scalars(select(TicketEventRow.state).order_by(TicketEventRow.id)).all()
        assert events == [TicketState.WAITING, TicketState.CALLED]
