"""The `city` fixture: a real city API, uvicorn on a loopback port, over a real database
file (or a fresh database on the PostgreSQL server named by PLAZA_TEST_DATABASE_URL)."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import requests
import uvicorn
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from cityapi.app import create_app
from cityapi.catalog_import import import_catalog
from cityapi.database import make_engine, open_database
from cityapi.devices import new_enrolment_code
from kiosk.service_day import Clock
from sync.credentials import Enrolment
from sync.protocol import EnrolResponse
from tests.conftest import catalog_data, service_entry


@dataclass
class CityServer:
    url: str
    sessions: sessionmaker[Session]
    clock: Clock  # the server's "now": from the test's moment on, never the real date
    app: object = None
    port: int = 0
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Serve (again) on the same port: a restart, as when the city's server comes back."""
        # A held long-poll ends within a second of a stop, as with `plaza-kiosk server`.
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                                     log_level="warning",
                                                     timeout_graceful_shutdown=1))
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self._server.started, "uvicorn did not start"
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop serving, as when the network to the city drops."""
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(10)
            self._server = None

    def code(self, role: str = "kiosk", plaza: str = "test-plaza") -> str:
        with self.sessions.begin() as session:
            return new_enrolment_code(session, plaza, role, self.clock())

    def enrol(self, role: str = "kiosk", name: str = "kiosk-1") -> dict:
        answer = requests.post(f"{self.url}/v1/enrol", timeout=5,
                               json={"code": self.code(role), "role": role, "device_name": name})
        answer.raise_for_status()
        return answer.json()

    def enrolment(self, role: str = "kiosk", name: str = "kiosk-1") -> Enrolment:
        """A device enrolled here, as its device.json would hold it."""
        return Enrolment.from_answer(self.url, EnrolResponse.model_validate(self.enrol(role, name)))


def following(clock: Clock) -> Clock:
    started = time.monotonic()
    return lambda: clock() + timedelta(seconds=time.monotonic() - started)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh database per test: a new one on the PostgreSQL server CI starts
    (scripts/with-postgres.sh), else a SQLite file."""
    server = os.environ.get("PLAZA_TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path / 'city.db'}"
        return
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def city(tmp_path: Path, database_url: str, clock: Clock) -> Iterator[CityServer]:
    """The server's clock is the test's (a Tuesday at 10:00 WITA unless a test says otherwise)
    running on at the real pace: its calls and events keep their order, and when a test moves
    its devices' clock (past midnight, to the next day), the server's day moves with it."""
    server_clock = following(clock)
    sessions = open_database(database_url)
    catalog = tmp_path / "catalog.json"
    # No daily quota: load tests take hundreds of numbers (a test of the quota sets one).
    catalog.write_text(json.dumps(catalog_data([service_entry("ktp-el", "A", daily_quota=None),
                                                service_entry("kk", "B", daily_quota=None)])))
    with sessions.begin() as session:
        import_catalog(session, catalog, server_clock())
    city = CityServer("", sessions, server_clock, app=create_app(sessions, server_clock))
    city.start()
    yield city
    city.stop()
    sessions.kw["bind"].dispose()
