"""`plaza-kiosk demo`: the city API embedded (plaza_kiosk/demo_city.py), and a kiosk, a counter
console and the display board beside it, each device its own process as on real hardware (its
own Qt application, language, data folder and store), in windows side by side on the screen.

Unless the config names a ticket printer, the kiosk prints to a simulated one on loopback
(kiosk.printing.simulator), and each slip it receives is saved as a picture in the data
folder's printer/ (slip-001.png, ...).

The demo ends when any device's window is closed, or on Ctrl+C: the other devices are then
asked to stop (SIGTERM, which they answer like a closed window) and the city API goes with
this process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config
from plaza_kiosk.demo_city import DEMO_STAFF, role_dir, start_embedded_city

if TYPE_CHECKING:
    from kiosk.printing.simulator import PrinterSimulator

DEVICES = ("kiosk", "counter", "display")
Box = tuple[int, int, int, int]  # x, y, width, height
FALLBACK_SCREEN: Box = (0, 0, 1920, 1080)  # when the screen cannot be asked
TITLE = 40  # room kept above each window for a window manager's title bar
GAP = 16
POLL_SECONDS = 0.2
STOP_SECONDS = 10  # a device's own shutdown is bounded well below this


def places(screen: Box) -> dict[str, Box]:
    """Where each window goes on the screen's free area: (x, y) is the window's outer corner
    (title bar included), (width, height) its inside. The kiosk stands portrait (9:16) on the
    left at the full height; the counter console (16:10) over the display board (16:9) share
    the rest. Nothing overlaps; each keeps its screen's shape, so each layout scales whole."""
    left, top, width, height = screen
    kiosk_height = height - TITLE
    kiosk_width = min(kiosk_height * 9 // 16, width // 3)
    kiosk_height = min(kiosk_height, kiosk_width * 16 // 9)
    right = left + kiosk_width + GAP
    room = left + width - right
    # Same width for both, as wide as the height left for two windows and their titles allows.
    side = min(room, (height - 2 * TITLE - GAP) * 16 // 19)
    counter_height, board_height = side * 10 // 16, side * 9 // 16
    return {"kiosk": (left, top, kiosk_width, kiosk_height),
            "counter": (right, top, side, counter_height),
            "display": (right, top + TITLE + counter_height + GAP, side, board_height)}


def geometry(box: Box) -> str:
    """A place as `--geometry` takes it: WxH+X+Y."""
    x, y, width, height = box
    return f"{width}x{height}+{x}+{y}"


def device_command(role: str, place: Box, *, config_file: Path | None, verbose: bool,
                   quit_after_first_paint: bool) -> list[str]:
    """The device's own `plaza-kiosk` command, in a window at its place."""
    command = [sys.executable, "-m", "plaza_kiosk"]
    if config_file is not None:
        command += ["--config", str(config_file)]
    if verbose:
        command.append("-v")
    command += [role, "--windowed", "--geometry", geometry(place)]
    if quit_after_first_paint:
        command.append("--quit-after-first-paint")
    return command


def device_environment(role: str, config: Config, city_url: str, catalog: Path) -> dict[str, str]:
    """The same config, but the device's own data folder (its enrolment and store are there),
    the demo's catalog for its first start, and tickets whose QR code opens the embedded
    tracking page."""
    return dict(os.environ,
                PLAZA_KIOSK__DATA__DIR=str(role_dir(config.data_dir, role).resolve()),
                PLAZA_KIOSK__DATA__CATALOG=str(catalog.resolve()),
                PLAZA_KIOSK__QR__TRACKING_BASE_URL=city_url)


def start_demo_printer(config: Config) -> tuple[PrinterSimulator, dict[str, str]] | None:
    """A simulated thermal printer for the kiosk, with each slip saved as a PNG; None when the
    config names a real printer. Returns it and the kiosk's environment to use it."""
    if config.printer.kind != "none":
        return None
    from kiosk.printing.layout import PAPERS
    from kiosk.printing.preview import save_slip
    from kiosk.printing.simulator import PrinterSimulator

    folder = config.data_dir / "printer"
    paper = PAPERS[config.printer.paper_mm]

    def keep(job) -> None:
        count = len(list(folder.glob("slip-*.png"))) + 1 if folder.exists() else 1
        path = save_slip(bytes(job.data), paper.dots, folder / f"slip-{count:03d}.png")
        print(f"printer: a slip came out ({path})", flush=True)

    printer = PrinterSimulator(on_job=keep).start()
    return printer, {"PLAZA_KIOSK__PRINTER__KIND": "network",
                     "PLAZA_KIOSK__PRINTER__ADDRESS": printer.address}


def run(config: Config, *, port: int, config_file: Path | None, verbose: bool = False,
        quit_after_first_paint: bool = False) -> int:
    """Start the city API and the three devices; return when the demo ends (see the module's
    docstring). With `quit_after_first_paint`, waits for every device to paint and quit."""
    from ui.app import available_screen

    city = start_embedded_city(config, port)
    print(f"city API at {city.url} (tracking pages at {city.url}/t/CODE); counter staff: "
          f"{DEMO_STAFF[0]}, PIN {DEMO_STAFF[1]}", flush=True)
    where = places(available_screen() or FALLBACK_SCREEN)
    devices: dict[str, subprocess.Popen] = {}
    printer = start_demo_printer(config)
    try:
        for role in DEVICES:
            environment = device_environment(role, config, city.url, city.catalog)
            if role == "kiosk" and printer is not None:
                environment.update(printer[1])
            devices[role] = subprocess.Popen(
                device_command(role, where[role], config_file=config_file, verbose=verbose,
                               quit_after_first_paint=quit_after_first_paint),
                env=environment)
        if quit_after_first_paint:
            codes = [device.wait() for device in devices.values()]
            return next((code for code in codes if code != 0), 0)
        return _until_one_ends(devices)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(devices.values())
        if printer is not None:
            printer[0].stop()
        city.stop()


def _until_one_ends(devices: dict[str, subprocess.Popen]) -> int:
    while True:
        for role, device in devices.items():
            code = device.poll()
            if code is not None:
                print(f"the {role} stopped (exit code {code}); ending the demo", flush=True)
                return code
        time.sleep(POLL_SECONDS)


def _stop(devices) -> None:
    running = [device for device in devices if device.poll() is None]
    for device in running:
        device.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for device in running:
        try:
            device.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            device.kill()
            device.wait()
