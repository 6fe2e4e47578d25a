"""The watchdog's heartbeat from the GUI thread: a QTimer calls `ping`, so a blocked or frozen
event loop stops the pings and systemd restarts the app. (A worker thread would keep pinging
a hung window.) Qt-free callers give the ping: plaza_kiosk/sd_notify.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class GuiThreadPinger(QObject):
    def __init__(self, ping: Callable[[], None], interval_s: float,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ping = ping
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(interval_s * 1000)))
        self._timer.timeout.connect(ping)

    def start(self) -> None:
        self._ping()  # at once: the first screen is painted, the loop is running
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()
