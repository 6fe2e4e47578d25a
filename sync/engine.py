"""The sync engine: drains the kiosk's outbox to the city API. No Qt; the UI runs it on a
worker thread and shows its status."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk import outbox
from kiosk.store.db import Store
from sync.client import CityClient, Offline
from sync.protocol import MAX_BATCH, Op

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushReport:
    sent: int = 0
    acknowledged: int = 0
    rejected: int = 0
    offline: bool = False


def push_outbox(store: Store, client: CityClient, batch_size: int = MAX_BATCH) -> PushReport:
    """Send what the outbox holds, oldest first, until it is empty or the network fails.

    An op leaves the outbox only when the server answers for it: applied or duplicate
    (it holds the op), or rejected (kept aside, with the reason, never sent again).
    `Unauthorized` and `Refused` propagate: the caller shows them to staff.
    """
    sent = acknowledged = rejected = 0
    while batch := outbox.pending(store, batch_size):
        ops = [Op(op_id=item.op_id, kind=item.kind, payload=item.payload) for item in batch]
        try:
            answer = client.send_ops(ops)
        except Offline as error:
            outbox.note_failure(store, [item.op_id for item in batch], str(error))
            return PushReport(sent, acknowledged, rejected, offline=True)
        sent += len(ops)
        held = [str(r.op_id) for r in answer.results if r.status in ("applied", "duplicate")]
        outbox.acknowledge(store, held)
        acknowledged += len(held)
        refused = [r for r in answer.results if r.status == "rejected"]
        for result in refused:
            outbox.reject(store, str(result.op_id), result.reason or "rejected", datetime.now(UTC))
            log.warning("the city server rejected op %s: %s", result.op_id, result.reason)
        rejected += len(refused)
        if not held and not refused:
            break  # an answer that moves nothing: stop rather than loop
    return PushReport(sent, acknowledged, rejected)
