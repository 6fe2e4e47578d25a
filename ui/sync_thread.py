"""Runs the sync engine on its own network thread (as Anki keeps network apart from the DB
executor) and tells the UI, by signal, whether the kiosk is online and when it last synced."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from kiosk.config import Config
from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient, Offline, Refused, SyncError, Unauthorized
from sync.credentials import Enrolment
from sync.engine import pull_changes, push_outbox, top_up_leases
from sync.status import SyncStatus

log = logging.getLogger(__name__)

INTERVAL_MS = 4000  # a ticket issued offline is sent within this after the network returns


class _Worker(QObject):
    status = Signal(object)  # SyncStatus
    catalogChanged = Signal()

    def __init__(self, plaza: LocalPlaza, enrolment: Enrolment, lease_size: int,
                 allowed_hosts: tuple[str, ...]) -> None:
        super().__init__()
        self._plaza = plaza
        self._store = plaza.store
        self._lease_size = lease_size
        self._allowed_hosts = allowed_hosts
        self._client = CityClient(enrolment.server, enrolment.token, retries=1)
        self._last_sync: datetime | None = None
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.run_once)
        self._timer.start()
        self.run_once()

    @Slot()
    def run_once(self) -> None:
        problem = ""
        try:
            stopping = QThread.currentThread().isInterruptionRequested
            report = push_outbox(self._store, self._client, should_stop=stopping,
                                 clock=self._plaza.clock)
            online = not report.offline
            if online and not stopping():
                top_up_leases(self._plaza, self._client, self._lease_size)
                pulled = pull_changes(self._plaza, self._client, self._allowed_hosts, stopping)
                if pulled.catalog_changed:
                    self.catalogChanged.emit()
        except Offline:
            online = False
        except Unauthorized as error:
            online, problem = False, f"The city server refused this device's token: {error}"
        except (Refused, SyncError) as error:
            online, problem = True, f"The city server refused a request: {error}"
        except Exception as error:  # the store, most likely; never let the thread die
            log.exception("sync failed")
            online, problem = False, f"{type(error).__name__}: {error}"
        if online and not problem:
            self._last_sync = self._plaza.clock()
        self.status.emit(SyncStatus(online, self._last_sync, problem))

    @Slot()
    def stop(self) -> None:
        """Runs on the worker's thread: stop the timer, close the session, end the loop."""
        if self._timer is not None:
            self._timer.stop()
        self._client.close()
        QThread.currentThread().quit()


class SyncThread(QObject):
    statusChanged = Signal(object)  # SyncStatus, on the UI thread
    catalogChanged = Signal()  # the city server's newer catalog is in the store
    _nudge = Signal()
    _stop = Signal()

    def __init__(self, plaza: LocalPlaza, enrolment: Enrolment, config: Config,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("sync")
        self._worker = _Worker(plaza, enrolment, config.sync.lease_size, config.qr.allowed_hosts)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._nudge.connect(self._worker.run_once)
        self._stop.connect(self._worker.stop)  # queued: runs after a call in progress
        self._worker.status.connect(self.statusChanged)
        self._worker.catalogChanged.connect(self.catalogChanged)
        self._thread.start()

    def nudge(self) -> None:
        """Send now (a ticket was just issued) rather than at the next tick."""
        self._nudge.emit()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Ask the worker to finish (between batches) and wait a bounded time. Never blocks
        longer than `timeout_ms`; False if the worker is still in a network call."""
        if not self._thread.isRunning():
            return True
        self._thread.requestInterruption()
        self._stop.emit()
        if self._thread.wait(timeout_ms):
            return True
        log.error("the sync thread is still in a network call; leaving it to finish")
        return False
