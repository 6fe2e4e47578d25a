"""`plaza-kiosk doctor` on a good device and on each broken one: a real store file, a real
city API on loopback, the real command in a process. Each failure is named, with its fix,
and never as a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest

from cityapi.app import create_app
from cityapi.catalog_import import import_catalog
from cityapi.database import open_database
from kiosk.config import load_config
from plaza_kiosk import doctor
from plaza_kiosk.doctor import Finding, Setup, Status
from plaza_kiosk.startup import open_plaza
from sync import credentials
from sync.client import CityClient
from sync.engine import top_up_leases
from tests.city_server import CityServer, following
from tests.conftest import ALLOWED, catalog_data

CLI = [sys.executable, "-m", "plaza_kiosk"]


@pytest.fixture
def plaza_city(tmp_path: Path, database_url: str, clock):
    """A city API whose plaza has its own catalog (not the sample), on the test's clock."""
    server_clock = following(clock)
    sessions = open_database(database_url)
    catalog = tmp_path / "city-catalog.json"
    catalog.write_text(json.dumps(catalog_data() | {"sample": False}))
    with sessions.begin() as session:
        import_catalog(session, catalog, server_clock())
    city = CityServer("", sessions, server_clock, app=create_app(sessions, server_clock))
    city.start()
    yield city
    city.stop()
    sessions.kw["bind"].dispose()


def write_config(folder: Path, data: Path, extra: str = "") -> Path:
    file = folder / "config.toml"
    file.write_text(f'[data]\ndir = "{data}"\n{extra}')
    return file


def enrolled_kiosk(folder: Path, city: CityServer) -> Path:
    """A kiosk as it stands after a morning online: enrolled, the plaza's catalog, leases."""
    data = folder / "data"
    config_file = write_config(folder, data)
    config = load_config(config_file, environ={})
    enrolment = city.enrolment("kiosk")
    credentials.save(data, enrolment)
    plaza, _ = open_plaza(config, clock=city.clock, load_catalog=False)
    client = CityClient(city.url, enrolment.token)
    try:
        etag, document = client.catalog(None)
        plaza.replace_catalog(document, ALLOWED, etag)
        assert top_up_leases(plaza.enrolled(enrolment.tag), client, 20) > 0
    finally:
        client.close()
        plaza.store.close()
    return config_file


def check(findings: list[Finding], name: str) -> Finding:
    return next(f for f in findings if f.check == name)


def run(config_file: Path, city: CityServer | None = None, **setup) -> list[Finding]:
    clock = setup.pop("clock", city.clock if city else None)
    return doctor.run(Setup(config_file=config_file, environ={}, screen=(1080, 1920),
                            **({"clock": clock} if clock else {}), **setup))


def test_a_good_kiosk_passes(tmp_path: Path, plaza_city: CityServer) -> None:
    findings = run(enrolled_kiosk(tmp_path, plaza_city), plaza_city)
    names = [f.check for f in findings]
    assert names[:12] == ["config", "data folder", "store", "catalog", "enrolment", "server",
                          "clock", "outbox", "leases", "screen", "fonts", "audio"]
    assert names[-1] == "watchdog"  # the printer's check, when registered, comes just before
    assert not [f for f in findings if f.status == Status.FAIL], findings
    for name in ("config", "data folder", "store", "catalog", "enrolment", "server", "clock",
                 "outbox", "leases", "screen", "fonts"):
        assert check(findings, name).status == Status.PASS, check(findings, name)
    assert "token accepted" in check(findings, "enrolment").detail
    assert check(findings, "screen").detail == "1080x1920, portrait"
    assert "from the city server" in check(findings, "catalog").detail


def test_a_missing_or_broken_config_is_named(tmp_path: Path) -> None:
    missing = run(tmp_path / "nowhere.toml")
    assert check(missing, "config").status == Status.FAIL
    assert "config file not found" in check(missing, "config").detail
    assert check(missing, "store").status == Status.SKIP  # nothing more to say without it

    broken = run(write_config(tmp_path, tmp_path / "data", "[kiosk]\nidle_seconds = -5\n"))
    finding = check(broken, "config")
    assert finding.status == Status.FAIL and "[kiosk] idle_seconds" in finding.detail
    assert "config.example.toml" in finding.fix


def test_a_store_from_a_newer_version_is_named(tmp_path: Path, plaza_city: CityServer) -> None:
    config_file = enrolled_kiosk(tmp_path, plaza_city)
    with sqlite3.connect(tmp_path / "data" / "kiosk.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    finding = check(run(config_file, plaza_city), "store")
    assert finding.status == Status.FAIL
    assert "from a newer Plaza Kiosk (schema 9999" in finding.detail
    assert "install.sh update" in finding.fix


def test_no_network_and_a_refused_token_are_told_apart(tmp_path: Path, plaza_city: CityServer) -> None:
    config_file = enrolled_kiosk(tmp_path, plaza_city)
    data = tmp_path / "data"
    enrolment = credentials.load(data)
    plaza_city.stop()  # the network to the city is down
    offline = run(config_file, plaza_city, timeout=1.0)
    assert check(offline, "server").status == Status.WARN  # a kiosk keeps numbering offline
    assert "no answer from" in check(offline, "server").detail
    assert check(offline, "enrolment").status == Status.WARN
    counter = run(config_file, plaza_city, timeout=1.0, mode="counter")
    assert check(counter, "enrolment").status == Status.FAIL  # enrolled as a kiosk, not a counter

    plaza_city.start()
    credentials.save(data, credentials.Enrolment(**{**enrolment.__dict__, "token": "not-a-token"}))
    refused = check(run(config_file, plaza_city), "enrolment")
    assert refused.status == Status.FAIL and "refused the token" in refused.detail
    assert "enrol again" in refused.fix


def test_a_wrong_clock_is_named(tmp_path: Path, plaza_city: CityServer) -> None:
    config_file = enrolled_kiosk(tmp_path, plaza_city)
    slow = check(run(config_file, plaza_city, clock=lambda: plaza_city.clock() - timedelta(minutes=10)),
                 "clock")
    assert slow.status == Status.FAIL and "behind the city server" in slow.detail
    assert "timedatectl set-ntp true" in slow.fix
    tomorrow = check(run(config_file, plaza_city, clock=lambda: plaza_city.clock() + timedelta(hours=16)),
                     "clock")
    assert "wrong service day" in tomorrow.detail


def test_another_part_adds_its_check_before_the_watchdog(tmp_path: Path) -> None:
    saved = list(doctor.CHECKS)
    try:
        doctor.register("printer", lambda setup: Finding("printer", Status.WARN, "paper low", "refill"))
        doctor.register("lamp", lambda setup: Finding("lamp", Status.PASS, "on"), before="printer")
        names = [entry.name for entry in doctor.CHECKS]
        assert names[-3:] == ["lamp", "printer", "watchdog"]
        doctor.register("printer", lambda setup: 1 / 0)  # replaced, and a broken check is a finding
        findings = run(write_config(tmp_path, tmp_path / "data"))
        assert [f.check for f in findings].count("printer") == 1
        assert check(findings, "printer").status == Status.FAIL
        assert "ZeroDivisionError" in check(findings, "printer").detail
    finally:
        doctor.CHECKS[:] = saved


def cli(*args: str, user: int | None = None):
    env = dict(os.environ, HOME=tempfile.gettempdir())
    env.pop("PLAZA_KIOSK_CONFIG", None)
    prefix = []
    if user is not None and os.geteuid() == 0:  # root writes anywhere: be the kiosk's own user
        prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    return subprocess.run([*prefix, *CLI, *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_command_exits_1_on_a_failure_and_speaks_json(tmp_path: Path) -> None:
    config = write_config(tmp_path, tmp_path / "data", "[kiosk]\nidle_seconds = -5\n")
    result = cli("--config", str(config), "doctor", "--json")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["checks"][0]["check"] == "config" and report["checks"][0]["status"] == "fail"

    text = cli("--config", str(write_config(tmp_path, tmp_path / "data")), "doctor")
    assert text.returncode == 0, text.stdout  # warnings only (no store yet, no systemd here)
    assert "0 failed" in text.stdout and "fix: " in text.stdout


def test_a_read_only_data_folder_fails(tmp_path: Path) -> None:
    # A folder the kiosk's user may read but not write (as root: run as nobody; root writes
    # anywhere). Under /tmp itself, so that user can reach it.
    folder = Path(tempfile.mkdtemp(prefix="plaza-doctor-"))
    try:
        data = folder / "data"
        data.mkdir()
        folder.chmod(0o755)
        data.chmod(0o555)
        config = write_config(folder, data)
        config.chmod(0o644)
        result = cli("--config", str(config), "doctor", "--json", user=65534)  # nobody
        assert result.returncode == 1, result.stderr
        found = next(c for c in json.loads(result.stdout)["checks"] if c["check"] == "data folder")
        assert found["status"] == "fail" and "is not writable by" in found["detail"]
        assert found["fix"].startswith("sudo chown")
    finally:
        data.chmod(0o755)
        subprocess.run(["rm", "-rf", str(folder)], check=False)
