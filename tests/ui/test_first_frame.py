"""The first frame: the home screen as the last run kept it, painted before the rest loads."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.vocabulary import Text
from tests.conftest import TUESDAY_10
from tests.ui.helpers import tap, visible_texts
from ui import first_frame
from ui.app import attach_kiosk, kiosk_model
from ui.first_frame import FirstFrame, FirstFrameKeeper, FirstFrameModel, HomeFacts, Serving
from ui.kiosk_model import StaffNotes
from ui.shell import KioskWindow

DAY = TUESDAY_10.date()
FACTS = HomeFacts(day=DAY, announcements=(Text("Loket 3 tutup sore ini", "Counter 3 closes this afternoon"),),
                  services=5, open_now=3, serving=(Serving("A-007", "2"),), last_call=Serving("A-007", "2"))


def kept(window: KioskWindow, path: Path) -> FirstFrame:
    FirstFrameKeeper(path, window, window.model).keep_now()
    frame = first_frame.read(path, window.model.plaza.clock())
    assert frame is not None
    return frame


def test_a_kept_frame_reads_back_as_the_home_screen_showed_it(tmp_path, window) -> None:
    window.model.store.wait_idle()  # today's states are in
    frame = kept(window, tmp_path / "frame.json")
    assert frame.look == window.look
    assert frame.home == window.model.home_facts()
    assert frame.home.services > 0 and frame.home.serving == ()


@pytest.mark.parametrize("later, still_shown", [
    (timedelta(minutes=5), True),
    (timedelta(minutes=11), False),  # too old to say who is served now
    (timedelta(days=1), False),  # another service day
    (timedelta(minutes=-1), False),  # from the future: a clock was wrong
])
def test_what_depends_on_the_moment_is_shown_only_from_a_fresh_frame(tmp_path, window, later,
                                                                     still_shown) -> None:
    path = tmp_path / "frame.json"
    first_frame.write(path, FirstFrame(look=window.look, home=FACTS, written=TUESDAY_10))
    frame = first_frame.read(path, TUESDAY_10 + later)
    assert frame is not None and frame.look == window.look
    assert frame.home.announcements == FACTS.announcements  # the catalog's, kept whatever the day
    if still_shown:
        assert frame.home == FACTS
    else:
        assert (frame.home.open_now, frame.home.serving, frame.home.last_call) == (None, None, None)
        assert frame.home.day == (TUESDAY_10 + later + timedelta(hours=8)).date()


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff not json", b"[]", json.dumps({"format": 99}).encode(),
    json.dumps({"format": 1, "look": {}, "home": {}, "written": "yesterday"}).encode(),
])
def test_a_frame_that_cannot_be_used_means_a_start_without_it(tmp_path, content) -> None:
    path = tmp_path / "frame.json"
    path.write_bytes(content)
    assert first_frame.read(path, TUESDAY_10) is None
    assert first_frame.read(tmp_path / "none.json", TUESDAY_10) is None


@pytest.mark.parametrize("damage", [
    lambda data: data.__setitem__("written", "2026-11-24T02:00:00"),  # no time zone
    lambda data: data["home"].__setitem__("serving", [None]),
    lambda data: data["home"].__setitem__("last_call", {"number": 7, "counter": "2"}),
    lambda data: data["look"]["plaza_name"].__setitem__("id", ["not", "text"]),
], ids=["naive-time", "null-call", "number-not-text", "name-not-text"])
def test_a_frame_of_the_right_shape_with_wrong_values_is_not_used(tmp_path, window,
                                                                   damage) -> None:
    path = tmp_path / "frame.json"
    first_frame.write(path, FirstFrame(look=window.look, home=FACTS, written=TUESDAY_10))
    data = json.loads(path.read_text())
    damage(data)
    path.write_text(json.dumps(data))
    assert first_frame.read(path, TUESDAY_10) is None  # never a start that fails on it


def test_a_frame_with_a_wrong_colour_is_not_used(tmp_path, window) -> None:
    path = tmp_path / "frame.json"
    first_frame.write(path, FirstFrame(look=window.look, home=FACTS, written=TUESDAY_10))
    data = json.loads(path.read_text())
    data["look"]["palette"]["unknown_colour"] = "#000000"
    path.write_text(json.dumps(data))
    assert first_frame.read(path, TUESDAY_10) is None


def test_each_device_config_and_environment_has_its_own_frame(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    base = {"PLAZA_KIOSK__DATA__DIR": "/srv/a", "HOME": "/home/kiosk"}
    here = first_frame.location("kiosk.toml", base, "kiosk")
    assert here.parent == tmp_path / "plaza-kiosk"
    assert here == first_frame.location("kiosk.toml", base | {"HOME": "/root"}, "kiosk")
    others = {first_frame.location("kiosk.toml", base, "counter"),
              first_frame.location("other.toml", base, "kiosk"),
              first_frame.location(None, base, "kiosk"),
              first_frame.location("kiosk.toml", base | {"PLAZA_KIOSK__DATA__DIR": "/srv/b"}, "kiosk"),
              first_frame.location("kiosk.toml", base | {"PLAZA_KIOSK_CONFIG": "x.toml"}, "kiosk")}
    assert here not in others and len(others) == 5


def test_the_first_frame_shows_the_kept_home_and_a_tap_waits_for_the_loaded_kiosk(
        qtbot, kiosk_app, plaza, config) -> None:
    look = first_frame.look_of(config, plaza.catalog(), plaza.timezone)
    window = KioskWindow(look, FirstFrameModel(FACTS), kiosk_mode=False)
    qtbot.addWidget(window)
    window.resize(1080, 1920)
    window.show()
    shown = " ".join(visible_texts(window))
    assert "A-007" in shown and "Loket 3 tutup sore ini" in shown
    assert set(window.screens) == {"home"}  # nothing else is loaded yet

    tap(qtbot, window.screens["home"].take)  # "Take a queue number", before the model is in
    assert window.current.name == "home"

    model = kiosk_model(config, plaza, plaza.catalog(), StaffNotes(), None)
    attach_kiosk(window, model, None)
    try:
        assert window.current.name == "services"  # the tap was kept, not lost
        model.store.wait_idle()
        window.home()
        shown = " ".join(visible_texts(window))
        assert "A-007" not in shown  # the store's facts now: nobody called yet today
    finally:
        window.dispose()


def test_facts_not_known_yet_show_no_card_rather_than_a_wrong_one(qtbot, kiosk_app, plaza,
                                                                  config) -> None:
    look = first_frame.look_of(config, plaza.catalog(), plaza.timezone)
    window = KioskWindow(look, FirstFrameModel(HomeFacts(day=DAY, services=5)), kiosk_mode=False)
    qtbot.addWidget(window)
    window.resize(1080, 1920)  # portrait: the day's card is shown
    window.show()
    home = window.screens["home"]
    assert not home.serving_card.isVisible()
    assert not home.today_open.isVisible()
    assert home.today_date.isVisible()
    window.dispose()
