"""One thread owns the local store (as Anki's DB executor does); results come back by signal.

The UI thread never touches SQLite: it submits a job and gets a callback on the UI thread.
A second instance, the ticket desk, issues tickets (which may wait up to a second on the
city server) without holding up the store thread's reads for the screens.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from time import monotonic
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class _Worker(QObject):
    done = Signal(int, object, object)  # job id, result, exception

    @Slot(int, object)
    def run(self, job_id: int, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as error:  # reported to the caller, logged with its traceback
            log.exception("store job failed")
            self.done.emit(job_id, None, error)
        else:
            self.done.emit(job_id, result, None)


class StoreThread(QObject):
    """Jobs run one after another on one thread. A job that fails where its caller gave no
    `on_error` is not dropped: `unhandled` carries a one-line account (the traceback is in
    the log) to whoever shows problems to staff."""

    unhandled = Signal(str)
    _submit = Signal(int, object)

    def __init__(self, parent: QObject | None = None, name: str = "store") -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None] | None]] = {}
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._finished)
        self._thread.start()

    def submit(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error)
        self._submit.emit(job_id, job)

    @Slot(int, object, object)
    def _finished(self, job_id: int, result: Any, error: Exception | None) -> None:
        on_done, on_error = self._pending.pop(job_id)
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            self.unhandled.emit(f"{type(error).__name__}: {error}"[:200])

    def wait_idle(self, timeout_ms: int = 5000) -> None:
        """Process events until every submitted job has reported (for screenshots and tests)."""
        end = monotonic() + timeout_ms / 1000
        while self._pending and monotonic() < end:
            QCoreApplication.processEvents()
            QThread.msleep(1)

    def stop(self) -> bool:
        """Finish the job in hand and stop. False if it is still running after 10 s."""
        self._thread.quit()
        if self._thread.wait(10_000):
            return True
        log.error("the store thread did not stop within 10 s; leaving the store open")
        return False
