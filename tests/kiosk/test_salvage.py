"""A damaged kiosk store gives back what visitors hold (issue 10, item 3).

Each test issues real tickets through the kiosk's own API (an enrolled kiosk, offline, from
its leased blocks and then with its tag; 40 of its 70 ops sent, 30 not), damages the real
store file with the store closed, and opens it again: the tickets and the unsent ops come
back, what could not is named, and no number of the day is given twice.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk import leases, outbox
from kiosk.local_plaza import IssuedTicket, LocalPlaza
from kiosk.store.db import Store, open_store
from kiosk.store.models import OutboxRow, TicketRow
from kiosk.store.number_floor import FLOOR
from tests.conftest import ALLOWED, FixedClock

PAGE = 4096
DAY = date(2026, 11, 24)  # the conftest clock's service day
TAG = "K7"
SERVICES = ("ktp-el", "kk")


@dataclass
class Issued:
    path: Path
    numbers: dict[str, str]  # ticket id -> number
    payloads: dict[str, dict]  # ticket id -> its ticket.issue op's payload
    unsent_ops: set[str]
    unsent_tickets: set[str]


def _kiosk(store: Store, clock: FixedClock, catalog_file: Path) -> LocalPlaza:
    plaza = LocalPlaza(store, device_id="kiosk-test", timezone="Asia/Makassar", clock=clock)
    plaza.load_catalog_if_empty(catalog_file, ALLOWED)  # as start-up does
    return plaza.enrolled(TAG)


def _issue_offline(folder: Path, clock: FixedClock, catalog_file: Path, crash: bool = False
                   ) -> Issued:
    """70 tickets: 20 + 20 leased, then 15 + 15 tagged; the oldest 40 ops sent. `crash`: the
    files as a killed process leaves them (the write-ahead log not checkpointed)."""
    folder.mkdir(exist_ok=True)
    store = open_store(folder / "kiosk.db", clock=clock)
    plaza = _kiosk(store, clock, catalog_file)
    leases.keep(store, [leases.LeasedBlock("lease-a", "ktp-el", DAY, 501, 520),
                        leases.LeasedBlock("lease-b", "kk", DAY, 521, 540)], DAY)
    numbers = {}
    for index in range(70):
        ticket = plaza.issue_ticket(SERVICES[index % 2])
        assert isinstance(ticket, IssuedTicket), ticket
        numbers[ticket.id] = ticket.number
    ops = outbox.pending(store, 100, clock())
    payloads = {op.payload["id"]: op.payload for op in ops}
    outbox.acknowledge(store, [op.op_id for op in ops[:40]])
    path = folder / "kiosk.db"
    if crash:
        image = folder / "crash"
        image.mkdir()
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{path}{suffix}", f"{image / 'kiosk.db'}{suffix}")
        path = image / "kiosk.db"
    store.close()
    return Issued(path, numbers, payloads, {op.op_id for op in ops[40:]},
                  {op.payload["id"] for op in ops[40:]})


@pytest.fixture
def issued(tmp_path: Path, clock: FixedClock, catalog_file: Path) -> Issued:
    return _issue_offline(tmp_path / "kiosk", clock, catalog_file)


@pytest.fixture
def crashed(tmp_path: Path, clock: FixedClock, catalog_file: Path) -> Issued:
    return _issue_offline(tmp_path / "kiosk", clock, catalog_file, crash=True)


def _garbage(size: int, seed: int = 10) -> bytes:
    return random.Random(seed).randbytes(size)


def _rewrite(path: Path, change) -> bytes:
    data = change(bytearray(path.read_bytes()))
    path.write_bytes(bytes(data))
    return bytes(data)


def _overwrite_page(data: bytearray, page: int) -> bytearray:
    data[page * PAGE:(page + 1) * PAGE] = _garbage(PAGE)
    return data


def _reopen(issued: Issued, clock: FixedClock) -> tuple[Store, bytes]:
    damaged = issued.path.read_bytes()
    store = open_store(issued.path, clock=clock)
    assert store.recovered_from is not None and store.salvage is not None
    # The damaged file is kept as it was, beside the new store, for IT.
    assert store.recovered_from.read_bytes() == damaged
    assert store.recovered_from.parent == issued.path.parent
    with sqlite3.connect(issued.path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return store, damaged


def _tickets(store: Store) -> dict[str, str]:
    with store.read() as session:
        return dict(session.execute(select(TicketRow.id, TicketRow.number)).all())


def _waiting_ops(store: Store) -> dict[str, OutboxRow]:
    with store.read() as session:
        return {row.op_id: row for row in session.scalars(
            select(OutboxRow).where(OutboxRow.rejected_at.is_(None)))}


def _assert_nothing_silently_lost(store: Store, issued: Issued) -> None:
    """Every unsent ticket is back with an op that sends it; every number the kiosk gave is
    either held by a ticket again or named to staff as lost."""
    tickets = _tickets(store)
    ops = _waiting_ops(store)
    sends = {row.payload["id"] for row in ops.values() if row.kind == "ticket.issue"}
    missing = set(store.salvage.missing_numbers)
    for ticket_id in issued.unsent_tickets:
        assert ticket_id in sends or issued.numbers[ticket_id] in missing
        assert ticket_id in tickets or issued.numbers[ticket_id] in missing
    assert set(issued.numbers.values()) <= set(tickets.values()) | missing
    for row in ops.values():  # a ticket sent again is sent as the kiosk first wrote it
        if row.kind == "ticket.issue":
            assert row.payload == issued.payloads[row.payload["id"]]


def _assert_no_number_given_twice(store: Store, issued: Issued, clock: FixedClock,
                                  catalog_file: Path) -> list[str]:
    """The leased blocks are set aside; new tickets, offline, take numbers never given."""
    assert leases.numbers_left(store, [DAY]) in ({}, {("ktp-el", DAY): 0, ("kk", DAY): 0})
    plaza = _kiosk(store, clock, catalog_file)
    after = []
    for service in SERVICES:
        for _ in range(10):
            ticket = plaza.issue_ticket(service)
            assert isinstance(ticket, IssuedTicket), ticket
            after.append(ticket.number)
    assert not set(after) & set(issued.numbers.values()), "a number given twice"
    assert all(n.count("-") == 2 for n in after), "drawn from a leased block set aside"
    # A fresh block from the city server is drawn from as usual.
    leases.keep(store, [leases.LeasedBlock("lease-c", "ktp-el", DAY, 541, 545)], DAY)
    assert plaza.issue_ticket("ktp-el").number == "A-541"
    return after


# --- each kind of damage ---


def test_a_file_cut_short_gives_back_its_tickets_and_names_the_lost(
        issued: Issued, clock: FixedClock, catalog_file: Path) -> None:
    _rewrite(issued.path, lambda data: data[:len(data) - PAGE - 1000])  # the last pages torn
    store, _ = _reopen(issued, clock)
    _assert_nothing_silently_lost(store, issued)
    assert len(_tickets(store)) >= 60
    lines = " ".join(store.salvage.lines())
    for number in store.salvage.missing_numbers:
        assert number in lines
    _assert_no_number_given_twice(store, issued, clock, catalog_file)
    store.close()


def test_a_page_overwritten_in_the_middle_loses_no_ticket(
        issued: Issued, clock: FixedClock, catalog_file: Path) -> None:
    _rewrite(issued.path, lambda data: _overwrite_page(data, len(data) // PAGE // 2))
    store, _ = _reopen(issued, clock)
    _assert_nothing_silently_lost(store, issued)
    assert set(_tickets(store)) == set(issued.numbers)
    assert issued.unsent_ops <= set(_waiting_ops(store)) or store.salvage.ops_resent
    assert store.salvage.missing_numbers == ()
    _assert_no_number_given_twice(store, issued, clock, catalog_file)
    store.close()


@pytest.mark.parametrize("page", range(1, 12))
def test_any_one_page_overwritten_loses_no_unsent_ticket(
        tmp_path: Path, clock: FixedClock, catalog_file: Path, page: int) -> None:
    """A ticket's row and its op live in different tables, so on different pages: with one
    page gone, every unsent ticket comes back from one or the other. Pages across the file."""
    issued = _issue_offline(tmp_path / "kiosk", clock, catalog_file)
    pages = issued.path.stat().st_size // PAGE
    _rewrite(issued.path, lambda data: _overwrite_page(data, page * (pages - 1) // 11))
    store = open_store(issued.path, clock=clock)
    if store.recovered_from is None:  # a free page: nothing SQLite reads, nothing lost
        assert _tickets(store) == issued.numbers
        assert set(_waiting_ops(store)) == issued.unsent_ops
        store.close()
        return
    _assert_nothing_silently_lost(store, issued)
    assert issued.unsent_tickets <= set(_tickets(store))
    assert store.salvage.missing_numbers == ()
    _assert_no_number_given_twice(store, issued, clock, catalog_file)
    store.close()


def test_a_zeroed_header_loses_nothing(issued: Issued, clock: FixedClock,
                                       catalog_file: Path) -> None:
    _rewrite(issued.path, lambda data: bytes(100) + data[100:])
    store, _ = _reopen(issued, clock)
    assert not store.salvage.foreign
    assert _tickets(store) == issued.numbers
    assert set(_waiting_ops(store)) == issued.unsent_ops
    assert store.salvage.numbering_known
    after = _assert_no_number_given_twice(store, issued, clock, catalog_file)
    assert after[0] == "A-K7-016"  # the count carried over: nothing skipped
    store.close()


def test_an_empty_file_is_damage_and_numbering_restarts_above_the_floor(
        issued: Issued, clock: FixedClock, catalog_file: Path) -> None:
    issued.path.write_bytes(b"")
    store, _ = _reopen(issued, clock)
    report = store.salvage
    assert "empty (0 bytes)" in report.problem
    assert (report.tickets, report.ops_waiting) == (0, 0)
    assert not report.numbering_known and report.floor_through == DAY
    assert any(f"start at {FLOOR + 1}" in line for line in report.lines())
    after = _assert_no_number_given_twice(store, issued, clock, catalog_file)
    assert after[0] == f"A-{TAG}-{FLOOR + 1}"
    store.close()


def test_garbage_in_the_write_ahead_log_loses_no_committed_ticket(
        crashed: Issued, clock: FixedClock, catalog_file: Path) -> None:
    """SQLite would silently drop every transaction after the damaged frames, and start
    with an older store: numbers given since would be given again."""
    log_file = Path(f"{crashed.path}-wal")
    before = log_file.read_bytes()
    assert len(before) > 100 * PAGE
    middle = len(before) // 2
    log_file.write_bytes(before[:middle] + _garbage(2 * PAGE) + before[middle + 2 * PAGE:])
    with sqlite3.connect(f"file:{tmp_copy(crashed.path)}?mode=ro", uri=True) as plain:
        seen_by_sqlite = plain.execute("SELECT count(*) FROM ticket").fetchone()[0]
    assert seen_by_sqlite < 70  # what opening it plainly would have kept
    store, _ = _reopen(crashed, clock)
    assert "write-ahead log" in store.salvage.problem
    assert Path(f"{store.recovered_from}-wal").read_bytes() != before  # kept as it was found
    assert _tickets(store) == crashed.numbers
    assert crashed.unsent_ops <= set(_waiting_ops(store))
    _assert_nothing_silently_lost(store, crashed)
    _assert_no_number_given_twice(store, crashed, clock, catalog_file)
    store.close()


def tmp_copy(path: Path) -> Path:
    """The store and its log copied beside it, for a look that changes nothing."""
    copy = path.with_name("look.db")
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{path}{suffix}", f"{copy}{suffix}")
    return copy


def test_a_garbage_log_header_loses_no_committed_ticket(
        crashed: Issued, clock: FixedClock, catalog_file: Path) -> None:
    _rewrite(Path(f"{crashed.path}-wal"), lambda data: _garbage(32) + data[32:])
    store, _ = _reopen(crashed, clock)
    assert _tickets(store) == crashed.numbers
    assert crashed.unsent_ops <= set(_waiting_ops(store))
    _assert_no_number_given_twice(store, crashed, clock, catalog_file)
    store.close()


# --- not damage ---


def test_a_kiosk_killed_mid_day_opens_as_it_was(crashed: Issued, clock: FixedClock) -> None:
    """A valid log left by a killed process is the store's newest state, not damage; nor is
    a last frame cut short by the kill."""
    log_file = Path(f"{crashed.path}-wal")
    log_file.write_bytes(log_file.read_bytes()[:-1000])
    store = open_store(crashed.path, clock=clock)
    assert store.recovered_from is None and store.salvage is None
    assert len(_tickets(store)) >= 69
    store.close()


def test_a_foreign_sqlite_file_is_moved_aside_untouched(tmp_path: Path, clock: FixedClock,
                                                        catalog_file: Path) -> None:
    path = tmp_path / "kiosk.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        other.execute("INSERT INTO photos (name) VALUES ('plaza.jpg')")
    other.close()
    before = path.read_bytes()
    store = open_store(path, clock=clock)
    assert store.salvage is not None and store.salvage.foreign
    assert store.recovered_from.read_bytes() == before
    assert "photos" in store.salvage.problem
    plaza = _kiosk(store, clock, catalog_file)
    assert plaza.issue_ticket("ktp-el").number == f"A-{TAG}-{FLOOR + 1}"
    store.close()


def test_a_file_of_another_kind_is_moved_aside_as_foreign(tmp_path: Path, clock) -> None:
    path = tmp_path / "kiosk.db"
    path.write_bytes(b"%PDF-1.7 not a database at all\n" * 300)
    store = open_store(path, clock=clock)
    assert store.salvage.foreign and store.salvage.tickets == 0
    assert store.recovered_from.read_bytes().startswith(b"%PDF")
    store.close()


def test_a_second_damage_the_same_second_never_overwrites_the_first(
        tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "kiosk.db"
    kept = []
    for content in (b"first" * 1000, b"second" * 1000):
        path.write_bytes(content)
        store = open_store(path, clock=clock)
        kept.append(store.recovered_from)
        store.close()
    assert kept[0] != kept[1]
    assert kept[0].read_bytes().startswith(b"first") and kept[1].read_bytes().startswith(b"second")


def test_the_staff_are_told_what_came_back(issued: Issued, clock: FixedClock) -> None:
    _rewrite(issued.path, lambda data: data[:len(data) - PAGE - 1000])
    store, _ = _reopen(issued, clock)
    lines = store.salvage.lines()
    assert lines[0].startswith("Damage found:")
    assert any(line.startswith(f"Recovered: {store.salvage.tickets} tickets") for line in lines)
    assert any("leased number blocks set aside" in line for line in lines)
    store.close()


# --- at the city server ---


def test_after_salvage_the_city_gets_every_ticket_once_and_refuses_none(
        city, tmp_path: Path, catalog_file: Path) -> None:
    """The incident: 70 tickets offline, 30 not sent, a page in the middle overwritten. The
    salvaged kiosk sends what was not sent (and, when its outbox may be incomplete, its
    recent tickets again), and then numbers on without clashing with anything given."""
    from sync.client import CityClient
    from sync.engine import push_outbox, top_up_leases
    from tests.sync.test_numbers import server_tickets

    enrolment = city.enrolment()
    clock = FixedClock(city.clock())
    client = CityClient(city.url, enrolment.token, retries=1, timeout=(1, 5))
    path = tmp_path / "kiosk.db"

    def kiosk(store: Store) -> LocalPlaza:
        plaza = LocalPlaza(store, device_id="kiosk-1", timezone="Asia/Makassar", clock=clock,
                           device_tag=enrolment.tag)
        plaza.load_catalog_if_empty(catalog_file, ALLOWED)
        return plaza

    plaza = kiosk(open_store(path, clock=clock))
    assert top_up_leases(plaza, client, 20)
    given = [plaza.issue_ticket(SERVICES[i % 2]).number for i in range(40)]
    assert push_outbox(plaza, client).rejected == 0
    given += [plaza.issue_ticket(SERVICES[i % 2]).number for i in range(30)]  # not sent
    plaza.store.close()
    _rewrite(path, lambda data: _overwrite_page(data, len(data) // PAGE // 2))

    plaza = kiosk(open_store(path, clock=clock))
    assert plaza.store.recovered_from is not None
    report = push_outbox(plaza, client)
    assert report.rejected == 0, outbox.health(plaza.store).reasons
    on_server = sorted(number for number, _state in server_tickets(city).values())
    assert on_server == sorted(given)
    top_up_leases(plaza, client, 20)  # fresh blocks, never the old ones
    more = [plaza.issue_ticket(SERVICES[i % 2]).number for i in range(10)]
    assert not set(more) & set(given)
    assert push_outbox(plaza, client).rejected == 0
    on_server = [number for number, _state in server_tickets(city).values()]
    assert len(on_server) == len(set(on_server)) == 80
    plaza.store.close()
    client.close()


def test_resent_tickets_use_op_ids_made_from_the_ticket(issued: Issued, clock: FixedClock) -> None:
    """Sent again after a second damage, a ticket goes under the same op id."""
    _rewrite(issued.path, lambda data: data[:len(data) - PAGE - 1000])
    store, _ = _reopen(issued, clock)
    resent = [row for row in _waiting_ops(store).values() if row.op_id not in issued.unsent_ops]
    for row in resent:
        assert row.op_id == str(uuid.uuid5(uuid.NAMESPACE_URL,
                                           f"plaza-kiosk:salvage:{row.payload['id']}"))
    store.close()


def test_the_floor_setting_reads_back(tmp_path: Path, clock: FixedClock) -> None:
    from kiosk.store.models import Setting
    from kiosk.store.number_floor import KEY, own_numbering_floor

    path = tmp_path / "kiosk.db"
    path.write_bytes(b"")
    store = open_store(path, clock=clock)
    with store.read() as session:
        assert json.loads(session.get(Setting, KEY).value)["through"] == DAY.isoformat()
        assert own_numbering_floor(session, DAY) == FLOOR
        assert own_numbering_floor(session, date(2026, 11, 25)) == 0  # the next day as usual
    store.close()
