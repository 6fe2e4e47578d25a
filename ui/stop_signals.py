"""A device asked to stop from outside (a service manager's SIGTERM, the demo ending, Ctrl+C)
quits its event loop like a closed window, so its threads stop and its store closes cleanly."""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer


class _Wakeup(QObject):
    """Qt's event loop runs no Python code of its own accord, so a Python signal handler would
    wait for the next timer; the signal's byte on this socket wakes the loop at once."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        # Python runs the handler (app.quit) before this; only empty the socket.
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass


def quit_on_stop_signals(app: QCoreApplication) -> None:
    """SIGTERM and SIGINT quit `app`'s event loop (call from the main thread)."""
    _Wakeup(app)
    for number in (signal.SIGTERM, signal.SIGINT):
        # exit(), not quit(): Qt 6 lets a window refuse quit() by ignoring its close, and a
        # kiosk window in kiosk mode refuses every close (Alt+F4); a stop from outside is final.
        # A signal before the event loop runs (the kiosk still loading its store) is kept
        # for it: exit() alone is ignored while no loop runs.
        signal.signal(number, lambda _number, _frame: (
            app.exit(0), QTimer.singleShot(0, lambda: app.exit(0))))
