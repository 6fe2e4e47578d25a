"""The `plaza-kiosk` command as IT and developers run it: real processes, real files."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

from kiosk.pin import verify_pin
from tests.conftest import catalog_data, service_entry

CLI = [sys.executable, "-m", "plaza_kiosk"]


def run(*args: str, tmp_path: Path, stdin: str = "", config: Path | None = None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLAZA_KIOSK__DATA__DIR=str(tmp_path / "data"))
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


def test_the_demo_windows_sit_side_by_side_on_one_screen() -> None:
    from plaza_kiosk.demo import PLACES

    boxes = list(PLACES.values())
    for x, y, width, height in boxes:
        assert x >= 0 and y >= 0 and x + width <= 1920 and y + height <= 1080
    for index, (x, y, width, height) in enumerate(boxes):
        for ox, oy, other_width, other_height in boxes[index + 1:]:
            apart = x + width <= ox or ox + other_width <= x or y + height <= oy or oy + other_height <= y
            assert apart, "two demo windows overlap"


def test_server_with_an_unreachable_database_says_so_in_one_line(tmp_path: Path) -> None:
    result = run("server", "--db", "postgresql://nobody@127.0.0.1:1/plaza", tmp_path=tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("plaza-kiosk")]
    assert len(lines) == 1 and "cannot open the database" in lines[0]
    assert "Traceback" not in result.stderr and "sqlalche.me" not in result.stderr
