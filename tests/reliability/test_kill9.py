"""`kill -9` of a kiosk process while it issues, 20+ times: no ticket it acknowledged is lost,
the SQLite file stays intact, numbers stay unique, and the outbox drains afterwards."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from kiosk.local_plaza import LocalPlaza
from kiosk.store.db import open_store
from kiosk.store.models import TicketRow
from sync.client import CityClient
from sync.engine import push_outbox
from tests.city_server import CityServer
from tests.conftest import ALLOWED, catalog_data, service_entry

KILLS = 20
ISSUER = Path(__file__).with_name("issuer.py")
ROOT = Path(__file__).resolve().parents[2]


def open_all_day(tmp_path: Path) -> Path:
    """A store whose services take numbers at any hour, so the test runs whenever CI does."""
    always = {day: ["00:00", "23:59"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    data = catalog_data([service_entry("ktp-el", "A", hours=always, daily_quota=None,
                                       last_number=None),
                         service_entry("kk", "B", hours=always, daily_quota=None,
                                       last_number=None)])
    data["plaza"].pop("friday_break")
    data["holidays"] = []
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(data))
    store = open_store(tmp_path / "kiosk.db")
    LocalPlaza(store, device_id="k", timezone="Asia/Makassar").import_catalog(catalog, ALLOWED)
    store.close()
    return tmp_path / "kiosk.db"


def test_kill_9_loses_no_acknowledged_ticket(tmp_path: Path, city: CityServer) -> None:
    path = open_all_day(tmp_path)
    stored: set[str] = set()

    def intact(acknowledged: set[str]) -> None:
        check = sqlite3.connect(path)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored.clear()
        stored.update(row[0] for row in check.execute("SELECT id FROM ticket"))
        assert acknowledged <= stored, f"lost {len(acknowledged - stored)} acknowledged tickets"
        numbers = check.execute("SELECT service_code, service_day, number FROM ticket").fetchall()
        assert len(numbers) == len(set(numbers)), "a number was issued twice"
        outbox = check.execute("SELECT count(*) FROM outbox").fetchone()[0]
        assert outbox == len(stored)  # every ticket has its op, written in the same transaction
        check.close()

    acknowledged = _kill_while_issuing(path, ["kiosk-kill", city.clock().isoformat()], KILLS,
                                       after_each=intact)
    assert len(acknowledged) > KILLS
    plaza = LocalPlaza(open_store(path), device_id="kiosk-kill", timezone="Asia/Makassar",
                       clock=city.clock)
    report = push_outbox(plaza, CityClient(city.url, city.enrol()["token"]))
    assert report.rejected == 0 and report.acknowledged == len(stored)
    plaza.store.close()


def _kill_while_issuing(path: Path, args: list[str], kills: int,
                        after_each: Callable[[set[str]], None] = lambda _acknowledged: None,
                        ) -> set[str]:
    """Start the issuer, let it issue a random moment, kill -9, check; `kills` times. Returns
    the ids of the tickets it acknowledged (printed after their commit)."""
    acknowledged: set[str] = set()
    rng = random.Random(20261128)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, str(ISSUER), str(path), *args],
                                 stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        first = child.stdout.readline()  # wait until it is really issuing
        assert first, "the issuing process did not start"
        acknowledged.add(first.split()[0])
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged.update(line.split()[0] for line in out.splitlines() if line.strip())
        after_each(acknowledged)
    return acknowledged


def test_kill_9_while_taking_online_leaves_no_ticket_nobody_holds(tmp_path: Path,
                                                                  city: CityServer) -> None:
    """An online kiosk killed at random while the server numbers its takes: some die after
    the server made a ticket and before the kiosk recorded it. Their held withdrawals go out
    once the hold ends, and the server's queue holds only tickets a visitor was shown."""
    from datetime import timedelta

    from cityapi.models import Ticket
    from kiosk.local_plaza import WITHDRAWAL_HOLD

    path = open_all_day(tmp_path)
    enrolment = city.enrolment(name="kiosk-kill")
    acknowledged = _kill_while_issuing(
        path, ["kiosk-kill", city.clock().isoformat(), city.url, enrolment.token, enrolment.tag],
        KILLS)
    # The kiosk starts again later, and its sync sends what it holds (the holds have ended).
    later = city.clock() + WITHDRAWAL_HOLD + timedelta(seconds=1)
    plaza = LocalPlaza(open_store(path), device_id="kiosk-kill", timezone="Asia/Makassar",
                       clock=lambda: later, device_tag=enrolment.tag)
    with plaza.store.read() as session:
        kept = set(session.scalars(select(TicketRow.id)))
    report = push_outbox(plaza, CityClient(city.url, enrolment.token))
    assert report.rejected == 0
    plaza.store.close()
    with city.sessions() as session:
        waiting = set(session.scalars(select(Ticket.id).where(Ticket.state == "waiting")))
        made = session.scalar(select(func.count()).select_from(Ticket))
    assert acknowledged <= kept, "a ticket the kiosk acknowledged is gone from its store"
    assert acknowledged <= waiting, "a ticket a visitor holds is not in the server's queue"
    assert waiting <= kept, f"{len(waiting - kept)} tickets wait on the server that no one holds"
    print(f"\n{len(acknowledged)} acknowledged, {made} made on the server, "
          f"{made - len(waiting)} withdrawn after a kill")
