"""The real kiosk process under a notify socket, as systemd starts it (Type=notify,
WatchdogSec): READY=1 after its first screen, WATCHDOG=1 while it runs, silence while it is
frozen (SIGSTOP), pings again after SIGCONT, STOPPING=1 on SIGTERM. systemd itself is not
needed: the socket here listens as its notify socket does."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def receive_until(listener: socket.socket, wanted: str, within: float) -> list[tuple[float, str]]:
    got = []
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            text = listener.recv(4096).decode()
        except TimeoutError:
            continue
        got.append((time.monotonic(), text))
        if wanted in text.splitlines():
            return got
    raise AssertionError(f"no {wanted} within {within} s; got {got}")


def test_the_kiosk_tells_systemd_it_is_alive_only_while_it_runs(tmp_path: Path) -> None:
    address = tmp_path / "notify.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(address))
    listener.settimeout(0.1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLAZA_KIOSK")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "PLAZA_KIOSK__DATA__DIR": str(tmp_path / "data"),
            "NOTIFY_SOCKET": str(address), "WATCHDOG_USEC": "400000", "HOME": str(tmp_path)}
    # In kiosk mode, as systemd runs it: its window refuses every close, not a stop.
    kiosk = subprocess.Popen([sys.executable, "-m", "plaza_kiosk", "kiosk"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = receive_until(listener, "READY=1", 60)
        assert not any("WATCHDOG=1" in text for _, text in ready[:-1])  # nothing before the paint
        receive_until(listener, "WATCHDOG=1", 2)
        receive_until(listener, "WATCHDOG=1", 2)  # every 0.2 s (half of WatchdogSec)

        kiosk.send_signal(signal.SIGSTOP)  # frozen, as a hung GUI thread
        time.sleep(0.1)
        while True:  # drain what was sent before the stop took effect
            try:
                listener.recv(4096)
            except TimeoutError:
                break
        silent_from = time.monotonic()
        listener.settimeout(1.0)
        try:
            late = listener.recv(4096)
        except TimeoutError:
            late = None
        assert late is None, f"a frozen kiosk pinged: {late!r}"
        assert time.monotonic() - silent_from >= 0.9  # systemd would have killed it by now
        listener.settimeout(0.1)

        kiosk.send_signal(signal.SIGCONT)
        receive_until(listener, "WATCHDOG=1", 3)
        kiosk.send_signal(signal.SIGTERM)
        receive_until(listener, "STOPPING=1", 10)
        assert kiosk.wait(15) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        listener.close()
