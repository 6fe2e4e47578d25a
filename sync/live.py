"""Following the city server live, for the display board and the counter consoles: a loop of
long-polls on the change feed, each applied to the local store (the last known state when
the network goes), with every update handed to a callback.

No Qt: the UI runs `LiveFeed.run` on a thread of its own and re-emits the updates as signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.calls import Call
from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient, Offline, SyncError, Unauthorized, backoff
from sync.engine import pull_changes

log = logging.getLogger(__name__)

LONG_POLL = 20.0  # seconds the server may hold a request; well under any proxy's idle limit
MAX_RETRY_WAIT = 5.0  # seconds between tries while offline: back on its own, soon


@dataclass(frozen=True)
class LiveUpdate:
    online: bool
    last_sync: datetime | None
    calls: tuple[Call, ...] = ()  # new calls to announce, oldest first
    changed: bool = False  # the store changed: redraw
    problem: str = ""  # for staff: a refused token, a refused request


class LiveFeed:
    def __init__(self, plaza: LocalPlaza, client: CityClient, allowed_hosts: tuple[str, ...],
                 on_update: Callable[[LiveUpdate], None], wait: float = LONG_POLL) -> None:
        self._plaza = plaza
        self._client = client
        self._hosts = allowed_hosts
        self._on_update = on_update
        self._wait = wait
        self._stopping = threading.Event()
        self.last_sync: datetime | None = None

    def stop(self) -> None:
        self._stopping.set()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run(self) -> None:
        """Until `stop()`: long-poll, apply, report; while offline, retry with backoff."""
        failures = 0
        first = True
        while not self.stopping:
            try:
                # The first round, and the first after a failure, do not wait: the screen shows
                # the state (and that it is online again) at once.
                report = pull_changes(self._plaza, self._client, self._hosts,
                                      lambda: self.stopping,
                                      wait=0 if first or failures else self._wait)
            except Exception as error:
                if self.stopping:  # the app is closing: a cut-off long-poll is no news
                    return
                failures += 1
                self._on_update(LiveUpdate(False, self.last_sync, problem=self._problem(
                    error, failures)))
                pause = 0.5 + backoff(failures) if isinstance(error, Offline) else MAX_RETRY_WAIT
                self._stopping.wait(min(MAX_RETRY_WAIT, pause))
                continue
            if failures:
                log.info("live feed: the city server answers again")
            failures, first = 0, False
            self.last_sync = self._plaza.clock()
            self._on_update(LiveUpdate(True, self.last_sync, report.calls,
                                       changed=bool(report.changes or report.snapshot
                                                    or report.catalog_changed)))

    @staticmethod
    def _problem(error: Exception, failures: int) -> str:
        """What staff should know of a failed round ("" when merely offline); logged once."""
        if isinstance(error, Offline):
            if failures == 1:
                log.warning("live feed: the city server does not answer (%s)", error)
            return ""
        if isinstance(error, Unauthorized | SyncError):
            return str(error)
        log.error("live feed failed", exc_info=error)  # the store, most likely
        return f"{type(error).__name__}: {error}"
