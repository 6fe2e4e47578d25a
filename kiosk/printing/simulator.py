"""A thermal printer on loopback, for tests and the demo: a TCP server on 127.0.0.1 that takes
ESC/POS like a network printer's raw port, answers DLE EOT with the status of the mode it is
put in (online, paper near end, paper out, cover open, a cutter fault, silent, slow), can drop
the connection part-way through a job, and keeps every job it received.

As a real printer it has two sides. Its interface answers DLE EOT in real time, the moment the
question arrives, whatever is still waiting to be printed. Its mechanism prints what arrived,
in order, at `print_speed` bytes a second (at once by default), and answers GS r 1 (the paper
sensors) only when it reaches it, that is once everything sent before it has been printed and
cut. A roll can end part-way through a slip (`paper`: the bytes it has left): the printer then
goes offline, as Epson's do, and its mechanism stops, leaving the rest of the slip and any
GS r behind it unprocessed until the printer can print again (a new roll: `paper = None` and
`mode = Mode.ONLINE`).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.printing.decode import Token, Tokenizer

log = logging.getLogger(__name__)


class Mode(StrEnum):
    ONLINE = "online"
    NEAR_END = "near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    FAULT = "fault"
    SILENT = "silent"  # takes the bytes and prints them, never answers


# The answers to DLE EOT 1, 2, 3, 4 (bits 1 and 4 always set), as an Epson-like printer sends.
REPLIES: dict[Mode, tuple[int, int, int, int]] = {
    Mode.ONLINE: (0x12, 0x12, 0x12, 0x12),
    Mode.NEAR_END: (0x12, 0x12, 0x12, 0x1E),  # n=4 bits 2-3: near-end sensor
    Mode.PAPER_OUT: (0x1A, 0x32, 0x12, 0x7E),  # offline; stopped by paper end; end sensor
    Mode.COVER_OPEN: (0x1A, 0x16, 0x12, 0x12),  # offline; cover open
    Mode.FAULT: (0x1A, 0x52, 0x1A, 0x12),  # offline; error; autocutter error
}
# The answer to GS r 1 (bits 4 and 7 always clear; bits 0-1 the near-end sensor). A printer
# stopped by a paper end, an open cover or an error is offline and does not process GS r.
PAPER_STATUS: dict[Mode, int] = {Mode.ONLINE: 0x00, Mode.NEAR_END: 0x03}
# The modes in which the mechanism prints (silent: prints, answers nothing).
PRINTING = (Mode.ONLINE, Mode.NEAR_END, Mode.SILENT)
_SLICE = 0.01  # seconds of printing between two looks at the mode and the roll


@dataclass
class Job:
    """What one connection sent, less the status questions, and how much of it came out."""

    data: bytearray = field(default_factory=bytearray)
    opened: float = 0.0
    cut_at: float | None = None  # monotonic time the cut arrived: the printer had the whole job
    printed: int = 0  # bytes of it the mechanism has printed
    printed_at: float | None = None  # monotonic time the mechanism cut it
    torn: bool = False  # the roll ended part-way through it

    @property
    def complete(self) -> bool:
        return self.cut_at is not None


@dataclass
class _Work:
    """One command waiting for the mechanism: bytes to print, or a GS r to answer."""

    connection: socket.socket
    job: Job
    token: Token
    done: int = 0  # bytes of it printed so far


def _is_paper_question(token: Token) -> bool:
    return token.kind == "gs" and token.code == ord("r")


class PrinterSimulator:
    def __init__(self, mode: Mode = Mode.ONLINE, *, delay: float = 0.0,
                 drop_after: int | None = None, port: int = 0,
                 on_job: Callable[[Job], None] | None = None,
                 print_speed: float | None = None, paper: int | None = None) -> None:
        self.mode = mode
        self.delay = delay  # seconds before each status answer: a slow printer
        self.drop_after = drop_after  # bytes of a job after which the connection is cut (reset)
        self.after_cut: Mode | None = None  # the mode once the next cut is printed
        self.print_speed = print_speed  # bytes the mechanism prints a second (None: at once)
        self.paper = paper  # bytes the roll has left (None: endless); then the paper ends
        self.on_job = on_job  # called with each job as its cut arrives (the demo's preview)
        self.jobs: list[Job] = []
        self.questions = 0  # status questions received (DLE EOT and GS r)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._send = threading.Lock()  # the interface and the mechanism both answer
        self._work: deque[_Work] = deque()  # what arrived and is not yet printed
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
        self._spawn(self._mechanism)
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._changed:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self._changed.notify_all()
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

    # --- the interface ---

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
                    if token.kind == "status":  # DLE EOT: real time, not queued
                        self._answer_now(connection, token.code)
                        continue
                    with self._changed:
                        if _is_paper_question(token):
                            self.questions += 1
                        else:
                            job.data += token.raw
                            if token.kind == "cut":
                                job.cut_at = time.monotonic()
                        self._work.append(_Work(connection, job, token))
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

    def _answer_now(self, connection: socket.socket, n: int) -> None:
        with self._lock:
            self.questions += 1
            mode, delay = self.mode, self.delay
        if mode is Mode.SILENT or not 1 <= n <= 4:
            return
        self._reply(connection, REPLIES[mode][n - 1], delay)

    def _reply(self, connection: socket.socket, value: int, delay: float) -> None:
        if delay:
            time.sleep(delay)
        with self._send, contextlib.suppress(OSError):  # the kiosk may have hung up
            connection.sendall(bytes([value]))

    # --- the mechanism ---

    def _mechanism(self) -> None:
        """Prints what arrived, in order, while the printer can print; answers GS r on reaching
        it. Offline (paper out, cover open, a fault) it waits, as a real printer does."""
        while True:
            with self._changed:
                while not self._stop.is_set() and not (self._work and self.mode in PRINTING):
                    # idle until work comes; offline, look again now and then (a test puts the
                    # printer back online by setting its mode)
                    self._changed.wait(0.05 if self._work else None)
                if self._stop.is_set():
                    return
                work, mode, delay = self._work[0], self.mode, self.delay
                speed, paper = self.print_speed, self.paper
            if _is_paper_question(work.token):
                with self._changed:
                    self._work.popleft()
                    self._changed.notify_all()
                if mode is not Mode.SILENT and work.token.data[:1] in (b"\x01", b"1"):
                    self._reply(work.connection, PAPER_STATUS[mode], delay)
                continue
            self._print(work, speed, paper)

    def _print(self, work: _Work, speed: float | None, paper: int | None) -> None:
        size = len(work.token.raw) - work.done
        if paper is not None and paper <= 0:
            with self._changed:
                self.mode, work.job.torn = Mode.PAPER_OUT, True  # the roll ended: offline
                log.info("printer simulator: out of paper after %d bytes of a job",
                         work.job.printed)
                self._changed.notify_all()
            return
        chunk = size if speed is None else min(size, max(1, int(speed * _SLICE)))
        if paper is not None:
            chunk = min(chunk, paper)
        if speed is not None:
            time.sleep(chunk / speed)
        with self._changed:
            work.done += chunk
            work.job.printed += chunk
            if self.paper is not None:
                self.paper -= chunk
            if work.done >= len(work.token.raw):
                self._work.popleft()
                if work.token.kind == "cut":
                    work.job.printed_at = time.monotonic()
                    if self.after_cut is not None:
                        self.mode, self.after_cut = self.after_cut, None
            self._changed.notify_all()


def _reset(connection: socket.socket) -> None:
    """Close with a reset, as a printer that lost power mid-job looks to the kiosk."""
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()
