"""Salvaging a damaged store into the new one built in its place (issue 10, item 3).

What visitors hold comes first: every ticket that can be read, every op not yet sent (a
ticket whose row is lost but whose `ticket.issue` op survives is rebuilt from the op), and the
numbering carried forward so that no number of a service day is given twice:

- Leased blocks are set aside (marked used up), never drawn from again: after damage nothing
  proves how far a block was used (a lost page, a dropped log frame, an older copy of a page),
  and a leased number given twice is refused by the city server and held by two visitors.
  The sync engine takes fresh blocks at its next sync; until then an offline kiosk numbers
  with its tag.
- The own counter (tagged, or plain without a city server) continues after the highest number
  found in the counters, the tickets and the ops. When the counters could not be read whole,
  the count is unknown: kiosk.store.number_floor makes the counter of the service days up to
  now start above its floor.
- When ops may be lost (the outbox not read whole), the tickets of the last days are sent
  again under op ids made from the ticket ids: the server answers its own tickets as
  duplicates (a ticket's id is its idempotency key), and takes in those it never had.

Settings (the feed's cursor, the catalog's version) are not carried: the store asks the city
server again for a full snapshot and the catalog.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine

from kiosk.store.checkup import State, Verdict
from kiosk.store.number_floor import FLOOR, KEY, floor_value
from kiosk.store.pages import Value, is_sqlite
from kiosk.store.salvage_read import (
    Found,
    SqlRead,
    TableShape,
    read_pages,
    read_with_sqlite,
    shapes,
)

log = logging.getLogger(__name__)

NOT_CARRIED = ("alembic_version", "setting")
# Read page by page too: rows that are never deleted, or whose old copies are safe to merge.
RAW_TABLES = ("ticket", "ticket_event", "feedback", "outbox", "number_lease", "number_counter")
CATALOG_TABLES = ("plaza", "category", "agency", "service", "holiday", "announcement")
# What makes a row the same row in two copies of a page of different ages.
KEYS = {"ticket": ("id",), "outbox": ("op_id",), "number_lease": ("id",),
        "number_counter": ("service_code", "service_day")}
RESEND_DAYS = 7  # when ops may be lost: tickets of this many service days are sent again
LATEST_OFFSET = timedelta(hours=14)  # without the plaza's time zone: the latest local date
LAST_SEQUENCE = 999  # three-digit numbers (kiosk.numbering)


@dataclass(frozen=True)
class SalvageReport:
    """What came back from a damaged store and what did not: for the staff panel and the log."""

    moved_to: Path
    problem: str  # what was wrong with the file
    foreign: bool = False  # not this kiosk's store: nothing taken from it
    tickets: int = 0
    tickets_rebuilt: int = 0  # from their ops, their own rows lost
    tickets_lost: int = 0  # at least this many could not be read nor rebuilt
    missing_numbers: tuple[str, ...] = ()  # of those, the newest service day's, by number
    events: int = 0
    ops_waiting: int = 0  # re-queued, to be sent
    ops_refused: int = 0  # kept aside, as before
    ops_resent: int = 0  # tickets sent again because their ops may be lost
    ops_from_old_copies: bool = False  # outbox rows read from old page copies too
    leases_set_aside: int = 0
    lease_numbers_dropped: int = 0  # numbers of those blocks never given
    last_numbers: tuple[str, ...] = ()  # the highest found for the newest service day
    numbering_known: bool = True
    floor_through: date | None = None  # own numbering starts above the floor until then
    unreadable: tuple[str, ...] = ()  # tables SQLite could not read whole
    catalog_complete: bool = True
    error: str = ""  # the salvage itself failed: the store is new and empty

    def lines(self) -> list[str]:
        """What staff are told, one fact a line."""
        if self.foreign:
            lines = [f"It was not this kiosk's store ({self.problem}); nothing was taken from it."]
        else:
            lines = [f"Damage found: {self.problem}."]
            lines.append(
                f"Recovered: {self.tickets} tickets"
                + (f" ({self.tickets_rebuilt} rebuilt from their unsent records)"
                   if self.tickets_rebuilt else "")
                + f", {self.ops_waiting} records to send to the city server"
                + (" (old copies of some may be among them: the server keeps each once)"
                   if self.ops_from_old_copies else "")
                + (f", {self.ops_refused} refused ones kept" if self.ops_refused else "")
                + ".")
        if self.error:
            lines.append(f"The salvage stopped: {self.error}. Nothing else was recovered.")
        if self.tickets_lost:
            lines.append(f"Not recovered: at least {self.tickets_lost} tickets"
                         + (f", among them the newest day's {_listed(self.missing_numbers)} "
                            "(visitors may hold "
                            "these: they are not in this kiosk's queue, nor in the city's if "
                            "they were not sent)" if self.missing_numbers else "") + ".")
        if self.unreadable:
            lines.append(f"Damaged tables (read page by page): {', '.join(self.unreadable)}.")
        if self.ops_resent:
            lines.append(f"Records to send may be lost: {self.ops_resent} recent tickets are "
                         "sent to the city server again (it keeps each ticket once).")
        if not self.catalog_complete:
            lines.append("The catalog was incomplete: the configured catalog is used until "
                         "the city server's comes at the next sync.")
        if self.leases_set_aside:
            lines.append(f"{self.leases_set_aside} leased number blocks set aside "
                         f"({self.lease_numbers_dropped} numbers unused): new blocks come from "
                         "the city server at the next sync.")
        if self.last_numbers:
            lines.append(f"Highest numbers found: {', '.join(self.last_numbers)}."
                         + (" Numbering continues after them." if self.numbering_known else ""))
        if not self.numbering_known and self.floor_through is not None:
            lines.append("How far this kiosk's own numbering had got could not be read: "
                         f"its own numbers up to {self.floor_through.isoformat()} start at "
                         f"{FLOOR + 1}, so none is given twice.")
        return lines


def salvage(damaged: Path, verdict: Verdict, engine: Engine,
            clock: Callable[[], datetime]) -> SalvageReport:
    """Copy what `damaged` (moved aside; with its `-wal` beside it) still holds into the new,
    empty, migrated store on `engine`. Never raises: a salvage that fails leaves the new store
    empty, with the numbering floor set, and says why."""
    try:
        return _salvage(damaged, verdict, engine, clock)
    except Exception as error:
        log.exception("salvage of %s failed", damaged)
        through = _latest_day(clock(), None)
        try:
            _write_floor(engine, through)
        except Exception:
            log.exception("could not even set the numbering floor in the new store")
        return SalvageReport(damaged, verdict.problem, error=str(error)[:200],
                             numbering_known=False, floor_through=through)


@dataclass
class _Rows:
    """The rows chosen for one table, by key, with the rank of the copy they came from."""

    shape: TableShape
    chosen: dict[Any, tuple[int, dict[str, Value]]]
    seen: set[int] = field(default_factory=set)  # rowids found, in any copy

    def values(self) -> list[dict[str, Value]]:
        return [values for _rank, values in self.chosen.values()]


def _salvage(damaged: Path, verdict: Verdict, engine: Engine,
             clock: Callable[[], datetime]) -> SalvageReport:
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        wanted = {name: shape for name, shape in shapes(driver).items() if name not in NOT_CARRIED}
        if verdict.state is State.FOREIGN:
            through = _latest_day(clock(), None)
            _write_floor(engine, through)
            return SalvageReport(damaged, verdict.problem, foreign=True, numbering_known=False,
                                 floor_through=through)
        sql = read_with_sqlite(damaged, verdict.wal, wanted)
        rows, sql_rank = _choose(damaged, verdict, sql, wanted)
        if not any(table.chosen for table in rows.values()) and not _is_sqlite_file(damaged):
            through = _latest_day(clock(), None)
            _write_floor(engine, through)
            return SalvageReport(damaged, verdict.problem or "not an SQLite file",
                                 foreign=damaged.exists() and damaged.stat().st_size > 0,
                                 numbering_known=False, floor_through=through)
        wal_damaged = verdict.wal is not None and verdict.wal.damaged
        outbox_whole = sql.complete("outbox") and not wal_damaged
        plan = _Plan(rows, wanted)
        plan.drop_stale_withdrawals(sql_rank)
        plan.rebuild_tickets_from_ops()
        if not outbox_whole:
            plan.send_recent_tickets_again()
        missing = plan.missing_numbers()
        newest_missing = tuple(missing[max(missing)]) if missing else ()
        catalog_whole = bool(rows["plaza"].chosen) and all(
            sql.complete(t) for t in CATALOG_TABLES if t in wanted)
        if not catalog_whole:
            # Without its plaza row the store has no catalog: start-up loads the configured one,
            # as on a first start, until the city server's comes. The rest stays for the
            # tickets pointing at it, and the next catalog sets it right.
            rows["plaza"].chosen = {}
        known = sql.complete("number_counter") and not wal_damaged
        through = None if known else _latest_day(clock(), plan.timezone())
        plan.carry_numbering(floor_through=through)
        plan.set_leases_aside()

        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                plan.write(driver)
                if through is not None:
                    driver.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                                   (KEY, floor_value(through)))
                plan.fill_missing_parents(driver)
        finally:
            driver.execute("PRAGMA foreign_keys = ON")
    unreadable = tuple(sorted(name for name in wanted
                              if name in sql.tables and not sql.tables[name].complete))
    if sql.problem:
        unreadable = (f"all ({sql.problem})",)
    return SalvageReport(
        damaged, verdict.problem, tickets=plan.count("ticket"),
        tickets_rebuilt=plan.tickets_rebuilt, missing_numbers=newest_missing,
        tickets_lost=max(plan.tickets_lost(rows["ticket"].seen),
                         sum(len(numbers) for numbers in missing.values())),
        events=plan.count("ticket_event"),
        ops_waiting=plan.ops(refused=False), ops_refused=plan.ops(refused=True),
        ops_resent=plan.ops_resent, leases_set_aside=plan.leases_set_aside,
        ops_from_old_copies=not sql.complete("outbox") or wal_damaged,
        lease_numbers_dropped=plan.lease_numbers_dropped, last_numbers=plan.last_numbers(),
        numbering_known=known, floor_through=through, unreadable=unreadable,
        catalog_complete=catalog_whole)


def _choose(damaged: Path, verdict: Verdict, sql: SqlRead, wanted: dict[str, TableShape]
            ) -> tuple[dict[str, _Rows], int]:
    """Each table's rows, each from its newest readable copy. SQLite's reading sees the file
    with the log's valid frames; pages read one by one add what it could not reach: the older
    copies in the file (when its table was not read whole) and the frames after a break in a
    damaged log (newer than anything SQLite read)."""
    wal = verdict.wal
    wal_damaged = wal is not None and wal.damaged
    valid = wal.valid if wal is not None and wal.header_ok else 0
    sql_rank = 2 * valid + 1
    rows = {name: _Rows(shape, {}) for name, shape in wanted.items()}
    for name, read in sql.tables.items():
        for rowid, values in read.rows.items():
            rows[name].chosen[_key(name, rowid, values)] = (sql_rank, values)
            rows[name].seen.add(rowid)
    raw_tables = {name: wanted[name] for name in RAW_TABLES
                  if name in wanted and (not sql.complete(name) or wal_damaged)}
    if not raw_tables:
        return rows, sql_rank
    frames = [] if wal is None else [f for f in wal.frames if wal_damaged or f.index < valid]
    for found in read_pages(damaged, frames, wal.page_size if wal else 0, raw_tables):
        if sql.complete(found.table) and found.rank <= sql_rank:
            continue  # SQLite read this table whole, from copies at least this new
        _merge(rows[found.table], _key(found.table, found.rowid, found.values), found)
        rows[found.table].seen.add(found.rowid)
    return rows, sql_rank


def _key(table: str, rowid: int, values: dict[str, Value]) -> Any:
    names = KEYS.get(table)
    return rowid if names is None else tuple(values.get(name) for name in names)


def _merge(rows: _Rows, key: Any, found: Found) -> None:
    held = rows.chosen.get(key)
    if held is None or found.rank > held[0]:
        values = dict(found.values)
        if held is not None:
            _keep_highest(rows.shape.name, values, held[1])
        rows.chosen[key] = (found.rank, values)
    else:
        _keep_highest(rows.shape.name, held[1], found.values)


def _keep_highest(table: str, values: dict[str, Value], other: dict[str, Value]) -> None:
    """Counts that only grow keep their highest copy, whichever copy is newest."""
    column = {"number_counter": "last_sequence", "number_lease": "used"}.get(table)
    if column and isinstance(other.get(column), int) and isinstance(values.get(column), int):
        values[column] = max(values[column], other[column])


class _Plan:
    """The rows to write into the new store, put right for a kiosk that goes on serving."""

    def __init__(self, rows: dict[str, _Rows], shapes_: dict[str, TableShape]) -> None:
        self.rows = rows
        self.shapes = shapes_
        self.extra: dict[str, list[dict[str, Value]]] = defaultdict(list)  # rows made here
        self.written: dict[str, int] = {}
        self.tickets_rebuilt = 0
        self.ops_resent = 0
        self.leases_set_aside = 0
        self.lease_numbers_dropped = 0

    # --- tickets and ops ---

    def tickets(self) -> dict[str, dict[str, Value]]:
        made = {values["id"]: values for values in self.extra["ticket"]}
        return {values["id"]: values for values in self.rows["ticket"].values()} | made

    def ops(self, refused: bool) -> int:
        outbox = [*self.rows["outbox"].values(), *self.extra["outbox"]]
        return sum(1 for op in outbox if (op.get("rejected_at") is not None) == refused)

    def drop_stale_withdrawals(self, sql_rank: int) -> None:
        """A take's withdrawal is held back while the server's answer may come, and deleted
        when the visitor gets that ticket. An old copy of a page may still hold it: sent, it
        would cancel the visitor's ticket. A held withdrawal found only in an old copy is
        dropped when the ticket it names is here."""
        tickets = self.tickets()
        outbox = self.rows["outbox"].chosen
        for key, (rank, op) in list(outbox.items()):
            if rank != sql_rank and op.get("kind") == "ticket.void" \
                    and op.get("held_until") is not None and _payload(op).get("ticket") in tickets:
                del outbox[key]

    def rebuild_tickets_from_ops(self) -> None:
        tickets = self.tickets()
        with_events = {event["ticket_id"] for event in self.rows["ticket_event"].values()}
        shape = self.shapes["ticket"]
        for op in self.rows["outbox"].values():
            if op.get("kind") != "ticket.issue":
                continue
            payload = _payload(op)
            if payload.get("id") in tickets:
                continue
            try:
                ticket = {
                    "id": payload["id"], "public_code": payload["public_code"],
                    "service_code": payload["service"], "service_day": payload["service_day"],
                    "sequence": int(payload["sequence"]), "number": payload["number"],
                    "priority": payload.get("priority"), "state": "waiting",
                    "issued_at": _stored_time(payload["issued_at"]),
                    "device_id": payload["device_id"],
                }
            except (KeyError, TypeError, ValueError):
                continue
            if not shape.fits_row(ticket):
                continue
            self.extra["ticket"].append(ticket)
            if ticket["id"] not in with_events:
                self.extra["ticket_event"].append({
                    "ticket_id": ticket["id"], "state": "waiting", "at": ticket["issued_at"],
                    "device_id": ticket["device_id"]})
            tickets[ticket["id"]] = ticket
            self.tickets_rebuilt += 1

    def send_recent_tickets_again(self) -> None:
        tickets = self.tickets()
        if not tickets:
            return
        sent = {_payload(op).get("id") for op in self.rows["outbox"].values()
                if op.get("kind") == "ticket.issue"}
        newest = max(date.fromisoformat(str(t["service_day"])) for t in tickets.values())
        since = (newest - timedelta(days=RESEND_DAYS - 1)).isoformat()
        for ticket in sorted(tickets.values(), key=lambda t: str(t["issued_at"])):
            if ticket["id"] in sent or str(ticket["service_day"]) < since:
                continue
            if ticket.get("state") == "cancelled":
                continue  # only the city server cancels: it has the ticket
            self.extra["outbox"].append({
                "op_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"plaza-kiosk:salvage:{ticket['id']}")),
                "kind": "ticket.issue", "payload": json.dumps(_ticket_payload(ticket)),
                "created_at": ticket["issued_at"], "attempts": 0})
            self.ops_resent += 1

    # --- numbering ---

    def missing_numbers(self) -> dict[str, list[str]]:
        """By service day, the numbers this device gave (every counter step and every leased
        number drawn is a ticket, written in the same transaction) that no ticket found holds:
        visitors hold them, the store lost them. Call before the leases are set aside and
        before the floor raises the counters."""
        tickets = list(self.tickets().values())
        held = {(str(t["service_code"]), str(t["service_day"]), str(t["number"])) for t in tickets}
        prefixes = {str(r["code"]): str(r["prefix"]) for r in self.rows["service"].values()}
        for ticket in tickets:
            prefixes.setdefault(str(ticket["service_code"]), str(ticket["number"]).split("-")[0])
        tag = self._own_tag(tickets)
        expected: set[tuple[str, str, str]] = set()
        for counter in self.rows["number_counter"].values():
            code, day = str(counter["service_code"]), str(counter["service_day"])
            if code in prefixes:
                for sequence in range(1, min(int(counter["last_sequence"]), LAST_SEQUENCE) + 1):
                    expected.add((code, day, _number(prefixes[code], sequence, tag)))
        for lease in self.rows["number_lease"].values():
            code, day = str(lease["service_code"]), str(lease["service_day"])
            if code in prefixes:
                first, used = int(lease["first"]), int(lease.get("used") or 0)
                for sequence in range(first, min(first + used - 1, int(lease["last"])) + 1):
                    expected.add((code, day, _number(prefixes[code], sequence, None)))
        missing: dict[str, list[str]] = defaultdict(list)
        for _code, day, number in sorted(expected - held):
            missing[day].append(number)
        return dict(missing)

    def _own_tag(self, tickets: list[dict[str, Value]]) -> str | None:
        """This device's tag, as its own ops show it (the feed brings others' tickets too)."""
        tags = [str(_payload(op).get("number", "")).split("-")[1]
                for op in self.rows["outbox"].values()
                if op.get("kind") == "ticket.issue" and str(_payload(op).get("number", "")).count("-") == 2]
        tags = tags or [str(t["number"]).split("-")[1] for t in tickets
                        if str(t["number"]).count("-") == 2]
        return max(set(tags), key=tags.count) if tags else None

    def carry_numbering(self, floor_through: date | None) -> None:
        """Each own counter at least at the highest number found for it; with the count
        unknown, every counter up to `floor_through` at least at the floor (new ones start
        there through kiosk.store.number_floor)."""
        counters = self.rows["number_counter"].chosen
        tickets = list(self.tickets().values())
        tagged = [t for t in tickets if str(t["number"]).count("-") == 2]
        # Plain numbers come from this counter only on a kiosk with no city server: no leases
        # and no tagged numbers anywhere in the store.
        standalone = not tagged and not self.rows["number_lease"].chosen
        for ticket in tagged if not standalone else tickets:
            key = (ticket["service_code"], ticket["service_day"])
            held = counters.get(key)
            last = max(int(ticket["sequence"]), int(held[1]["last_sequence"]) if held else 0)
            counters[key] = (held[0] if held else 0, {
                "service_code": key[0], "service_day": key[1], "last_sequence": last})
        if floor_through is not None:
            for _rank, values in counters.values():
                if str(values["service_day"]) <= floor_through.isoformat():
                    values["last_sequence"] = max(int(values["last_sequence"]), FLOOR)

    def set_leases_aside(self) -> None:
        for lease in self.rows["number_lease"].values():
            size = int(lease["last"]) - int(lease["first"]) + 1
            used = min(max(int(lease.get("used") or 0), 0), size)
            self.lease_numbers_dropped += size - used
            lease["used"] = size
            self.leases_set_aside += 1

    def last_numbers(self) -> tuple[str, ...]:
        tickets = list(self.tickets().values())
        if not tickets:
            return ()
        newest = max(str(t["service_day"]) for t in tickets)
        highest: dict[tuple[str, bool], dict[str, Value]] = {}
        for ticket in tickets:
            if str(ticket["service_day"]) != newest:
                continue
            kind = (str(ticket["service_code"]), str(ticket["number"]).count("-") == 2)
            if kind not in highest or int(ticket["sequence"]) > int(highest[kind]["sequence"]):
                highest[kind] = ticket
        return tuple(str(highest[k]["number"]) for k in sorted(highest))

    def timezone(self) -> str | None:
        plaza = self.rows["plaza"].values()
        return str(plaza[0]["timezone"]) if plaza else None

    # --- writing ---

    def write(self, driver: Any) -> None:
        outbox = sorted(self.rows["outbox"].chosen.values(),
                        key=lambda chosen: (chosen[1].get("id") or 0, chosen[0]))
        # Outbox ids are numbered again, in the order the ops were written: an old copy of a
        # page may hold another op under an id a newer one reuses.
        self.rows["outbox"].chosen = {}
        self.extra["outbox"][:0] = [{**values, "id": None} for _rank, values in outbox]
        for name in self.rows:
            self.written[name] = _insert(driver, name, [*self.rows[name].values(),
                                                        *self.extra.get(name, [])])

    def fill_missing_parents(self, driver: Any) -> None:
        """Rows pointing at a row that was lost: an event of a lost ticket goes (the ticket's
        history is the server's too); a ticket or override of a lost service gets a hidden
        stand-in service (as a service that left the catalog), which the next catalog fills."""
        for _ in range(4):
            broken = driver.execute("PRAGMA foreign_key_check").fetchall()
            if not broken:
                return
            for table, rowid, parent, fkid in broken:
                column = next(row[3] for row in driver.execute(f'PRAGMA foreign_key_list("{table}")')
                              if row[0] == fkid)
                value = driver.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?',
                                       (rowid,)).fetchone()[0]
                if parent == "ticket":
                    driver.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                    self.written[table] -= 1
                else:
                    _insert(driver, parent, [_stand_in(self.shapes[parent], value)])
        raise RuntimeError("salvaged rows still point at missing rows")

    def count(self, table: str) -> int:
        return self.written.get(table, 0)

    def tickets_lost(self, rowids: Iterable[int]) -> int:
        """Tickets are never deleted and their rowids count up from 1: the gaps below the
        highest rowid seen, less those rebuilt from their ops, are tickets lost (at least)."""
        seen = set(rowids)
        return max(0, max(seen, default=0) - len(seen) - self.tickets_rebuilt)


def _insert(driver: Any, table: str, rows: Iterable[dict[str, Value]]) -> int:
    """Rows as stored (the same text for dates, times and JSON): a row that clashes with one
    already written (a number or code held twice) is left out."""
    written = 0
    for values in rows:
        names = list(values)
        columns = ", ".join(f'"{name}"' for name in names)
        cursor = driver.execute(f'INSERT OR IGNORE INTO "{table}" ({columns}) '
                                f'VALUES ({", ".join("?" for _ in names)})',
                                [values[name] for name in names])
        written += cursor.rowcount
    return written


def _stand_in(shape: TableShape, key: Value) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for column in shape.columns:
        if column.key:
            values[column.name] = key
        elif column.not_null and column.default is None:
            kind = column.type.upper()
            values[column.name] = (0 if kind in ("INTEGER", "BOOLEAN") else "{}" if kind == "JSON"
                                   else "salvaged" if column.name.endswith("_code") else "")
    if "active" in values:
        values["active"] = 0
    return values


def _listed(numbers: tuple[str, ...], most: int = 12) -> str:
    more = len(numbers) - most
    return ", ".join(numbers[:most]) + (f" and {more} more" if more > 0 else "")


def _is_sqlite_file(path: Path) -> bool:
    if not path.exists():
        return False
    with path.open("rb") as file:
        return is_sqlite(file.read(16))


def _write_floor(engine: Engine, through: date) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                                   (KEY, floor_value(through)))


def _latest_day(moment: datetime, timezone: str | None) -> date:
    """The latest service day it can be at `moment`: the plaza's, or the world's latest."""
    if timezone:
        try:
            return moment.astimezone(ZoneInfo(timezone)).date()
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return (moment.astimezone(UTC) + LATEST_OFFSET).date()


def _payload(op: dict[str, Value]) -> dict[str, Any]:
    try:
        payload = json.loads(str(op.get("payload")))
    except ValueError:
        return {}
    return payload if isinstance(payload, dict) else {}


def _number(prefix: str, sequence: int, tag: str | None) -> str:
    return f"{prefix}-{tag}-{sequence:03d}" if tag else f"{prefix}-{sequence:03d}"


def _stored_time(iso: str) -> str:
    """An ISO time with its zone, as the store keeps times: UTC without a zone."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        raise ValueError("a ticket's time without its zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _ticket_payload(ticket: dict[str, Value]) -> dict[str, Any]:
    """A `ticket.issue` op's payload, as kiosk.local_plaza writes it (a test compares them)."""
    issued = datetime.fromisoformat(str(ticket["issued_at"])).replace(tzinfo=UTC)
    return {
        "id": ticket["id"], "public_code": ticket["public_code"],
        "service": ticket["service_code"], "service_day": ticket["service_day"],
        "sequence": ticket["sequence"], "number": ticket["number"],
        "priority": ticket.get("priority"), "issued_at": issued.isoformat(),
        "device_id": ticket["device_id"],
    }
