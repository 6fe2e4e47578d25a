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
from tests.conftest import catalog_data, service_entry


@dataclass
class CityServer:
    url: str
    sessions: sessionmaker[Session]

    def code(self, role: str = "kiosk", plaza: str = "test-plaza") -> str:
        with self.sessions.begin() as session:
            return new_enrolment_code(session, plaza, role)

    def enrol(self, role: str = "kiosk", name: str = "kiosk-1") -> dict:
        answer = requests.post(f"{self.url}/v1/enrol", timeout=5,
                               json={"code": self.code(role), "role": role, "device_name": name})
        answer.raise_for_status()
        return answer.json()


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
def city(tmp_path: Path, database_url: str) -> Iterator[CityServer]:
    sessions = open_database(database_url)
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(catalog_data([service_entry("ktp-el", "A"),
                                                service_entry("kk", "B")])))
    with sessions.begin() as session:
        import_catalog(session, catalog)
    server = uvicorn.Server(uvicorn.Config(create_app(sessions), host="127.0.0.1", port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    yield CityServer(f"http://127.0.0.1:{port}", sessions)
    server.should_exit = True
    thread.join(10)
    sessions.kw["bind"].dispose()
