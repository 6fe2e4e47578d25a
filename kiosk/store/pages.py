"""Reading an SQLite file page by page, without SQLite: the last resort of a salvage.

When SQLite cannot reach rows (an interior page overwritten, the schema page or the file
header zeroed, the end of the file cut off, committed transactions behind a damaged stretch
of the write-ahead log), the rows are often still there, in table leaf pages. This module
reads those pages as the file format describes them (sqlite.org/fileformat2.html): b-tree
leaf cells and their records, and the frames of a WAL file with their checksums. It never
writes, and knows nothing of the plaza's tables: the caller decides what a record is.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
TABLE_LEAF = 0x0D
BTREE_TYPES = frozenset({0x02, 0x05, 0x0A, 0x0D})
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
WAL_MAGIC = (0x377F0682, 0x377F0683)  # little- / big-endian checksums
WAL_HEADER = 32
FRAME_HEADER = 24

Value = int | float | str | bytes | None


@dataclass(frozen=True)
class Cell:
    """One row as stored in a table leaf page: its rowid and its record's values."""

    rowid: int
    values: tuple[Value, ...]


def is_sqlite(head: bytes) -> bool:
    return head.startswith(MAGIC)


def page_size_of(data: bytes) -> int:
    """The page size the header names, or, when the header is unreadable, the size at which
    the most pages start like b-tree pages."""
    if is_sqlite(data) and len(data) >= HEADER_SIZE:
        raw = struct.unpack(">H", data[16:18])[0]
        size = 65536 if raw == 1 else raw
        if size in PAGE_SIZES:
            return size
    best, best_score = PAGE_SIZES[0], -1
    for size in PAGE_SIZES:
        pages = range(1, min(len(data) // size, 2000))
        score = sum(1 for n in pages if _looks_like_btree(data[n * size:(n + 1) * size], 0))
        if score > best_score:
            best, best_score = size, score
    return best


def rebuilt_header(page_size: int, wal: bool) -> bytes:
    """A plain header for a file whose own was lost: enough for SQLite to read its pages
    (the free-page list is forgotten, which only matters for writing)."""
    header = bytearray(HEADER_SIZE)
    header[0:16] = MAGIC
    header[16:18] = struct.pack(">H", 1 if page_size == 65536 else page_size)
    header[18] = header[19] = 2 if wal else 1  # write / read version: WAL or rollback journal
    header[21:24] = bytes((64, 32, 32))  # payload fractions, fixed by the format
    struct.pack_into(">I", header, 24, 1)  # change counter
    struct.pack_into(">I", header, 40, 1)  # schema cookie
    struct.pack_into(">I", header, 44, 4)  # schema format
    struct.pack_into(">I", header, 56, 1)  # UTF-8
    struct.pack_into(">I", header, 96, 3040001)
    return bytes(header)


def table_cells(page: bytes, page_number: int, usable: int | None = None) -> Iterator[Cell]:
    """The rows of a table leaf page; nothing for any other page, and nothing past a part
    that does not parse (a damaged page gives what it still holds)."""
    usable = usable or len(page)
    start = HEADER_SIZE if page_number == 1 else 0
    if not _looks_like_btree(page, start) or page[start] != TABLE_LEAF:
        return
    count = struct.unpack(">H", page[start + 3:start + 5])[0]
    pointers = start + 8
    for index in range(count):
        at = pointers + 2 * index
        if at + 2 > len(page):
            return
        offset = struct.unpack(">H", page[at:at + 2])[0]
        try:
            cell = _cell(page, offset, usable)
        except (IndexError, ValueError, struct.error, UnicodeDecodeError):
            continue
        if cell is not None:
            yield cell


def pages_of(data: bytes, page_size: int) -> Iterator[tuple[int, bytes]]:
    """(page number, page) for every whole page of a database file."""
    for index in range(len(data) // page_size):
        yield index + 1, data[index * page_size:(index + 1) * page_size]


@dataclass(frozen=True)
class Frame:
    index: int  # position in the WAL file, from 0
    page_number: int
    commit: bool  # the last frame of a transaction
    salts: tuple[int, int]
    page: bytes


@dataclass
class WalCheck:
    """What a WAL file holds and whether SQLite would lose committed data in it."""

    size: int
    page_size: int = 0
    header_ok: bool = False
    frames: list[Frame] = field(default_factory=list)  # those of the current generation
    valid: int = 0  # frames SQLite will read: up to the last commit before any break
    problem: str | None = None  # set when committed transactions would be dropped

    @property
    def damaged(self) -> bool:
        return self.problem is not None


def check_wal(data: bytes) -> WalCheck:
    """Read a WAL file as SQLite does: frames count while their salts match the header's and
    their running checksum holds, and SQLite silently ignores everything from the first frame
    that breaks the chain. A break is damage (committed transactions would be dropped) when
    the breaking frame is not a plain leftover: a commit frame of this generation that fails
    its checksum, a frame whose salts are garbage rather than an earlier generation's, or any
    frame of this generation after it. A crash mid-write leaves none of these: its last
    transaction stops short, before its commit frame, and was never acknowledged."""
    check = WalCheck(size=len(data))
    if not data:
        return check
    if len(data) < WAL_HEADER:
        check.problem = f"the write-ahead log is {len(data)} bytes, shorter than its header"
        return check
    magic, _version, page_size, _seq, salt1, salt2, sum1, sum2 = struct.unpack(">8I", data[:32])
    big_endian = magic == WAL_MAGIC[1]
    check.header_ok = (magic in WAL_MAGIC and page_size in PAGE_SIZES
                       and _checksum(data[:24], big_endian) == (sum1, sum2))
    if not check.header_ok:
        check.page_size = page_size if page_size in PAGE_SIZES else 4096
        frames = list(_frames(data, check.page_size))
        check.frames = _current_generation(frames)
        if frames:
            check.problem = "the write-ahead log's header is unreadable"
        return check
    check.page_size = page_size
    salts = (salt1, salt2)
    running = (sum1, sum2)
    broken: Frame | None = None
    for frame, header in _frames_with_headers(data, page_size):
        if frame.salts == salts:
            check.frames.append(frame)
        if broken is None:
            if frame.salts == salts:
                running = _checksum(header[:8] + frame.page, big_endian, *running)
                if running == struct.unpack(">2I", header[16:24]):
                    if frame.commit:
                        check.valid = frame.index + 1
                    continue
                if frame.commit:
                    check.problem = _lost(frame, "fails its checksum")
            elif not _earlier_generation(frame.salts[0], salt1):
                check.problem = _lost(frame, "is overwritten")
            broken = frame
        elif frame.salts == salts and check.problem is None:
            check.problem = _lost(broken, "breaks the chain")
    return check


def _lost(frame: Frame, what: str) -> str:
    return (f"frame {frame.index + 1} of the write-ahead log {what}: SQLite would drop the "
            "committed transactions from there on")


def _earlier_generation(salt: int, current: int) -> bool:
    """Each checkpoint restart adds one to the first salt: a frame left from an earlier
    generation carries a slightly smaller one; garbage carries any number."""
    return 0 < (current - salt) % (1 << 32) <= 1 << 16


def _frames_with_headers(data: bytes, page_size: int) -> Iterator[tuple[Frame, bytes]]:
    step = FRAME_HEADER + page_size
    for index in range((len(data) - WAL_HEADER) // step):
        at = WAL_HEADER + index * step
        header = data[at:at + FRAME_HEADER]
        number, size_after, salt1, salt2 = struct.unpack(">4I", header[:16])
        yield Frame(index, number, size_after != 0, (salt1, salt2),
                    data[at + FRAME_HEADER:at + step]), header


def _frames(data: bytes, page_size: int) -> Iterator[Frame]:
    for frame, _header in _frames_with_headers(data, page_size):
        yield frame


def _current_generation(frames: list[Frame]) -> list[Frame]:
    """Without the header's salts: the frames of the newest generation (each checkpoint
    restart adds one to the first salt), counting only frames that hold a b-tree page."""
    plausible = [f for f in frames
                 if 0 < f.page_number < 1 << 31 and _looks_like_btree(
                     f.page, HEADER_SIZE if f.page_number == 1 else 0)]
    if not plausible:
        return []
    newest = max(f.salts[0] for f in plausible)
    return [f for f in plausible if f.salts[0] == newest]


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[index + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _looks_like_btree(page: bytes, start: int) -> bool:
    if len(page) < start + 8 or page[start] not in BTREE_TYPES:
        return False
    count = struct.unpack(">H", page[start + 3:start + 5])[0]
    header = 12 if page[start] in (0x02, 0x05) else 8
    return 0 < start + header + 2 * count <= len(page)


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for index in range(8):
        byte = data[at + index]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + index + 1
    return (value << 8) | data[at + 8], at + 9


def _cell(page: bytes, offset: int, usable: int) -> Cell | None:
    size, at = _varint(page, offset)
    rowid, at = _varint(page, at)
    if rowid >= 1 << 63:
        rowid -= 1 << 64
    if size > usable - 35:
        return None  # spills to overflow pages: none of the rows a salvage looks for do
    payload = page[at:at + size]
    if len(payload) != size:
        return None
    return Cell(rowid, _record(payload))


def _record(payload: bytes) -> tuple[Value, ...]:
    header_size, at = _varint(payload, 0)
    if not 0 < header_size <= len(payload):
        raise ValueError("bad record header")
    types = []
    while at < header_size:
        serial, at = _varint(payload, at)
        types.append(serial)
    values: list[Any] = []
    body = header_size
    for serial in types:
        value, body = _value(payload, body, serial)
        values.append(value)
    if body != len(payload):
        raise ValueError("record length does not match its header")
    return tuple(values)


_INTS = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _value(payload: bytes, at: int, serial: int) -> tuple[Value, int]:
    if serial == 0:
        return None, at
    if serial in _INTS:
        width = _INTS[serial]
        raw = payload[at:at + width]
        if len(raw) != width:
            raise ValueError("record cut short")
        return int.from_bytes(raw, "big", signed=True), at + width
    if serial == 7:
        return struct.unpack(">d", payload[at:at + 8])[0], at + 8
    if serial in (8, 9):
        return serial - 8, at
    if serial >= 12:
        length = (serial - 12) // 2
        raw = payload[at:at + length]
        if len(raw) != length:
            raise ValueError("record cut short")
        return (raw if serial % 2 == 0 else raw.decode("utf-8")), at + length
    raise ValueError(f"reserved serial type {serial}")
