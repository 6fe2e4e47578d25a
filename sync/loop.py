"""The device's one sync loop (DESIGN §4), the same on a kiosk, a counter console and the
display board: send the outbox, keep the kiosk's number leases topped up, and follow the city
server's change feed by long-poll, applying each page to the local store, so the device shows
the last known state when the network goes. Every round ends in one `SyncEvent`.

No Qt: ui/sync_bridge.py runs `SyncLoop.run` on a thread of its own and re-emits the events
on the UI thread (as Electrum's Qt listener does for its network core).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient, Offline, Outdated, SyncError, Unauthorized, backoff
from sync.engine import pull_changes, push_outbox, top_up_leases
from sync.status import SyncEvent

log = logging.getLogger(__name__)

LONG_POLL = 20.0  # seconds the server may hold a request; well under any proxy's idle limit
KIOSK_POLL = 4.0  # a kiosk's long-poll: its outbox waits at most this long behind a poll
MAX_RETRY_WAIT = 5.0  # seconds between tries while offline: back on its own, soon


class SyncLoop:
    """`lease_size`: a kiosk keeps that many numbers leased per service for offline issuing
    (None: a console or a board, which issue nothing). `wait`: how long each long-poll may be
    held. `nudge()` asks for a round without waiting (a ticket was just issued)."""

    def __init__(self, plaza: LocalPlaza, client: CityClient, allowed_hosts: tuple[str, ...],
                 on_event: Callable[[SyncEvent], None], *, lease_size: int | None = None,
                 wait: float = LONG_POLL) -> None:
        self._plaza = plaza
        self._client = client
        self._hosts = allowed_hosts
        self._on_event = on_event
        self._lease_size = lease_size
        self._wait = wait
        self._stopping = threading.Event()
        self._nudged = threading.Event()
        self._wake = threading.Condition()
        self.last_sync: datetime | None = None

    def stop(self) -> None:
        self._stopping.set()
        self.nudge()

    def nudge(self) -> None:
        with self._wake:
            self._nudged.set()
            self._wake.notify_all()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run(self) -> None:
        """Until `stop()`: rounds back to back (each long-poll waits for news); while offline,
        retry with backoff."""
        failures = 0
        while not self.stopping:
            # The first round, one after a failure and one asked for do not wait: the screen
            # shows the state (and that it is online again) at once.
            quick = failures > 0 or self.last_sync is None or self._nudged.is_set()
            self._nudged.clear()
            try:
                event = self._round(wait=0 if quick else self._wait)
            except Exception as error:
                if self.stopping:  # the app is closing: a cut-off long-poll is no news
                    return
                failures += 1
                self._on_event(SyncEvent(_answered(error), self.last_sync,
                                         problem=self._problem(error, failures)))
                pause = 0.5 + backoff(failures) if isinstance(error, Offline) else MAX_RETRY_WAIT
                self._pause(min(MAX_RETRY_WAIT, pause))
                continue
            if failures:
                log.info("sync: the city server answers again")
            failures = 0
            self._on_event(event)

    def _round(self, wait: float) -> SyncEvent:
        stopping = lambda: self.stopping  # noqa: E731
        pushed = push_outbox(self._plaza, self._client, should_stop=stopping)
        if pushed.offline:
            raise Offline("the outbox could not be sent")
        if self._lease_size is not None and not self.stopping:
            top_up_leases(self._plaza, self._client, self._lease_size)
        report = pull_changes(self._plaza, self._client, self._hosts, stopping, wait=wait)
        self.last_sync = self._plaza.clock()
        return SyncEvent(True, self.last_sync,
                         changed=bool(report.changes or report.snapshot or report.catalog_changed
                                      or pushed.acknowledged or pushed.rejected),
                         catalog_changed=report.catalog_changed, calls=report.calls)

    def _pause(self, seconds: float) -> None:
        """Wait before the next try; a nudge or a stop ends the wait early."""
        with self._wake:
            self._wake.wait_for(self._nudged.is_set, timeout=seconds)

    @staticmethod
    def _problem(error: Exception, failures: int) -> str:
        """What staff should know of a failed round ("" when merely offline); logged once."""
        if isinstance(error, Offline):
            if failures == 1:
                log.warning("sync: the city server does not answer (%s)", error)
            return ""
        if isinstance(error, Unauthorized):
            return f"The city server refused this device's token: {error}"
        if isinstance(error, Outdated):
            return f"This device needs an update: {error}"
        if isinstance(error, SyncError):
            return f"The city server refused a request: {error}"
        log.error("sync failed", exc_info=error)  # the store, most likely
        return f"{type(error).__name__}: {error}"


def _answered(error: Exception) -> bool:
    """The server answered, but refused: the device is online, with a problem for staff."""
    return isinstance(error, SyncError) and not isinstance(error, Offline | Unauthorized)
