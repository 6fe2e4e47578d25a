"""systemd's notify protocol in a few lines over its socket: `READY=1` once the first screen is
painted, `WATCHDOG=1` from the GUI thread, and nothing at all where systemd did not start us.

The units (packaging/linux/) are `Type=notify` with `WatchdogSec=`: a frozen window stops the
pings, and systemd kills and restarts the app. Under cage the app is cage's child, not the
unit's main process, so the units say `NotifyAccess=all` and `WATCHDOG_PID` (cage's) is not
required to be ours. Qt-free: the GUI-thread timer is ui/watchdog.py.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

SOCKET_ENV = "NOTIFY_SOCKET"
WATCHDOG_ENV = "WATCHDOG_USEC"
WATCHDOG_PID_ENV = "WATCHDOG_PID"


@dataclass
class SystemdLink:
    """The unit's notify socket, and how often systemd wants to hear from us."""

    address: str
    interval: float | None  # seconds between WATCHDOG=1 (half of WatchdogSec); None: no watchdog
    pings: int = 0
    last_ping: float | None = None  # time.monotonic() of the last WATCHDOG=1
    _socket: socket.socket | None = field(default=None, repr=False)

    def send(self, *lines: str) -> bool:
        """Send one notification (e.g. "READY=1", "STATUS=..."); False when it did not go."""
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._socket.sendto("\n".join(lines).encode(), target)
        except OSError as error:
            log.warning("systemd notify socket %s: %s", self.address, error)
            return False
        return True

    def ping(self) -> None:
        """WATCHDOG=1: the GUI thread is alive (called from its timer, never from a worker)."""
        if self.send("WATCHDOG=1"):
            self.pings += 1
            self.last_ping = time.monotonic()

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


_active: SystemdLink | None = None


def watchdog_interval(environ: Mapping[str, str]) -> float | None:
    """Half of the unit's WatchdogSec (systemd's advice), or None when there is no watchdog."""
    usec = environ.get(WATCHDOG_ENV, "")
    return int(usec) / 2_000_000 if usec.isdigit() and int(usec) > 0 else None


def connect(environ: MutableMapping[str, str] | None = None) -> SystemdLink | None:
    """The link to systemd when it started this process with a notify socket, else None.
    The variables are taken out of the environment, so the players and tools the app starts
    never notify in its name."""
    global _active
    if environ is None and _active is not None:
        return _active  # already connected (the problem screen after a failed start)
    environ = os.environ if environ is None else environ
    address = environ.pop(SOCKET_ENV, "")
    interval = watchdog_interval(environ)
    environ.pop(WATCHDOG_ENV, None)
    environ.pop(WATCHDOG_PID_ENV, None)
    if not address or not (address.startswith(("/", "@"))):
        return None
    _active = SystemdLink(address, interval)
    return _active


def active() -> SystemdLink | None:
    """This process's link to systemd, once `connect` found one (for doctor)."""
    return _active
