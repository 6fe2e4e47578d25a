"""The systemd watchdog's heartbeat comes from the GUI thread: with the event loop blocked, the
pings stop (so systemd restarts a frozen kiosk); they come back when it runs again. A real
event loop, a real notify socket (a datagram socket as systemd's), no systemd needed."""

from __future__ import annotations

import socket
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from plaza_kiosk import sd_notify
from ui.app import keep_alive


class NotifySocket:
    """Listens like systemd's notify socket and keeps every message with its arrival time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.messages: list[tuple[float, str]] = []
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(path))
        self._socket.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._socket.recv(4096)
            except TimeoutError:
                continue
            self.messages.append((time.monotonic(), data.decode()))

    def pings(self) -> list[float]:
        return [at for at, text in self.messages if "WATCHDOG=1" in text.splitlines()]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._socket.close()


@pytest.fixture
def notify(tmp_path: Path):
    listener = NotifySocket(tmp_path / "notify.sock")
    yield listener
    listener.close()


@pytest.fixture(autouse=True)
def _no_link_left(monkeypatch) -> None:
    monkeypatch.setattr(sd_notify, "_active", None)  # this process's link ends with the test


def test_pings_stop_while_the_gui_thread_is_blocked(qtbot, qapp, notify) -> None:
    environ = {"NOTIFY_SOCKET": str(notify.path), "WATCHDOG_USEC": "100000", "WATCHDOG_PID": "1"}
    link = sd_notify.connect(environ)
    assert link is not None and link.interval == pytest.approx(0.05)
    assert environ == {}  # taken out: the players the app starts never notify in its name
    window = QLabel("home")
    qtbot.addWidget(window)
    pinger = keep_alive(window, lambda: link.send("READY=1"), link.ping, link.interval)
    window.show()
    qtbot.waitUntil(lambda: len(notify.pings()) >= 4, timeout=5000)
    assert notify.messages[0][1] == "READY=1"  # after the first paint, before any ping

    blocked_from = time.monotonic()
    QTimer.singleShot(0, lambda: time.sleep(0.6))  # the GUI thread hangs for 0.6 s
    qtbot.wait(50)  # the loop runs the hang
    blocked_until = blocked_from + 0.6
    qtbot.waitUntil(lambda: any(at > blocked_until + 0.1 for at in notify.pings()), timeout=5000)

    pings = notify.pings()
    during = [at for at in pings if blocked_from + 0.1 < at < blocked_until - 0.05]
    assert during == [], "a ping went out while the GUI thread was blocked"
    assert max(b - a for a, b in pairwise(pings)) >= 0.45  # the gap systemd sees
    pinger.stop()
    link.close()


def test_nothing_happens_without_systemd() -> None:
    assert sd_notify.connect({}) is None
    assert sd_notify.connect({"NOTIFY_SOCKET": "not-a-socket-address"}) is None
    assert sd_notify.watchdog_interval({"WATCHDOG_USEC": "6000000"}) == 3.0
    assert sd_notify.watchdog_interval({"WATCHDOG_USEC": "0"}) is None


def test_an_abstract_socket_address_is_reached(qapp) -> None:
    name = f"plaza-test-{time.monotonic_ns()}"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind("\0" + name)
    listener.settimeout(2)
    try:
        link = sd_notify.connect({"NOTIFY_SOCKET": "@" + name})
        assert link is not None and link.send("READY=1", "STATUS=kiosk: first screen painted")
        assert listener.recv(4096) == b"READY=1\nSTATUS=kiosk: first screen painted"
        link.close()
    finally:
        listener.close()
