"""Live updates: a long-poll on the change feed wakes as soon as its plaza's feed grows.

`GET /v1/changes?cursor=…&wait=20` answers at once when there are changes, else holds the
request until the bell rings for its plaza (or the wait ends). The bell rings:
- in this process, after a transaction that recorded changes commits;
- from other processes (several API workers over one PostgreSQL), through LISTEN/NOTIFY:
  cityapi/changes.py sends `NOTIFY plaza_changes` in the change's own transaction, and a
  listener thread here passes it on.
A waiting request also looks at the database again every `recheck` seconds, so even a lost
notification (or a second process on SQLite, which has none) delays a call by that at most.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import suppress
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from cityapi import changes

log = logging.getLogger(__name__)

RECHECK_NOTIFIED = 2.0  # seconds; PostgreSQL tells every process, this is a safety net
RECHECK_POLLED = 0.3  # seconds; SQLite tells only this process


class Bell:
    """One per API process: per-plaza events that wake the long-polls of that plaza."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._events: dict[str, asyncio.Event] = {}
        self._listener: _Listener | None = None
        engine: Engine = sessions.kw["bind"]
        self.notified = engine.dialect.name == "postgresql"
        self.recheck = RECHECK_NOTIFIED if self.notified else RECHECK_POLLED
        self._engine = engine
        event.listen(sessions, "after_commit", self._after_commit)

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._events = {}  # an event belongs to the loop it was awaited on: a restart starts anew
        if self.notified:
            self._listener = _Listener(self._engine, self.ring)
            self._listener.start()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        if self._loop is not None:  # wake every long-poll so the server can stop at once
            for plaza in list(self._events):
                self.ring(plaza)

    def _after_commit(self, session: Session) -> None:
        for plaza in session.info.pop(changes.RANG, ()):
            self.ring(plaza)

    def ring(self, plaza: str) -> None:
        """Wake the long-polls of `plaza`; safe from any thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with suppress(RuntimeError):  # the loop closed meanwhile: the server is stopping
            loop.call_soon_threadsafe(self._ring, plaza)

    def _ring(self, plaza: str) -> None:
        if (waiting := self._events.pop(plaza, None)) is not None:
            waiting.set()

    def waiter(self, plaza: str) -> asyncio.Event:
        """Take this before reading the feed: a ring after the read then still wakes it."""
        return self._events.setdefault(plaza, asyncio.Event())


class _Listener:
    """LISTEN on its own autocommit connection; reconnects after a failure."""

    def __init__(self, engine: Engine, ring: Any) -> None:
        self._engine = engine
        self._ring = ring
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="feed-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(3)

    def _run(self) -> None:
        import psycopg

        url = self._engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not self._stopping.is_set():
            try:
                with psycopg.connect(url, autocommit=True) as connection:
                    connection.execute(f"LISTEN {changes.CHANNEL}")
                    while not self._stopping.is_set():
                        for note in connection.notifies(timeout=1.0):
                            self._ring(note.payload)
            except psycopg.Error as error:
                log.warning("feed listener lost its connection (%s); reconnecting", error)
                self._stopping.wait(1.0)
