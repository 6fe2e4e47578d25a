"""The kiosk's outbox reaches a real city API: acknowledged ops leave, rejections stay aside,
a dead network loses nothing."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from cityapi.models import Service, Ticket
from kiosk import outbox
from kiosk.availability import StaffOverride
from kiosk.local_plaza import LocalPlaza
from sync import credentials
from sync.client import CityClient, Unauthorized, backoff
from sync.engine import push_outbox
from tests.city_server import CityServer


def server_tickets(city: CityServer) -> list[tuple[str, str]]:
    with city.sessions() as session:
        return sorted(session.execute(select(Ticket.id, Ticket.number)).all())


def test_offline_tickets_reach_the_server_once(city: CityServer, plaza: LocalPlaza, clock) -> None:
    """Numbered by a kiosk standing alone, before it was enrolled (1-999 are its own then)."""
    issued = []
    clock.moment -= timedelta(minutes=10)
    for _ in range(5):
        issued.append(plaza.issue_ticket("ktp-el"))
        clock.moment += timedelta(seconds=30)
    client = CityClient(city.url, city.enrol()["token"])
    report = push_outbox(plaza, client, batch_size=2)  # several batches
    assert (report.sent, report.acknowledged, report.rejected) == (5, 5, 0)
    assert outbox.counts(plaza.store) == (0, 0)
    assert server_tickets(city) == sorted((t.id, t.number) for t in issued)
    assert push_outbox(plaza, client).sent == 0  # nothing left to send


def test_a_rejected_op_is_kept_aside_and_the_rest_drain(city: CityServer, plaza: LocalPlaza) -> None:
    with city.sessions.begin() as session:  # the server does not offer `kk`
        session.execute(delete(Service).where(Service.code == "kk"))
    plaza.issue_ticket("ktp-el")
    plaza.issue_ticket("kk")
    plaza.set_override("ktp-el", StaffOverride.CLOSED)
    report = push_outbox(plaza, CityClient(city.url, city.enrol()["token"]))
    assert (report.acknowledged, report.rejected) == (2, 1)
    assert outbox.counts(plaza.store) == (0, 1)  # kept for staff, never resent
    assert push_outbox(plaza, CityClient(city.url, city.enrol()["token"])).sent == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_dead_network_loses_nothing(city: CityServer, plaza: LocalPlaza) -> None:
    plaza.issue_ticket("ktp-el")
    waits: list[float] = []
    dead = CityClient(f"http://127.0.0.1:{free_port()}", "token", retries=2, sleep=waits.append)
    report = push_outbox(plaza, dead)
    assert report.offline and report.acknowledged == 0
    assert len(waits) == 2 and all(0 <= w <= 8 for w in waits)  # backed off between tries
    assert outbox.counts(plaza.store) == (1, 0)  # still queued
    report = push_outbox(plaza, CityClient(city.url, city.enrol()["token"]))
    assert report.acknowledged == 1 and len(server_tickets(city)) == 1


def test_a_revoked_device_is_told_and_keeps_its_outbox(city: CityServer, plaza: LocalPlaza) -> None:
    from cityapi.devices import revoke

    device = city.enrol()
    with city.sessions.begin() as session:
        revoke(session, device["device_id"], city.clock())
    plaza.issue_ticket("ktp-el")
    with pytest.raises(Unauthorized, match="revoked"):
        push_outbox(plaza, CityClient(city.url, device["token"]))
    assert outbox.counts(plaza.store) == (1, 0)


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    assert backoff(1, rng=lambda: 1.0) == 1.0
    assert backoff(3, rng=lambda: 1.0) == 4.0
    assert backoff(10, rng=lambda: 1.0) == 8.0
    assert backoff(3, rng=lambda: 0.0) == 0.0


def test_enroll_command_keeps_the_token_private(city: CityServer, tmp_path) -> None:
    env = dict(os.environ, PLAZA_KIOSK__DATA__DIR=str(tmp_path / "data"))
    env.pop("PLAZA_KIOSK_CONFIG", None)
    command = [sys.executable, "-m", "plaza_kiosk", "enroll", "--server", city.url,
               "--role", "kiosk", "--code"]
    done = subprocess.run([*command, city.code("kiosk")], capture_output=True, text=True, env=env,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "data" / credentials.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = credentials.load(tmp_path / "data")
    assert saved is not None and saved.plaza == "test-plaza" and saved.role == "kiosk"
    with city.sessions() as session:
        from cityapi.models import Device

        assert session.scalar(select(func.count()).select_from(Device)) == 1
    again = subprocess.run([*command, "not-a-real-code"], capture_output=True, text=True,
                           env=env, timeout=60)
    assert again.returncode == 2 and "unknown enrolment code" in again.stderr
    assert "Traceback" not in again.stderr


def test_a_silent_server_times_out_instead_of_hanging(plaza: LocalPlaza) -> None:
    import time

    plaza.issue_ticket("ktp-el")
    with socket.socket() as listener:  # accepts the connection, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        client = CityClient(f"http://127.0.0.1:{listener.getsockname()[1]}", "t", retries=1,
                            timeout=(1.0, 0.5), sleep=lambda _: None)
        started = time.monotonic()
        report = push_outbox(plaza, client)
        assert report.offline and time.monotonic() - started < 5
    assert outbox.counts(plaza.store) == (1, 0)


def test_an_op_this_version_cannot_send_is_set_aside_and_the_rest_drain(
        city: CityServer, plaza: LocalPlaza) -> None:
    import uuid
    from datetime import UTC, datetime

    from kiosk.store.models import OutboxRow

    plaza.issue_ticket("ktp-el")
    with plaza.store.transaction() as session:  # e.g. written by a newer kiosk version
        session.add(OutboxRow(op_id=str(uuid.uuid4()), kind="ikm.answer", payload={"q1": 4},
                              created_at=datetime.now(UTC), attempts=0))
    plaza.issue_ticket("ktp-el")
    report = push_outbox(plaza, CityClient(city.url, city.enrol()["token"]))
    assert (report.acknowledged, report.rejected) == (2, 1)
    assert outbox.counts(plaza.store) == (0, 1)
