"""The sync engine: drains the kiosk's outbox to the city API. No Qt; the UI runs it on a
worker thread and shows its status."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from pydantic import ValidationError

from kiosk import feed, leases, outbox
from kiosk.calls import Call
from kiosk.local_plaza import LocalPlaza
from kiosk.service_day import Clock
from kiosk.store.db import Store
from sync.client import CityClient, CursorGone, Offline, Refused
from sync.protocol import MAX_BATCH, LeaseRequest, Op, read_changes

LEASES_PER_REQUEST = 100

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushReport:
    sent: int = 0
    acknowledged: int = 0
    rejected: int = 0
    offline: bool = False


def push_outbox(plaza: LocalPlaza, client: CityClient, batch_size: int = MAX_BATCH,
                should_stop: Callable[[], bool] = lambda: False) -> PushReport:
    """Send what the outbox holds, oldest first, until it is empty, the network fails, or
    `should_stop()` says so (checked between batches).

    An op leaves the outbox only when the server answers for it: applied or duplicate
    (it holds the op), or rejected (kept aside, with the reason, never sent again). A batch
    the server refuses as a whole is retried one op at a time, so one op it cannot read never
    blocks the rest. `Unauthorized` propagates: the caller shows it to staff.
    """
    store, clock = plaza.store, plaza.clock
    report = PushReport()
    while not should_stop() and (batch := outbox.pending(store, batch_size, clock())):
        try:
            moved = _send(store, client, batch, clock)
        except Offline as error:
            outbox.note_failure(store, [item.op_id for item in batch], str(error))
            return replace(report, offline=True)
        except Refused as error:
            if len(batch) == 1:  # this op is the one the server cannot take
                outbox.reject(store, batch[0].op_id, f"refused: {error}", clock())
                moved = PushReport(sent=1, rejected=1)
            else:
                moved = PushReport()
                for item in batch:
                    try:
                        moved = _add(moved, _send(store, client, [item], clock))
                    except Refused as single:
                        outbox.reject(store, item.op_id, f"refused: {single}", clock())
                        moved = _add(moved, PushReport(sent=1, rejected=1))
        report = _add(report, moved)
        if moved.acknowledged + moved.rejected == 0:
            break  # nothing changed in the outbox: stop rather than loop
    return report


def _add(a: PushReport, b: PushReport) -> PushReport:
    return PushReport(a.sent + b.sent, a.acknowledged + b.acknowledged, a.rejected + b.rejected,
                      a.offline or b.offline)


def _send(store: Store, client: CityClient, batch: list[outbox.PendingOp],
          clock: Clock) -> PushReport:
    """One request; returns how many outbox rows it really moved (acknowledged or rejected)."""
    try:
        ops = [Op(op_id=item.op_id, kind=item.kind, payload=item.payload) for item in batch]
    except ValidationError as error:  # an op this version cannot even express
        raise Refused(f"not a protocol op: {error.errors()[0]['msg']}") from None
    sent = {str(op.op_id) for op in ops}
    answer = client.send_ops(ops)
    answers = [r for r in answer.results if str(r.op_id) in sent]  # ignore ids never sent
    held = [str(r.op_id) for r in answers if r.status in ("applied", "duplicate")]
    acknowledged = outbox.acknowledge(store, held)
    rejected = 0
    for result in answers:
        if result.status == "rejected":
            rejected += outbox.reject(store, str(result.op_id), result.reason or "rejected",
                                      clock())
            log.warning("the city server rejected op %s: %s", result.op_id, result.reason)
    return PushReport(len(ops), acknowledged, rejected)


def top_up_leases(plaza: LocalPlaza, client: CityClient, size: int) -> int:
    """Keep at least half a block of leased numbers for every service, today and tomorrow
    (so tomorrow's are in hand before midnight). Returns how many blocks were added."""
    today = plaza.today()
    days = (today, today + timedelta(days=1))
    left = leases.numbers_left(plaza.store, days)
    wanted = [LeaseRequest(id=uuid.uuid4(), service=service.code, service_day=day, size=size)
              for day in days for service in plaza.catalog().services
              if left.get((service.code, day), 0) < size // 2 + 1]
    granted = 0
    for start in range(0, len(wanted), LEASES_PER_REQUEST):
        answer = client.take_leases(wanted[start:start + LEASES_PER_REQUEST])
        # Kept per request: if a later one fails, the blocks already given are not wasted.
        leases.keep(plaza.store, [leases.LeasedBlock(str(b.id), b.service, b.service_day,
                                                     b.first, b.last) for b in answer.leases],
                    today)
        granted += len(answer.leases)
        for reason in answer.refused:
            log.warning("the city server gave no lease: %s", reason)
    return granted


@dataclass(frozen=True)
class PullReport:
    changes: int = 0
    snapshot: bool = False
    catalog_changed: bool = False
    calls: tuple[Call, ...] = ()  # calls to counters that came in (not from a snapshot)


def pull_changes(plaza: LocalPlaza, client: CityClient, allowed_hosts: tuple[str, ...],
                 should_stop: Callable[[], bool] = lambda: False, wait: float = 0) -> PullReport:
    """Bring the local store up to the city server's change feed: from the saved cursor, or
    from a snapshot when there is none or the server no longer knows it (410). A newer
    catalog is fetched with its ETag and replaces the local one. With `wait`, the first
    request is a long-poll: it returns as soon as something changes, or after `wait` s."""
    store = plaza.store
    now = plaza.clock()
    cursor = feed.setting(store, feed.CURSOR)
    wanted_etag, applied = None, 0
    calls: list[Call] = []
    try:
        if cursor is None:
            raise CursorGone("no cursor yet")
        while not should_stop():
            page = client.changes(cursor, wait=wait)
            wait = 0  # the following pages are there already
            now = plaza.clock()
            got = feed.apply(store, read_changes(page.changes), page.next_cursor, now)
            wanted_etag = got.catalog_etag or wanted_etag
            calls.extend(got.calls)
            applied += len(page.changes)
            cursor = page.next_cursor
            if not page.has_more:
                break
    except CursorGone as why:
        log.info("change feed: taking a snapshot (%s)", why)
        snap = client.snapshot()
        # The catalog first: tickets of services this device does not know yet are skipped.
        catalog_changed = _refresh_catalog(plaza, client, allowed_hosts, snap.catalog_etag)
        feed.apply(store, [*snap.tickets, *snap.overrides], snap.cursor, now,
                   overrides_from=plaza.today())
        return PullReport(applied, True, catalog_changed, tuple(calls))
    catalog_changed = _refresh_catalog(plaza, client, allowed_hosts, wanted_etag)
    return PullReport(applied, False, catalog_changed, tuple(calls))


def _refresh_catalog(plaza: LocalPlaza, client: CityClient, allowed_hosts: tuple[str, ...],
                     wanted_etag: str | None) -> bool:
    """Fetch the catalog when the server names a version this store does not hold."""
    held = feed.setting(plaza.store, feed.CATALOG_ETAG) or None
    if not wanted_etag or wanted_etag == held:
        return False
    fetched = client.catalog(held)
    if fetched is None:
        return False
    etag, document = fetched
    for problem in plaza.replace_catalog(document, allowed_hosts, etag):
        log.warning("catalog from the city server: %s", problem)
    return True
