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
from pathlib import Path

from kiosk.local_plaza import LocalPlaza
from kiosk.store.db import open_store
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
    acknowledged: set[str] = set()
    rng = random.Random(20261122)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(ISSUER), str(path), "kiosk-kill",
                                  city.clock().isoformat()],
                                 stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        first = child.stdout.readline()  # wait until it is really issuing
        assert first, "the issuing process did not start"
        acknowledged.add(first.split()[0])
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged.update(line.split()[0] for line in out.splitlines() if line.strip())

        check = sqlite3.connect(path)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in check.execute("SELECT id FROM ticket")}
        assert acknowledged <= stored, f"lost {len(acknowledged - stored)} acknowledged tickets"
        numbers = check.execute("SELECT service_code, service_day, number FROM ticket").fetchall()
        assert len(numbers) == len(set(numbers)), "a number was issued twice"
        outbox = check.execute("SELECT count(*) FROM outbox").fetchone()[0]
        assert outbox == len(stored)  # every ticket has its op, written in the same transaction
        check.close()

    assert len(acknowledged) > KILLS
    store = open_store(path)
    report = push_outbox(store, CityClient(city.url, city.enrol()["token"]))
    assert report.rejected == 0 and report.acknowledged == len(stored)
    store.close()
