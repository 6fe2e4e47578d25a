"""Closing the kiosk never hangs on the network: the sync loop stops within its bound."""

from __future__ import annotations

import socket
import time

from kiosk.config import load_config
from sync.credentials import Enrolment
from ui.sync_bridge import SyncBridge


def test_stopping_during_a_hung_call_is_bounded(qtbot, plaza) -> None:
    plaza.issue_ticket("ktp-el")  # something to send
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""})
        sync = SyncBridge(plaza, Enrolment(url, "d", "p", "kiosk", "t", "A0"),
                          config.qr.allowed_hosts, lease_size=config.sync.lease_size)
        sync.start()
        silent.settimeout(10)
        held, _ = silent.accept()  # the first send is now waiting for an answer
        started = time.monotonic()
        stopped = sync.stop(timeout=0.5)
        assert time.monotonic() - started < 2
        assert stopped is False  # honest: still in the call, so the store must stay open
        held.close()
    # The silent server is gone: the call fails at once and the thread ends.
    qtbot.waitUntil(lambda: sync.stop(timeout=0.1), timeout=30_000)
    assert sync.stop() is True  # idempotent once stopped
