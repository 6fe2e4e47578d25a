"""A counter's action as one Qt-free job against a real city API: the server's answer is kept
in the console's own store and the counter's new view comes back with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.local_plaza import LocalPlaza
from kiosk.store.db import open_store
from sync.client import CityClient, Offline
from sync.counter import Shift, act
from tests.city_server import CityServer
from tests.cityapi.counter_helpers import PIN, add_clerk, number_of, take
from tests.conftest import ALLOWED


@pytest.fixture
def console(city: CityServer, tmp_path: Path, catalog_file: Path):
    plaza = LocalPlaza(open_store(tmp_path / "counter.db"), device_id="console-1",
                       timezone="Asia/Makassar", clock=city.clock)
    plaza.import_catalog(catalog_file, ALLOWED)
    client = CityClient(city.url, city.enrolment("counter", "console-1").token, retries=1)
    answer = client.sign_in(add_clerk(city), PIN, "1")
    yield plaza, client, Shift(answer.session, answer.name, "1")
    client.close()
    plaza.store.close()


def test_call_next_comes_back_with_the_counters_new_view(city: CityServer, console) -> None:
    plaza, client, shift = console
    kiosk = CityClient(city.url, city.enrolment("kiosk").token)
    first, second = take(city, kiosk, "ktp-el"), take(city, kiosk, "ktp-el", priority="lansia")
    acted = act(plaza, client, shift, "call_next")
    assert acted.result.status == "applied"
    # The console's store had never heard of these tickets: the answer itself put the called
    # one there, so the view shows it at once, before any change feed.
    assert acted.view.current is not None
    assert acted.view.current.number == number_of(second)  # priority first
    assert acted.view.online
    done = act(plaza, client, shift, "done", acted.view.current.id)
    assert done.result.status == "applied" and done.view.current is None
    assert act(plaza, client, shift, "done", acted.view.current.id).result.problem == "wrong_state"
    assert number_of(first) == "A-001"
    kiosk.close()


def test_no_server_means_nothing_changed(city: CityServer, console) -> None:
    plaza, client, shift = console
    city.stop()
    with pytest.raises(Offline):
        act(plaza, client, shift, "call_next")
