"""The display board's voice: a chime, then the call read aloud from clips (kiosk.voice).

Calls wait in a queue and one worker thread speaks them one after another, so two calls are
never spoken over each other. Audio is played by a system player (PipeWire, PulseAudio or
ALSA) in a subprocess: QtMultimedia is not part of PySide6-Essentials. Without a player,
without an audio device or without clips, the calls are text only: the board shows the text
anyway, so this is logged once, never raised.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal

from kiosk import voice

log = logging.getLogger(__name__)

# Tried in this order: PipeWire, PulseAudio, then bare ALSA.
PLAYERS: tuple[tuple[str, ...], ...] = (("pw-play",), ("paplay",), ("aplay", "-q"))
MAX_QUEUE = 20  # calls waiting beyond this are stale: the oldest are dropped
PLAY_TIMEOUT_S = 20.0  # a call is a few seconds; a player hanging longer is stuck


def find_player() -> list[str] | None:
    """The first system player found on PATH, as a command to which a WAV path is appended."""
    for command in PLAYERS:
        path = shutil.which(command[0])
        if path:
            return [path, *command[1:]]
    return None


@dataclass(frozen=True)
class _Call:
    number: str
    counter: str


class Announcer(QObject):
    """Speaks calls one at a time. `announce()` only queues, so the UI thread never waits."""

    spoken = Signal(str)  # the call's text, as it starts being announced (audio or not)
    # The same moment with the call it reads (number, counter, text): a caption knows its call.
    calling = Signal(str, str, str)
    done = Signal(str)  # the same text when the call is over (played, failed or text only)

    def __init__(self, parent: QObject | None = None, *,
                 player: Sequence[str] | Literal["auto"] | None = "auto", lang: str = "id",
                 voice_dir: Path | None = None, max_queue: int = MAX_QUEUE,
                 timeout_s: float = PLAY_TIMEOUT_S) -> None:
        """`player`: a command the WAV file's path is appended to; "auto" finds one on PATH;
        None means text only. `voice_dir`: where the clips are (assets/voice by default)."""
        super().__init__(parent)
        if player == "auto":
            self._player = find_player()
        else:  # a bare string is one program, not a list of characters
            self._player = [player] if isinstance(player, str) else list(player) if player else None
        self._lang = lang
        self._voice_dir = voice_dir
        self._max_queue = max_queue
        self._timeout_s = timeout_s
        self._queue: deque[_Call] = deque()
        self._wake = threading.Condition()
        self._stopping = False
        self._process: subprocess.Popen[bytes] | None = None
        self._audio_failed = False  # log a failing player once, not at every call
        self._told: set[str] = set()  # other one-time log lines already written
        if self._player is None:
            self._once("no-player", logging.INFO,
                       "No audio player (%s) found: calls are shown as text only",
                       ", ".join(c[0] for c in PLAYERS))
        self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
        self._thread.start()

    def announce(self, number: str, counter: str) -> None:
        """Queue a call of ticket `number` to `counter`; it is spoken after those before it."""
        with self._wake:
            if self._stopping:
                return
            if len(self._queue) >= self._max_queue:
                dropped = self._queue.popleft()
                log.warning("Voice queue full (%d calls): not announcing %s to counter %s",
                            self._max_queue, dropped.number, dropped.counter)
            self._queue.append(_Call(number, counter))
            self._wake.notify()

    def pending(self) -> int:
        """Calls waiting, not counting the one being spoken."""
        with self._wake:
            return len(self._queue)

    def stop(self, timeout_s: float = 2.0) -> None:
        """End the worker promptly: drop the waiting calls and cut the one playing."""
        with self._wake:
            self._stopping = True
            self._queue.clear()
            process = self._process
            self._wake.notify()
        if process is not None and process.poll() is None:
            process.kill()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout_s)

    # The worker thread.

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._queue and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                call = self._queue.popleft()
            try:
                self._speak(call)
            except Exception:  # never let one call end the voice of the hall
                log.exception("Announcing %s to counter %s failed", call.number, call.counter)

    def _speak(self, call: _Call) -> None:
        text = voice.call_text(call.number, call.counter, self._lang)
        self.spoken.emit(text)
        self.calling.emit(call.number, call.counter, text)
        log.info("Call: %s", text)
        try:
            wav = self._wav(call)
            if wav is not None and self._player is not None:
                self._play(wav)
        finally:
            self.done.emit(text)

    def _wav(self, call: _Call) -> bytes | None:
        names = voice.call_clips(call.number, call.counter, self._lang)
        missing = voice.missing_clips(names, self._lang, self._voice_dir)
        if missing:
            self._once("missing:" + ",".join(missing), logging.WARNING,
                       "Voice clips missing in %s: %s; such calls are text only",
                       voice.clip_path("x", self._lang, self._voice_dir).parent, ", ".join(missing))
            return None
        try:
            return voice.assemble(voice.clip_paths(names, self._lang, self._voice_dir))
        except ValueError as error:
            self._once("assemble:" + str(error), logging.WARNING, "%s; calls are text only", error)
            return None

    def _play(self, wav: bytes) -> None:
        assert self._player is not None
        fd, name = tempfile.mkstemp(prefix="plaza-call-", suffix=".wav")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(wav)
            self._run_player([*self._player, name])
        finally:
            Path(name).unlink(missing_ok=True)

    def _run_player(self, command: list[str]) -> None:
        with self._wake:
            if self._stopping:
                return
            try:
                process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            except OSError as error:
                self._failed(f"cannot start {command[0]}: {error}")
                return
            self._process = process
        try:
            _, err = process.communicate(timeout=self._timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            self._failed(f"{command[0]} took longer than {self._timeout_s:.0f} s and was stopped")
            return
        finally:
            with self._wake:
                self._process = None
        if self._stopping:
            return  # killed by stop(): not a failure
        if process.returncode != 0:
            detail = err.decode(errors="replace").strip().splitlines()
            self._failed(f"{command[0]} exited with {process.returncode}"
                         + (f": {detail[-1]}" if detail else ""))
        elif self._audio_failed:
            self._audio_failed = False
            log.info("Audio works again: calls are spoken")

    def _failed(self, reason: str) -> None:
        # Keep trying at every call (a sound server may come up after the board), but log
        # only the first failure of a run of them.
        if not self._audio_failed:
            log.warning("Voice call not played (%s); calls are shown as text only", reason)
        self._audio_failed = True

    def _once(self, key: str, level: int, message: str, *args: object) -> None:
        if key not in self._told:
            self._told.add(key)
            log.log(level, message, *args)
