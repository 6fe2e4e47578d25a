"""Is the file at a store's path this device's store, in good health, before SQLite opens it?

Checked before anything writes: SQLite itself would quietly drop committed transactions
behind a damaged stretch of the write-ahead log, and would happily build our tables inside
someone else's database. Anything that is not a healthy store of ours (or nothing at all) is
damaged or foreign: moved aside and salvaged, never overwritten.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.store.pages import HEADER_SIZE, WalCheck, check_wal, is_sqlite

log = logging.getLogger(__name__)

# Tables every revision of the store has: a file without them is not a store of this kiosk.
OUR_TABLES = frozenset({"alembic_version", "ticket", "outbox"})


class State(StrEnum):
    NEW = "new"  # nothing there (or an SQLite file with no tables at all): build the store
    OURS = "ours"  # a healthy store of this device: open it
    DAMAGED = "damaged"  # ours, or maybe ours, but not readable as it is: salvage
    FOREIGN = "foreign"  # a healthy SQLite file of something else: keep it, take nothing


@dataclass(frozen=True)
class Verdict:
    state: State
    problem: str = ""  # in words for staff and IT
    wal: WalCheck | None = None


def wal_path(path: Path) -> Path:
    return Path(f"{path}-wal")


def examine(path: Path) -> Verdict:
    wal = _wal(path)
    if wal is not None and wal.damaged:
        return Verdict(State.DAMAGED, wal.problem or "", wal)
    if not path.exists():
        if wal is not None and wal.frames:
            return Verdict(State.DAMAGED, "the store file is missing but its write-ahead log is "
                           "there", wal)
        return Verdict(State.NEW)
    size = path.stat().st_size
    if size == 0:
        return Verdict(State.DAMAGED, "the store file is empty (0 bytes)", wal)
    with path.open("rb") as file:
        head = file.read(HEADER_SIZE)
    if not is_sqlite(head):
        return Verdict(State.DAMAGED, "the file does not start as an SQLite database (its header "
                       "is unreadable or it is another kind of file)", wal)
    problem, tables = _check(path)
    if problem:
        return Verdict(State.DAMAGED, problem, wal)
    if not tables:
        return Verdict(State.NEW)  # a store whose very first start stopped short
    if not OUR_TABLES.issubset(tables):
        return Verdict(State.FOREIGN, "the file is an SQLite database of something else "
                       f"(tables: {', '.join(sorted(tables)[:5])})", wal)
    return Verdict(State.OURS, wal=wal)


def _wal(path: Path) -> WalCheck | None:
    log_file = wal_path(path)
    if not log_file.exists():
        return None
    return check_wal(log_file.read_bytes())


def _check(path: Path) -> tuple[str, set[str]]:
    """(what SQLite's own check found wrong, the file's tables)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            row = connection.execute("PRAGMA quick_check").fetchone()
            tables = {name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        log.error("local store %s cannot be read: %s", path, error)
        return f"SQLite cannot read it ({error})", set()
    if row is None or row[0] != "ok":
        log.error("local store %s failed its check: %s", path, row[0] if row else "no answer")
        return f"it failed SQLite's check ({row[0] if row else 'no answer'})", set()
    return "", tables
