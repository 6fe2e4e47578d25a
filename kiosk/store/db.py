"""Opening the local SQLite store: durable settings, migrations, and recovery from a bad file.

A kiosk must come up even when its DB file is damaged. A file that is not a healthy store of
this device (unreadable, failing SQLite's check, empty, with a damaged write-ahead log, or a
foreign file) is moved aside (kept for IT, never deleted nor overwritten), a fresh store is
built in its place, and what the old file still holds is salvaged into it
(kiosk.store.salvage): its tickets, its unsent ops and how far its numbering had got.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session, sessionmaker

from kiosk.service_day import now_utc
from kiosk.store.checkup import State, examine, wal_path

if TYPE_CHECKING:  # the salvage is loaded only for a damaged store: not on every start
    from kiosk.store.salvage import SalvageReport

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Checked against the scripts by a test, so start-up can skip
# importing Alembic (a quarter of a second) when the store is already current.
HEAD = "0007"
READ_ONLY = "plaza_read_only"  # execution option of the engine behind `Store.read`


class StoreError(Exception):
    """The store cannot be opened even after moving a bad file aside."""


@dataclass
class Store:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]  # writers: BEGIN IMMEDIATE
    readers: sessionmaker[Session]  # readers: a deferred BEGIN, no lock
    recovered_from: Path | None = None  # where a damaged file was moved, for the staff panel
    salvage: SalvageReport | None = None  # what came back from it (`lines()` for staff)

    @classmethod
    def over(cls, path: Path, engine: Engine, recovered_from: Path | None = None,
             salvage: SalvageReport | None = None) -> Store:
        """The store on an engine made by `make_engine` (migrated already)."""
        return cls(path, engine, sessionmaker(engine, expire_on_commit=False),
                   sessionmaker(engine.execution_options(**{READ_ONLY: True})), recovered_from,
                   salvage)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed on success, rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One consistent snapshot to read from. It takes no lock (WAL), so however long a
        screen's read runs, issuing a ticket never waits for it."""
        with self.readers() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's transactions, not pysqlite's, decide when BEGIN happens.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer. FULL: a ticket is on disk before it is shown.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _on_begin(connection: Any) -> None:
    # Writers: BEGIN IMMEDIATE takes the write lock at the start, so two writers wait their
    # turn instead of failing half-way through a ticket. Readers: a plain (deferred) BEGIN,
    # a snapshot that never holds a writer up.
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def configure_sqlite(engine: Engine) -> Engine:
    """WAL, synchronous=FULL, foreign keys, and write transactions that take the lock up front
    (two deferred transactions upgrading to writers at once would fail instead of waiting)."""
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_engine(path: Path) -> Engine:
    return configure_sqlite(create_engine(f"sqlite:///{path}"))


def alembic_config():
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except exc.OperationalError:  # no such table: a new, empty store
            return None


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A transaction for migrations. On SQLite, foreign keys are off while it runs: a table
    rebuilt by copying (SQLite's only way to change a constraint) is dropped while other
    rows point at it, which SQLite would refuse even with the checks deferred. They are
    checked in full before the commit instead."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            yield connection
        return
    with engine.connect() as connection:
        driver = connection.connection.driver_connection  # outside any transaction
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"migration left rows pointing nowhere: {broken[:3]}")
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (an older file upgrades in place)."""
    current = current_revision(engine)
    if revision == "head" and current == HEAD:
        return  # the usual case: the store is current, Alembic is not even imported
    from alembic import command

    config = alembic_config()
    with migrating(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    log.info("local store migrated from %s to %s", current or "empty", revision)


def _move_aside(path: Path, moment: datetime) -> Path:
    """Rename the file and its WAL and shared-memory files to a free `.damaged-<time>` name."""
    stamp = moment.astimezone().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    count = 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        count += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{count}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{target}{suffix}"))
    log.error("moved the damaged local store to %s and started a new one", target)
    return target


def open_store(path: Path, clock: Callable[[], datetime] = now_utc) -> Store:
    """Open (creating, migrating or rebuilding as needed) the store at `path`. `clock` is the
    device's: a salvage that cannot tell how far numbering had got uses it to know which
    service days to guard."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the data folder {path.parent}: {error.strerror}") from None
    verdict = examine(path)
    moved = None
    if verdict.state in (State.DAMAGED, State.FOREIGN):
        log.error("local store %s: %s", path, verdict.problem)
        moved = _move_aside(path, clock())
    elif not path.exists() and wal_path(path).exists():
        wal_path(path).unlink()  # a log without frames, of a store that never got started
    engine = make_engine(path)
    try:
        migrate(engine)
    except Exception as error:
        # A healthy file that cannot be migrated (a newer schema after a rollback, a locked
        # or full disk) is never thrown away: its tickets and outbox matter. Stop and say so.
        engine.dispose()
        log.exception("local store %s could not be migrated", path)
        raise StoreError(f"the local store {path} could not be brought up to date ({error}); "
                         "it was left untouched") from error
    report = None
    if moved is not None:
        from kiosk.store.salvage import salvage

        report = salvage(moved, verdict, engine, clock)
        for line in report.lines():
            log.warning("salvage of %s: %s", moved.name, line)
    return Store.over(path, engine, moved, report)
