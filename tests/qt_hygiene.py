"""Test hygiene, as napari keeps it: a test that leaves a QThread running or a QTimer ticking
fails, so a window's dispose() that forgets a worker is caught here, not on a kiosk that has
been up for a week.

Only threads and timers started from Python during the test are watched (every one of ours).
"""

from __future__ import annotations

import pytest

_started: list = []  # QThreads and QTimers started during the current test


def _watch() -> None:
    from PySide6.QtCore import QThread, QTimer

    for cls in (QThread, QTimer):
        original = cls.start

        def start(self, *args, _original=original):
            _started.append(self)
            return _original(self, *args)

        cls.start = start


def pytest_configure(config: pytest.Config) -> None:
    _watch()


def _still_running() -> list[str]:
    from PySide6.QtCore import QCoreApplication, QEvent, QThread
    from shiboken6 import isValid

    if QCoreApplication.instance() is not None:  # let closed widgets really go
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    running = []
    for thing in _started:
        if not isValid(thing):
            continue  # deleted with its parent: stopped
        if isinstance(thing, QThread):
            if thing.isRunning() and not thing.wait(1000):  # a moment to finish its last job
                running.append(f"QThread {thing.objectName() or '(unnamed)'}")
        elif thing.isActive():
            parent = thing.parent()
            running.append(f"QTimer every {thing.interval()} ms of "
                           f"{type(parent).__name__ if parent is not None else 'no parent'}")
    return running


@pytest.fixture(autouse=True)
def qt_workers_stopped():
    _started.clear()
    yield
    running = _still_running()
    _started.clear()
    if running:
        pytest.fail("left running after the test: " + "; ".join(running), pytrace=False)
