"""The one Qt bridge to the sync loop (sync/loop.py): the loop runs on a thread of its own and
every `SyncEvent` it reports is re-emitted as a signal on the UI thread.

A plain daemon thread rather than a QThread: a long-poll can hold the thread for up to
`LONG_POLL` seconds, and the app must be able to quit meanwhile without waiting for it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient
from sync.credentials import Enrolment
from sync.loop import LONG_POLL, SyncLoop
from sync.status import SyncEvent


class SyncBridge(QObject):
    event = Signal(object)  # SyncEvent, delivered on the UI thread

    def __init__(self, plaza: LocalPlaza, enrolment: Enrolment, allowed_hosts: tuple[str, ...],
                 parent: QObject | None = None, *, lease_size: int | None = None,
                 wait: float = LONG_POLL) -> None:
        super().__init__(parent)
        self._client = CityClient(enrolment.server, enrolment.token, retries=1)
        self._loop = SyncLoop(plaza, self._client, allowed_hosts, self._deliver,
                              lease_size=lease_size, wait=wait)
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def nudge(self) -> None:
        """A round now rather than after the current poll (a ticket was just issued)."""
        self._loop.nudge()

    def _run(self) -> None:
        try:
            self._loop.run()
        finally:
            self._client.close()

    def _deliver(self, event: SyncEvent) -> None:
        try:
            self.event.emit(event)  # queued to the UI thread: this object lives there
        except RuntimeError:  # the window is gone while a long-poll was still out
            self._loop.stop()

    def stop(self, timeout: float = 1.0) -> bool:
        """Ask the loop to end; True if it did within `timeout`. It may be in a long-poll or a
        hung call, which ends by itself; the caller then leaves the store open for it."""
        self._loop.stop()
        if self._thread.ident is None:  # never started
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()
