"""The `plaza-kiosk` command as IT and developers run it: real processes, real files."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest

from kiosk.pin import verify_pin
from tests.conftest import catalog_data, service_entry

CLI = [sys.executable, "-m", "plaza_kiosk"]


def run(*args: str, tmp_path: Path, stdin: str = "", config: Path | None = None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLAZA_KIOSK__DATA__DIR=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))  # the kiosk's first frame
    env.pop("PLAZA_KIOSK_CONFIG", None)
    extra = ["--config", str(config)] if config else []
    return subprocess.run([*CLI, *extra, *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_screenshot_renders_at_the_asked_size(tmp_path: Path) -> None:
    out = tmp_path / "service-en.png"
    result = run("screenshot", "--screen", "service", "--lang", "en", "--size", "1920x1080",
                 "--at", "2026-11-24T10:00", "--out", str(out), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1920, 1080)
    assert not (tmp_path / "data" / "kiosk.db").exists()  # screenshots never touch kiosk data


def test_hash_pin_never_prints_the_pin(tmp_path: Path) -> None:
    result = run("hash-pin", stdin="975310\n", tmp_path=tmp_path)
    assert result.returncode == 0
    stored = result.stdout.strip()
    assert "975310" not in stored and verify_pin("975310", stored)
    refused = run("hash-pin", stdin="12\n", tmp_path=tmp_path)
    assert refused.returncode == 2 and "4 to 12 digits" in refused.stderr


def test_a_bad_config_names_key_and_file_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[kiosk]\nidle_seconds = -5\n")
    result = run("screenshot", "--out", str(tmp_path / "x.png"), tmp_path=tmp_path, config=config)
    assert result.returncode == 2
    assert "[kiosk] idle_seconds" in result.stderr and str(config) in result.stderr
    assert "Traceback" not in result.stderr


def test_import_catalog_reports_refused_entries_and_keeps_the_rest(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(catalog_data([
        service_entry("ktp-el", "A"),
        service_entry("bad-url", "B", info_url="http://example.com/phish"),
        service_entry("bad-hours", "C", hours={"mon": ["15:00", "08:00"]}),
    ])))
    result = run("import-catalog", str(catalog), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "loaded 2 services of 1 agencies; 2 problems" in result.stdout
    assert "(bad-url): 'http://example.com/phish' is not https on an allowed host; link dropped" \
        in result.stdout
    assert "(bad-hours)" in result.stdout and "refused" in result.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    result = run("import-catalog", str(broken), tmp_path=tmp_path)
    assert result.returncode == 2 and "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_kiosk_that_cannot_start_says_so_on_its_screen(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[data]\ncatalog = "{tmp_path / "missing.json"}"\n')
    result = run("kiosk", "--windowed", "--quit-after-first-paint", tmp_path=tmp_path,
                 config=config)
    assert result.returncode == 2  # a supervisor (systemd) sees the failure too
    assert "missing.json: cannot be read" in result.stderr
    assert "Traceback" not in result.stderr


def marks(stdout: str) -> dict[str, float]:
    """`--quit-after-first-paint`'s report: when the first frame was painted, when ready."""
    return {line.split()[0]: float(line.split()[1]) for line in stdout.splitlines()
            if line.startswith(("first_paint", "ready"))}


def test_a_kiosk_paints_its_kept_first_frame_before_it_loads_its_config(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[kiosk]\nidle_seconds = 90\n")
    first = run("kiosk", "--windowed", "--quit-after-first-paint", tmp_path=tmp_path, config=config)
    assert first.returncode == 0, first.stderr
    assert set(marks(first.stdout)) == {"first_paint", "ready"}
    (kept,) = (tmp_path / "cache" / "plaza-kiosk").glob("first-frame-kiosk-*.json")
    assert json.loads(kept.read_text())["look"]["idle_seconds"] == 90

    again = run("kiosk", "--windowed", "--quit-after-first-paint", tmp_path=tmp_path, config=config)
    assert again.returncode == 0, again.stderr
    times = marks(again.stdout)
    assert times["first_paint"] <= times["ready"]

    # The proof that the frame comes first: with a config that cannot load, the kept home
    # screen is still painted; then the problem screen says what is wrong.
    config.write_text("[kiosk]\nidle_seconds = 1\n")
    broken = run("kiosk", "--windowed", "--quit-after-first-paint", tmp_path=tmp_path, config=config)
    assert broken.returncode == 2
    assert set(marks(broken.stdout)) == {"first_paint"}  # never ready
    assert "idle_seconds must be between" in broken.stderr and "Traceback" not in broken.stderr


def test_demo_starts_the_city_api_and_enrols_the_kiosk_once(tmp_path: Path) -> None:
    import socket

    from sync import credentials

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    first = run("demo", "--port", port, "--quit-after-first-paint", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert f"city API at http://127.0.0.1:{port}" in first.stdout
    # Each device ran as its own process, in its own data folder, and painted its window.
    painted = sorted(line.split()[2] for line in first.stdout.splitlines()
                     if line.startswith("first_paint"))
    assert painted == ["counter", "display", "kiosk"], first.stdout
    data = tmp_path / "data"
    for store in (data / "kiosk.db", data / "counter" / "counter.db", data / "display" / "display.db"):
        assert store.exists(), store
    enrolled = credentials.load(data)
    assert enrolled is not None and enrolled.server.endswith(port)
    again = run("demo", "--port", port, "--quit-after-first-paint", tmp_path=tmp_path)
    assert again.returncode == 0, again.stderr
    assert credentials.load(data).device_id == enrolled.device_id  # not re-enrolled


@pytest.mark.parametrize("screen", [(0, 0, 1920, 1080), (0, 32, 1920, 1048), (0, 0, 1366, 768),
                                    (0, 0, 2560, 1440), (1920, 0, 1280, 1024)])
def test_the_demo_windows_sit_side_by_side_on_the_screen(screen) -> None:
    from plaza_kiosk.demo import TITLE, places

    where = places(screen)
    left, top, width, height = screen
    # Each window with the title bar a window manager puts on it.
    frames = {role: (x, y, w, h + TITLE) for role, (x, y, w, h) in where.items()}
    for x, y, w, h in frames.values():
        assert left <= x and top <= y and x + w <= left + width and y + h <= top + height
    for (x, y, w, h), (ox, oy, ow, oh) in combinations(frames.values(), 2):
        assert x + w <= ox or ox + ow <= x or y + h <= oy or oy + oh <= y, "two windows overlap"
    # Each keeps its screen's shape, so its layout scales whole instead of stretching.
    for role, shape in (("kiosk", 9 / 16), ("counter", 16 / 10), ("display", 16 / 9)):
        _x, _y, w, h = where[role]
        assert abs(w / h - shape) < 0.02, role
    if screen[2:] == (1920, 1080):  # the usual screen: each big enough to read
        assert where["kiosk"][3] >= 1000 and where["counter"][2] >= 800


def test_the_demo_plaza_is_open_at_any_hour_and_the_sample_keeps_its_hours(tmp_path: Path) -> None:
    """The README's walkthrough on a Saturday night, at the Friday prayer, on Christmas Day and
    a minute before midnight: every service of the demo's plaza takes numbers, while the
    sample catalog (the real plaza's hours) rightly refuses them."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.availability import check_availability
    from kiosk.catalog_format import load_catalog_file
    from kiosk.paths import SAMPLE_CATALOG
    from plaza_kiosk.demo_city import write_demo_catalog

    sample = load_catalog_file(SAMPLE_CATALOG, ()).catalog
    demo = load_catalog_file(write_demo_catalog(SAMPLE_CATALOG, tmp_path), ()).catalog
    assert [s.code for s in demo.services] == [s.code for s in sample.services]
    wita = ZoneInfo("Asia/Makassar")
    moments = [datetime(2026, 11, 28, 3, 0, tzinfo=wita),  # a Saturday night
               datetime(2026, 11, 27, 12, 30, tzinfo=wita),  # the Friday prayer break
               datetime(2026, 12, 25, 10, 0, tzinfo=wita),  # a holiday
               datetime(2026, 11, 24, 23, 58, tzinfo=wita),  # a minute before midnight
               datetime(2026, 11, 29, 16, 0, tzinfo=wita)]  # Sunday afternoon
    for moment in moments:
        for catalog, all_open in ((demo, True), (sample, False)):
            holidays = {holiday.day: holiday for holiday in catalog.holidays}
            states = [check_availability(service, catalog.plaza, moment, issued_today=500,
                                         holidays=holidays).can_issue
                      for service in catalog.services]
            assert all(states) if all_open else not all(states), (moment, all_open)
    assert json.loads(SAMPLE_CATALOG.read_text())["services"][0]["hours"]["sat"] is None


def test_the_demo_city_takes_a_number_outside_the_plazas_hours(tmp_path: Path) -> None:
    """The demo's own city API, on a Saturday at 21:00 WITA (the sample plaza is closed):
    an enrolled kiosk's take is numbered; the devices get the same catalog to start from."""
    import socket
    import uuid
    from datetime import UTC, datetime

    from kiosk.config import load_config
    from kiosk.service_day import service_day
    from plaza_kiosk.demo_city import start_embedded_city
    from sync.client import CityClient
    from sync.protocol import TicketTake

    saturday_night = datetime(2026, 11, 28, 13, 0, tzinfo=UTC)  # 21:00 WITA
    config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""}).with_values(
        data={"dir": str(tmp_path / "demo")}, kiosk={"device_id": "demo-kiosk"})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    city = start_embedded_city(config, port, clock=lambda: saturday_night)
    client = CityClient(city.url, city.enrolments["kiosk"].token)
    try:
        take = TicketTake(id=uuid.uuid4(), public_code=uuid.uuid4().hex[:10].upper(),
                          service="ktp-el-baru",
                          service_day=service_day(saturday_night, "Asia/Makassar"),
                          priority=None, issued_at=saturday_night,
                          device_id=city.enrolments["kiosk"].device_id)
        answer = client.take_number(take, within=10)
        assert answer.status == "applied", answer
        assert answer.result.number == "A-001"
        assert city.catalog.parent == tmp_path / "demo"
    finally:
        client.close()
        city.stop()


def test_server_with_an_unreachable_database_says_so_in_one_line(tmp_path: Path) -> None:
    result = run("server", "--db", "postgresql://nobody@127.0.0.1:1/plaza", tmp_path=tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("plaza-kiosk")]
    assert len(lines) == 1 and "cannot open the database" in lines[0]
    assert "Traceback" not in result.stderr and "sqlalche.me" not in result.stderr


def test_a_window_without_qts_system_libraries_names_the_packages(tmp_path: Path) -> None:
    """Two of the xcb plugin's libraries cannot be loaded (empty files found first on the
    loader's path, as good as missing): every windowed mode stops before Qt with the
    libraries and the apt-get line, never Qt's "could not load the Qt platform plugin"."""
    broken = tmp_path / "lib"
    broken.mkdir()
    for name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
        (broken / name).write_bytes(b"")
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "PLAZA_KIOSK_CONFIG")}
    env |= {"DISPLAY": ":99", "LD_LIBRARY_PATH": str(broken),
            "PLAZA_KIOSK__DATA__DIR": str(tmp_path / "data")}
    for mode in ("kiosk", "counter", "display"):
        result = subprocess.run([*CLI, mode, "--windowed"], capture_output=True, text=True,
                                env=env, timeout=60)
        assert result.returncode != 0, mode
        assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in result.stderr
        assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in result.stderr
        assert "platform plugin" not in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / "data" / "kiosk.db").exists()  # stopped before anything else
    # Offscreen needs none of them: the same machine still renders screenshots.
    shot = subprocess.run([*CLI, "screenshot", "--mode", "display", "--out",
                           str(tmp_path / "board.png")], capture_output=True, text=True,
                          env=env | {"QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert shot.returncode == 0, shot.stderr
    assert png_size(tmp_path / "board.png") == (1920, 1080)


def test_which_platform_needs_the_xcb_libraries() -> None:
    from plaza_kiosk.system_libs import QT_XCB, needed, uses_xcb

    assert uses_xcb({"DISPLAY": ":0"})
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}) and uses_xcb({"QT_QPA_PLATFORM": "xcb:nograb"})
    assert not uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})  # Qt picks Wayland
    assert not uses_xcb({})
    assert "libxcb-icccm.so.4" in needed({"DISPLAY": ":0"}) and QT_XCB.keys() - needed({}) == QT_XCB.keys()
