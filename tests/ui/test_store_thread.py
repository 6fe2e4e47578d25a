"""The store thread: jobs run off the UI thread, results come back on it, and a failure whose
caller gave no handler still reaches staff (never nowhere)."""

from __future__ import annotations

import threading

from ui.store_thread import StoreThread


def test_results_come_back_on_the_ui_thread(qtbot) -> None:
    worker = StoreThread()
    ran_on, delivered_on = [], []

    def job() -> int:
        ran_on.append(threading.current_thread())
        return 42

    worker.submit(job, lambda result: delivered_on.append((threading.current_thread(), result)))
    qtbot.waitUntil(lambda: bool(delivered_on), timeout=5000)
    assert worker.stop()
    assert ran_on[0] is not threading.main_thread()
    assert delivered_on == [(threading.main_thread(), 42)]


def test_a_failure_without_a_handler_is_reported(qtbot) -> None:
    worker = StoreThread()

    def broken() -> None:
        raise OSError("disk I/O error")

    with qtbot.waitSignal(worker.unhandled, timeout=5000) as reported:
        worker.submit(broken, lambda _result: None)
    assert worker.stop()
    assert reported.args == ["OSError: disk I/O error"]


def test_the_kiosk_puts_such_a_failure_in_the_staff_notes(qtbot, window) -> None:
    def broken() -> None:
        raise OSError("database disk image is malformed")

    window.model.store.submit(broken, lambda _result: None)
    qtbot.waitUntil(lambda: any("malformed" in line for line in window.model.notes.errors),
                    timeout=5000)
