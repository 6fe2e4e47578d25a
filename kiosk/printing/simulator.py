"""A thermal printer on loopback, for tests and the demo: a TCP server on 127.0.0.1 that takes
ESC/POS like a network printer's raw port, answers DLE EOT with the status of the mode it is
put in (online, paper near end, paper out, cover open, a cutter fault, silent, slow), can drop
the connection part-way through a job, and keeps every job it received.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.printing.decode import Tokenizer

log = logging.getLogger(__name__)


class Mode(StrEnum):
    ONLINE = "online"
    NEAR_END = "near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    FAULT = "fault"
    SILENT = "silent"  # takes the bytes, never answers


# The answers to DLE EOT 1, 2, 3, 4 (bits 1 and 4 always set), as an Epson-like printer sends.
REPLIES: dict[Mode, tuple[int, int, int, int]] = {
    Mode.ONLINE: (0x12, 0x12, 0x12, 0x12),
    Mode.NEAR_END: (0x12, 0x12, 0x12, 0x1E),  # n=4 bits 2-3: near-end sensor
    Mode.PAPER_OUT: (0x1A, 0x32, 0x12, 0x7E),  # offline; stopped by paper end; end sensor
    Mode.COVER_OPEN: (0x1A, 0x16, 0x12, 0x12),  # offline; cover open
    Mode.FAULT: (0x1A, 0x52, 0x1A, 0x12),  # offline; error; autocutter error
}


@dataclass
class Job:
    """What one connection sent, less the status questions."""

    data: bytearray = field(default_factory=bytearray)
    opened: float = 0.0
    cut_at: float | None = None  # monotonic time the cut arrived: the printer had the whole job

    @property
    def complete(self) -> bool:
        return self.cut_at is not None


class PrinterSimulator:
    def __init__(self, mode: Mode = Mode.ONLINE, *, delay: float = 0.0,
                 drop_after: int | None = None, port: int = 0,
                 on_job: Callable[[Job], None] | None = None) -> None:
        self.mode = mode
        self.delay = delay  # seconds before each status answer: a slow printer
        self.drop_after = drop_after  # bytes of a job after which the connection is cut (reset)
        self.after_cut: Mode | None = None  # the mode from the next cut on (a roll running out)
        self.on_job = on_job  # called with each job as its cut arrives (the demo's preview)
        self.jobs: list[Job] = []
        self.questions = 0  # status questions received
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._server = socket.create_server(("127.0.0.1", port))
        self._server.settimeout(0.1)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._connections: list[socket.socket] = []

    @property
    def address(self) -> str:
        host, port = self._server.getsockname()[:2]
        return f"{host}:{port}"

    def start(self) -> PrinterSimulator:
        self._spawn(self._accept)
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(5)
        self._server.close()

    def __enter__(self) -> PrinterSimulator:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    def complete_jobs(self) -> list[Job]:
        with self._lock:
            return [job for job in self.jobs if job.complete]

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[Job]:
        """The first `count` complete jobs, waited for (fewer if they do not come in time)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(job.complete for job in self.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return [job for job in self.jobs if job.complete][:count]

    # --- the server ---

    def _spawn(self, target: Callable[..., None], *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True,
                                  name=f"printer-simulator-{len(self._threads)}")
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections.append(connection)
            self._spawn(self._serve, connection)

    def _serve(self, connection: socket.socket) -> None:
        job = Job(opened=time.monotonic())
        with self._lock:
            self.jobs.append(job)
        tokens = Tokenizer()
        connection.settimeout(0.1)
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # answers go at once
        try:
            while not self._stop.is_set():
                try:
                    data = connection.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    return
                for token in tokens.feed(data):
                    if token.kind == "status":
                        self._answer(connection, token.code)
                        continue
                    with self._changed:
                        job.data += token.raw
                        if token.kind == "cut":
                            job.cut_at = time.monotonic()
                            if self.after_cut is not None:
                                self.mode, self.after_cut = self.after_cut, None
                            self._changed.notify_all()
                    if token.kind == "cut" and self.on_job is not None:
                        self.on_job(job)
                    if self.drop_after is not None and len(job.data) >= self.drop_after:
                        _reset(connection)
                        return
        except OSError:
            return
        finally:
            with self._changed:
                self._changed.notify_all()
            connection.close()

    def _answer(self, connection: socket.socket, n: int) -> None:
        with self._lock:
            self.questions += 1
            mode, delay = self.mode, self.delay
        if mode is Mode.SILENT or not 1 <= n <= 4:
            return
        if delay:
            time.sleep(delay)
        connection.sendall(bytes([REPLIES[mode][n - 1]]))


def _reset(connection: socket.socket) -> None:
    """Close with a reset, as a printer that lost power mid-job looks to the kiosk."""
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()
