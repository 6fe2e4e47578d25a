"""The live feed (sync/live.py) on a thread of its own, its updates re-emitted as a Qt signal
on the UI thread (as Electrum's Qt listener does for its network core).

A plain daemon thread rather than a QThread: a long-poll can hold the thread for up to
`LONG_POLL` seconds, and the app must be able to quit meanwhile without waiting for it.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient
from sync.credentials import Enrolment
from sync.live import LiveFeed, LiveUpdate

log = logging.getLogger(__name__)


class LiveThread(QObject):
    updated = Signal(object)  # LiveUpdate, delivered on the UI thread

    def __init__(self, plaza: LocalPlaza, enrolment: Enrolment, allowed_hosts: tuple[str, ...],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = CityClient(enrolment.server, enrolment.token, retries=1)
        self._feed = LiveFeed(plaza, self._client, allowed_hosts, self._deliver)
        self._thread = threading.Thread(target=self._feed.run, name="live-feed", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _deliver(self, update: LiveUpdate) -> None:
        try:
            self.updated.emit(update)  # queued to the UI thread: this object lives there
        except RuntimeError:  # the window is gone while a long-poll was still out
            self._feed.stop()

    def stop(self, timeout: float = 1.0) -> bool:
        """Ask the loop to end; True if it did within `timeout` (it may be in a long-poll,
        which ends by itself; the caller then leaves the store open for it)."""
        self._feed.stop()
        self._thread.join(timeout)
        return not self._thread.is_alive()
