"""A counter console's action as one job (DESIGN §4: calling needs the authority): act on the
city server, keep its answer in the local store, and read the counter's new view, so the UI
gets one result back instead of hopping between its network and store threads.

No Qt: the console runs `act` on its network thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kiosk import feed
from kiosk.calls import CounterMode, CounterView
from kiosk.hall import counter_view
from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient
from sync.protocol import CounterAct, OpResult, TicketActed

ACT_WAIT = 5.0  # seconds an action may take, retries included, before "no connection"


@dataclass(frozen=True)
class Shift:
    """Who works at which counter, as the console knows it after a sign-in."""

    session: str  # the staff session token the server gave
    staff_name: str
    counter: str
    mode: CounterMode = "open"


@dataclass(frozen=True)
class Acted:
    result: OpResult  # applied, or rejected with a `problem` code for staff
    view: CounterView  # the counter as it stands after the action (online: it just answered)


def act(plaza: LocalPlaza, client: CityClient, shift: Shift, action: str, ticket: str = "",
        service: str | None = None) -> Acted:
    """Send one action (exactly once under a new id), keep the ticket the server answers with
    in the local store (the change feed brings it again; applying twice changes nothing), and
    return the counter's view. Raises the client's errors (`Offline`, `Unauthorized`, …)."""
    request = CounterAct(id=uuid.uuid4(), action=action,
                         ticket=uuid.UUID(ticket) if ticket else None, service=service)
    result = client.act(shift.session, request, within=ACT_WAIT)
    now = plaza.clock()
    if result.status != "rejected" and isinstance(result.result, TicketActed):
        feed.apply(plaza.store, [result.result.ticket], None, now)
    return Acted(result, counter_view(plaza, shift.counter, shift.staff_name, shift.mode,
                                      True, now))
