"""`plaza-kiosk print-test` as IT runs it: a real process, a printer on a real socket."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.printing.decode import read_job
from kiosk.printing.simulator import Mode, PrinterSimulator

CLI = [sys.executable, "-m", "plaza_kiosk"]


def print_test(tmp_path: Path, **printer: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PLAZA_KIOSK__DATA__DIR=str(tmp_path / "data"))
    env.pop("PLAZA_KIOSK_CONFIG", None)
    env.update({f"PLAZA_KIOSK__PRINTER__{key.upper()}": value for key, value in printer.items()})
    return subprocess.run([*CLI, "print-test", "--lang", "en"], capture_output=True, text=True,
                          env=env, timeout=60)


def test_a_ready_printer_prints_the_test_page(tmp_path: Path) -> None:
    with PrinterSimulator(Mode.NEAR_END) as printer:
        address = printer.address
        result = print_test(tmp_path, kind="network", address=address, qr="native")
        (job,) = printer.wait_for_jobs(1)
    assert result.returncode == 0, result.stderr
    assert f"network printer {address}: ready, but the paper roll is nearly finished" \
        in result.stdout
    assert "DLE EOT 1-4 answered 12 12 12 1E" in result.stdout
    page = read_job(bytes(job.data))
    assert "PRINTER TEST PAGE" in page.lines and page.cuts == 1
    assert f"network {address}" in page.lines and page.native_qr


@pytest.mark.parametrize(("mode", "words"), [(Mode.COVER_OPEN, "the cover is open"),
                                             (Mode.SILENT, "does not answer")])
def test_a_printer_in_trouble_gets_no_page_and_its_state_in_words(tmp_path: Path, mode: Mode,
                                                                   words: str) -> None:
    with PrinterSimulator(mode) as printer:
        result = print_test(tmp_path, kind="network", address=printer.address)
        assert printer.complete_jobs() == []
    assert result.returncode == 1
    assert words in result.stdout and "not sent" in result.stderr


def test_without_a_printer_it_says_so(tmp_path: Path) -> None:
    result = print_test(tmp_path)
    assert result.returncode == 2
    assert "no ticket printer is set up ([printer] kind = none)" in result.stderr


@pytest.mark.parametrize(("mode", "status", "words"), [
    (Mode.ONLINE, "pass", "ready"), (Mode.NEAR_END, "warn", "nearly finished"),
    (Mode.PAPER_OUT, "fail", "out of paper"), (Mode.SILENT, "fail", "does not answer")])
def test_doctor_says_the_printers_state(mode: Mode, status: str, words: str) -> None:
    from kiosk.config import load_config
    from plaza_kiosk import doctor

    with PrinterSimulator(mode) as printer:
        config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""}).with_values(
            printer={"kind": "network", "address": printer.address})
        finding = doctor.printer_check(doctor.Setup(config=config, mode="kiosk"))
    assert finding.status == status and words in finding.detail
    assert bool(finding.fix) is (status != "pass")
    assert "printer" in [entry.name for entry in doctor.CHECKS]


def test_the_demo_printer_keeps_each_slip_as_a_picture(tmp_path: Path) -> None:
    from kiosk.config import load_config
    from kiosk.printing.layout import render_test_page
    from kiosk.printing.printer import Printer
    from plaza_kiosk.demo import start_demo_printer

    config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""}).with_values(
        data={"dir": str(tmp_path)})
    printer, environment = start_demo_printer(config)
    try:
        kiosk = config.with_values(printer={"kind": environment["PLAZA_KIOSK__PRINTER__KIND"],
                                            "address": environment["PLAZA_KIOSK__PRINTER__ADDRESS"]})
        for _ in range(2):
            assert Printer(kiosk.printer).print_job(render_test_page(80, False, ["demo"], "https://x.go.id")
                                                    ).printed
        printer.wait_for_jobs(2)
    finally:
        printer.stop()
    slips = sorted((tmp_path / "printer").glob("slip-*.png"))
    assert [slip.name for slip in slips] == ["slip-001.png", "slip-002.png"]
    from PIL import Image

    with Image.open(slips[0]) as picture:
        assert picture.width == 576 and picture.height > 600
    assert start_demo_printer(config.with_values(printer={"kind": "usb", "device": "/dev/usb/lp0"})) is None
