"""Issuing a ticket on an enrolled kiosk: the city server's number when it answers in time,
else a number made here, so a visitor never waits on the network (DESIGN §4).

The server has the last word: when it *answers* no (the quota is full, the service closed,
this kiosk revoked), the visitor is told why and gets no number. Only silence — no answer in
time — lets the kiosk number on its own, from its leases, then with its tag.

Runs on a worker thread (never the UI's). Without a server (a kiosk standing alone) it is
simply the local plaza's own numbering.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.config import OPTIONS
from kiosk.local_plaza import IssuedTicket, IssueRefused, LocalPlaza
from kiosk.vocabulary import Priority

if TYPE_CHECKING:
    from sync.client import CityClient

log = logging.getLogger(__name__)

ONLINE_BUDGET: float = OPTIONS["sync"]["online_wait"].default  # declared with the config
OFFLINE_PAUSE = 30.0  # after the server did not answer, number here for this long


class TicketDesk:
    def __init__(self, plaza: LocalPlaza, client: CityClient | None, *,
                 budget: float = ONLINE_BUDGET, pause: float = OFFLINE_PAUSE,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.plaza = plaza
        self.client = client
        self.budget = budget
        self.pause = pause
        self._clock = clock
        self._ask_again_at = 0.0

    def server_answered(self) -> None:
        """The sync engine reached the server: ask it for numbers again from now on."""
        self._ask_again_at = 0.0

    def issue(self, service_code: str, priority: Priority | None = None
              ) -> IssuedTicket | IssueRefused:
        draft = self.plaza.prepare_ticket(service_code, priority)
        if isinstance(draft, IssueRefused):
            return draft
        if self.client is None or self._clock() < self._ask_again_at:
            return self.plaza.record_ticket(draft)
        # Loaded with the client (an enrolled kiosk), not at each start: requests is heavy.
        from sync.client import Offline, SyncError
        from sync.protocol import Numbered, TicketTake

        take = TicketTake(id=draft.id, public_code=draft.public_code, service=draft.service_code,
                          service_day=draft.service_day, priority=draft.priority,
                          issued_at=draft.issued_at, device_id=self.plaza.device_id)
        self.plaza.hold_withdrawal(draft)  # durable before the server can make the ticket
        try:
            answer = self.client.take_number(take, within=self.budget)
        except Offline as error:
            # The request may have reached the server: this visitor's ticket gets a new
            # identity, and the old one is withdrawn (cancelled there if it was made).
            log.info("no number from the city server in time (%s); numbering here", error)
            self._ask_again_at = self._clock() + self.pause
            return self.plaza.record_ticket(draft.renewed(), withdrawn=draft.id)
        except SyncError as error:  # refused, token revoked: the server made nothing
            log.warning("the city server refused to number a ticket: %s", error)
            self.plaza.drop_withdrawal(draft)
            return self.plaza.refused_by_server(draft.service_code, None)
        if answer.status == "rejected" or not isinstance(answer.result, Numbered):
            log.info("the city server gives no number for %s: %s", draft.service_code,
                     answer.reason)
            self.plaza.drop_withdrawal(draft)
            return self.plaza.refused_by_server(draft.service_code, answer.problem)
        return self.plaza.record_ticket(draft, numbered=(answer.result.sequence,
                                                         answer.result.number))
