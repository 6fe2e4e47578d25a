"""Black box: three whole kiosk processes (desk and sync engine) and the city server process,
each killed with SIGKILL at random while visitors take numbers, the server also left down for
a while. Afterwards a set check: every ticket a kiosk acknowledged is on the server exactly
once, no number is held twice, and no ticket waits on the server that no kiosk holds."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import requests
from sqlalchemy import select

from cityapi.models import Ticket
from kiosk.local_plaza import WITHDRAWAL_HOLD, LocalPlaza
from kiosk.store.db import open_store
from kiosk.store.models import TicketRow
from kiosk.vocabulary import TicketState
from sync.client import CityClient
from sync.engine import push_outbox
from tests.city_server import CityServer
from tests.reliability.test_kill9 import ISSUER, ROOT, open_all_day

ROUNDS = 14
KIOSKS = 3
PAUSE = 0.15  # seconds between two visitors at one kiosk


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """The server and the kiosks as child processes, each restartable after a kill."""

    def __init__(self, tmp_path: Path, database_url: str, city: CityServer) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url
        self.clock_start = city.clock().isoformat()
        self.env = dict(os.environ, PYTHONPATH=str(ROOT), PLAZA_CITY_CLOCK_START=self.clock_start)
        self.kiosks = []
        for n in range(KIOSKS):
            folder = tmp_path / f"kiosk-{n}"
            folder.mkdir()
            enrolment = city.enrolment(name=f"kiosk-{n}")
            self.kiosks.append((open_all_day(folder), f"kiosk-{n}", enrolment))
        self.server: subprocess.Popen | None = None
        self.running: list[subprocess.Popen | None] = [None] * KIOSKS
        self.acknowledged: list[str] = []
        self._readers: list[threading.Thread] = []

    def start_server(self) -> None:
        self.server = subprocess.Popen(
            [sys.executable, "-m", "plaza_kiosk", "server", "--db", self.database_url,
             "--port", str(self.port)], env=self.env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise AssertionError("the city server process did not start")

    def kill_server(self) -> None:
        self.server.send_signal(signal.SIGKILL)
        self.server.wait()

    def start_kiosk(self, index: int) -> None:
        store, device, enrolment = self.kiosks[index]
        child = subprocess.Popen(
            [sys.executable, str(ISSUER), str(store), device, self.clock_start, self.url,
             enrolment.token, enrolment.tag, str(PAUSE)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=self.env, cwd=ROOT)
        self.running[index] = child
        reader = threading.Thread(target=self._read, args=(child,), daemon=True)
        reader.start()
        self._readers.append(reader)

    def _read(self, child: subprocess.Popen) -> None:
        for line in child.stdout:  # printed only after the ticket's transaction committed
            if line.strip():
                self.acknowledged.append(line.split()[0])

    def kill_kiosk(self, index: int) -> None:
        child = self.running[index]
        child.send_signal(signal.SIGKILL)
        child.wait()

    def stop_all(self) -> None:
        for index in range(KIOSKS):
            self.kill_kiosk(index)
        for reader in self._readers:
            reader.join(10)


def test_kiosks_and_server_killed_at_random_lose_and_double_nothing(
        tmp_path: Path, city: CityServer, database_url: str) -> None:
    processes = Processes(tmp_path, database_url, city)
    city.stop()  # the database stays; from now on the server is a process of its own
    processes.start_server()
    for index in range(KIOSKS):
        processes.start_kiosk(index)
    rng = random.Random(20261128)
    server_kills = kiosk_kills = 0
    try:
        for _ in range(ROUNDS):
            time.sleep(rng.uniform(0.8, 2.0))
            if rng.random() < 0.35:
                processes.kill_server()
                server_kills += 1
                time.sleep(rng.uniform(0.0, 2.5))  # down a while: kiosks number on their own
                processes.start_server()
            else:
                index = rng.randrange(KIOSKS)
                processes.kill_kiosk(index)
                kiosk_kills += 1
                processes.start_kiosk(index)
    finally:
        processes.stop_all()

    # Each kiosk starts again later (its held withdrawals are due) and drains its outbox.
    later = city.clock() + WITHDRAWAL_HOLD + timedelta(minutes=1)
    held: set[str] = set()
    try:
        for store_path, device, enrolment in processes.kiosks:
            plaza = LocalPlaza(open_store(store_path), device_id=device,
                               clock=lambda: later, device_tag=enrolment.tag)
            client = CityClient(processes.url, enrolment.token)
            for _ in range(20):
                report = push_outbox(plaza, client)
                if report.sent == 0:
                    break
            with plaza.store.read() as session:
                held |= set(session.scalars(select(TicketRow.id).where(
                    TicketRow.state != TicketState.CANCELLED)))
            client.close()
            plaza.store.close()
    finally:
        processes.kill_server()

    with city.sessions() as session:
        rows = session.execute(select(Ticket.id, Ticket.service_code, Ticket.service_day,
                                      Ticket.number, Ticket.state)).all()
    acknowledged = set(processes.acknowledged)
    on_server = {row.id for row in rows}
    waiting = {row.id for row in rows if row.state == TicketState.WAITING}
    numbers = Counter((row.service_code, row.service_day, row.number) for row in rows
                      if row.state != TicketState.CANCELLED)
    print(f"\n{len(acknowledged)} acknowledged over {kiosk_kills} kiosk and {server_kills} "
          f"server kills; {len(rows)} made on the server, {len(rows) - len(waiting)} withdrawn")
    assert server_kills and kiosk_kills and len(acknowledged) > 50
    assert len(processes.acknowledged) == len(acknowledged), "a ticket was acknowledged twice"
    assert acknowledged <= on_server, f"{len(acknowledged - on_server)} acknowledged tickets lost"
    assert acknowledged <= waiting, "a ticket a visitor holds is not waiting on the server"
    assert max(numbers.values()) == 1, "a number is held twice"
    assert waiting <= held, f"{len(waiting - held)} tickets wait on the server that no kiosk holds"
