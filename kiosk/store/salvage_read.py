"""Reading what a damaged store still holds, two ways.

Through SQLite, table by table and row by row: a scan that stops at a damaged page is taken
up again from the other end, then by single rows across the gap, so one bad page costs only
its own rows (`Connection.iterdump()` gives up at the first). The file is read from a scratch
copy, with a rebuilt header when its own is lost, so the damaged file is never touched.

Page by page, without SQLite (kiosk.store.pages), for the tables that matter most (tickets,
outbox, leases, counters) when SQLite could not read them whole: every table leaf page of the
file and of its write-ahead log, each record recognised by its shape (column count and types).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.store.pages import (
    HEADER_SIZE,
    Frame,
    Value,
    WalCheck,
    is_sqlite,
    page_size_of,
    pages_of,
    rebuilt_header,
    table_cells,
)

log = logging.getLogger(__name__)

BATCH = 500
PROBE_BUDGET = 50_000  # single-row reads per table across damaged stretches
MISSES = 2_000  # rows in a row not found before the reading across a gap gives up
MAX_ROWID = (1 << 63) - 1


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    key: bool  # part of the primary key


@dataclass(frozen=True)
class TableShape:
    """A table of the current schema, as SQLite lists it (PRAGMA table_info)."""

    name: str
    columns: tuple[Column, ...]

    @property
    def rowid_alias(self) -> str | None:
        keys = [c for c in self.columns if c.key]
        return keys[0].name if len(keys) == 1 and keys[0].type.upper() == "INTEGER" else None

    @property
    def least_fields(self) -> int:
        """Fields every stored record has: columns added later (with a default, or nullable)
        are missing from rows written before they were."""
        required = [i for i, c in enumerate(self.columns) if c.not_null and c.default is None]
        return max(required, default=0) + 1

    def fits_row(self, values: dict[str, Value], strict: bool = True) -> bool:
        """Could these named values be a row of this table (missing ones defaulted)? Not
        `strict`: only what SQLite itself enforces (a NOT NULL column holds a value)."""
        names = {c.name for c in self.columns}
        if not set(values) <= names:
            return False
        for column in self.columns:
            alias = column.name == self.rowid_alias
            if column.name not in values:
                if column.not_null and column.default is None and not alias:
                    return False
            elif not (_fits(column, values[column.name], alias) if strict
                      else _present(values[column.name]) or alias or not column.not_null):
                return False
        return True

    def fits(self, values: tuple[Value, ...]) -> bool:
        """Could this record be a row of this table?"""
        if not self.least_fields <= len(values) <= len(self.columns):
            return False
        return all(_fits(column, value, column.name == self.rowid_alias)
                   for column, value in zip(self.columns, values, strict=False))


def shapes(connection: sqlite3.Connection) -> dict[str, TableShape]:
    """The tables of a (new, healthy) store."""
    names = [n for (n,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: TableShape(name, tuple(
        Column(row[1], row[2], bool(row[3]), row[4], bool(row[5]))
        for row in connection.execute(f'PRAGMA table_info("{name}")'))) for name in names}


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
_LENGTH = re.compile(r"\((\d+)\)")


def _present(value: Value) -> bool:
    """A value, not the nothing a zeroed stretch of a page reads as (NULL, or NUL characters)."""
    return value is not None and not (isinstance(value, str) and "\x00" in value)


def _fits(column: Column, value: Value, rowid_alias: bool) -> bool:
    if value is None:
        return rowid_alias or not column.not_null
    kind = column.type.upper()
    if kind == "INTEGER":
        return isinstance(value, int)
    if kind == "BOOLEAN":
        return value in (0, 1)
    if not isinstance(value, str):
        return False
    if kind == "DATE":
        return bool(_DATE.match(value))
    if kind == "DATETIME":
        return bool(_DATETIME.match(value))
    if kind == "JSON":
        try:
            json.loads(value)
        except ValueError:
            return False
        return True
    length = _LENGTH.search(kind)
    return length is None or len(value) <= int(length.group(1))


# --- through SQLite ---


@dataclass
class TableRead:
    rows: dict[int, dict[str, Value]] = field(default_factory=dict)  # by rowid
    complete: bool = True


@dataclass
class SqlRead:
    tables: dict[str, TableRead] = field(default_factory=dict)
    problem: str = ""  # set when SQLite could not read the file at all

    def complete(self, table: str) -> bool:
        read = self.tables.get(table)
        return read is not None and read.complete


def read_with_sqlite(damaged: Path, wal: WalCheck | None, wanted: dict[str, TableShape]) -> SqlRead:
    """Every row SQLite can still reach, per table of `wanted` (those the file has)."""
    result = SqlRead()
    with tempfile.TemporaryDirectory(prefix="salvage-", dir=damaged.parent) as scratch:
        copy = Path(scratch) / "store.db"
        try:
            _scratch_copy(damaged, copy, wal)
            connection = sqlite3.connect(copy, timeout=1)
        except (OSError, sqlite3.Error) as error:
            result.problem = f"could not be copied for reading: {error}"
            return result
        try:
            try:
                present = {n for (n,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError as error:
                result.problem = f"its list of tables is unreadable ({error})"
                return result
            for name, shape in wanted.items():
                if name not in present:
                    continue
                try:
                    have = [r[1] for r in connection.execute(f'PRAGMA table_info("{name}")')]
                except sqlite3.DatabaseError:
                    result.tables[name] = TableRead(complete=False)
                    continue
                columns = [c.name for c in shape.columns if c.name in have]
                read = _read_table(connection, name, columns)
                # A page cut short or zeroed can read as rows of nothing: not rows of ours.
                junk = [rowid for rowid, row in read.rows.items()
                        if not shape.fits_row(row, strict=False)]
                for rowid in junk:
                    del read.rows[rowid]
                read.complete = read.complete and not junk
                result.tables[name] = read
        finally:
            connection.close()
    return result


def _scratch_copy(damaged: Path, copy: Path, wal: WalCheck | None) -> None:
    data = damaged.read_bytes() if damaged.exists() else b""
    if data and not is_sqlite(data):
        size = page_size_of(data)
        data = rebuilt_header(size, wal is not None and wal.header_ok) + data[HEADER_SIZE:]
    if data:
        # A file cut short: SQLite refuses one shorter than its header says, but reads one whose
        # missing pages are zeros (those pages alone are then unreadable).
        size = page_size_of(data)
        pages = max(-(-len(data) // size), int.from_bytes(data[28:32], "big"))
        data += bytes(pages * size - len(data))
    copy.write_bytes(data)
    log_file = Path(f"{damaged}-wal")
    if log_file.exists() and wal is not None and wal.header_ok:
        shutil.copyfile(log_file, Path(f"{copy}-wal"))


def _read_table(connection: sqlite3.Connection, table: str, columns: list[str]) -> TableRead:
    read = TableRead()
    names = ", ".join(f'"{c}"' for c in columns)
    select = f'SELECT rowid, {names} FROM "{table}"'

    def keep(rows: list[tuple]) -> None:
        for row in rows:
            read.rows[row[0]] = dict(zip(columns, row[1:], strict=True))

    def scan(where: str, order: str, start: int, step: Callable[[int], int]) -> int | None:
        """Rows from `start` on, in `order`, until the end (None) or a damaged page: returns
        where the scan stopped."""
        at = start
        while True:
            try:
                rows = connection.execute(f"{select} WHERE rowid {where} ? ORDER BY rowid {order} "
                                          f"LIMIT {BATCH}", (at,)).fetchall()
            except sqlite3.DatabaseError:
                read.complete = False
                return at
            keep(rows)
            if len(rows) < BATCH:
                return None
            at = step(rows[-1][0])

    low = scan(">=", "ASC", -MAX_ROWID - 1, lambda r: r + 1)
    if low is None:
        return read
    high = scan("<=", "DESC", MAX_ROWID, lambda r: r - 1)
    if high is None:
        return read  # the scan from the end got down to the start past the damage
    # Across the gap, one row at a time: rows on pages SQLite can still reach come back. Our
    # tables' rowids count up from 1. With nothing readable from the end, the gap has no known
    # top: a long run of misses ends it (the rest hangs under a damaged page, which only the
    # page-by-page reading gets past).
    first = max(low, 1)
    top = None if high == MAX_ROWID else high
    misses = 0
    for rowid in range(first, min(top if top is not None else MAX_ROWID, first + PROBE_BUDGET) + 1):
        if rowid in read.rows:
            continue
        try:
            rows = connection.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchall()
        except sqlite3.DatabaseError:
            rows = []
        keep(rows)
        misses = 0 if rows else misses + 1
        if top is None and misses >= MISSES:
            break
    return read


# --- page by page ---


@dataclass(frozen=True)
class Found:
    """A record recognised as a row of `table`, from a page of some age: a higher `rank` is
    newer (the file's own pages are oldest, then the WAL's frames in order)."""

    table: str
    rowid: int
    values: dict[str, Value]
    rank: int


def read_pages(damaged: Path, frames: Iterable[Frame], page_size: int,
               wanted: dict[str, TableShape]) -> list[Found]:
    """Rows of `wanted` tables in the file's table leaf pages (rank 0) and in `frames` of its
    write-ahead log (rank 2 + 2 * frame index: later frames are newer copies)."""
    found: list[Found] = []
    if damaged.exists():
        data = damaged.read_bytes()
        size = page_size or page_size_of(data)
        for number, page in pages_of(data, size):
            found.extend(_recognise(page, number, wanted, 0))
    for frame in frames:
        found.extend(_recognise(frame.page, frame.page_number, wanted, 2 + 2 * frame.index))
    return found


def _recognise(page: bytes, number: int, wanted: dict[str, TableShape], rank: int
               ) -> Iterator[Found]:
    for cell in table_cells(page, number):
        matches = [shape for shape in wanted.values() if shape.fits(cell.values)]
        if len(matches) != 1:
            continue  # no table of ours, or ambiguous: not guessed
        shape = matches[0]
        values = dict(zip((c.name for c in shape.columns), cell.values, strict=False))
        if shape.rowid_alias:
            values[shape.rowid_alias] = cell.rowid
        yield Found(shape.name, cell.rowid, values, rank)
