"""`plaza-kiosk demo`: the city API embedded, and a kiosk, a counter console and the display
board beside it, each device its own process as on real hardware (its own Qt application,
language, data folder and store), in windows side by side on one 1920x1080 screen.

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

from kiosk.config import Config
from plaza_kiosk.startup import DEMO_STAFF, role_dir, start_embedded_city

DEVICES = ("kiosk", "counter", "display")
# Where each device's window goes on a 1920x1080 screen: (x, y, width, height). The gaps leave
# room for title bars; the counter and board keep their screens' shapes (16:10, 16:9).
PLACES = {"kiosk": (0, 0, 540, 960), "counter": (560, 0, 960, 600),
          "display": (560, 640, 720, 405)}
POLL_SECONDS = 0.2
STOP_SECONDS = 10  # a device's own shutdown is bounded well below this


def geometry(role: str) -> str:
    """The window's place as `--geometry` takes it: WxH+X+Y."""
    x, y, width, height = PLACES[role]
    return f"{width}x{height}+{x}+{y}"


def device_command(role: str, *, config_file: Path | None, verbose: bool,
                   quit_after_first_paint: bool) -> list[str]:
    """The device's own `plaza-kiosk` command, in a window at its place."""
    command = [sys.executable, "-m", "plaza_kiosk"]
    if config_file is not None:
        command += ["--config", str(config_file)]
    if verbose:
        command.append("-v")
    command += [role, "--windowed", "--geometry", geometry(role)]
    if quit_after_first_paint:
        command.append("--quit-after-first-paint")
    return command


def device_environment(role: str, config: Config, city_url: str) -> dict[str, str]:
    """The same config, but the device's own data folder (its enrolment and store are there)
    and tickets whose QR code opens the embedded tracking page."""
    return dict(os.environ,
                PLAZA_KIOSK__DATA__DIR=str(role_dir(config.data_dir, role).resolve()),
                PLAZA_KIOSK__QR__TRACKING_BASE_URL=city_url)


def run(config: Config, *, port: int, config_file: Path | None, verbose: bool = False,
        quit_after_first_paint: bool = False) -> int:
    """Start the city API and the three devices; return when the demo ends (see the module's
    docstring). With `quit_after_first_paint`, waits for every device to paint and quit."""
    url, _enrolments = start_embedded_city(config, port)
    print(f"city API at {url} (tracking pages at {url}/t/CODE); counter staff: "
          f"{DEMO_STAFF[0]}, PIN {DEMO_STAFF[1]}", flush=True)
    devices: dict[str, subprocess.Popen] = {}
    try:
        for role in DEVICES:
            devices[role] = subprocess.Popen(
                device_command(role, config_file=config_file, verbose=verbose,
                               quit_after_first_paint=quit_after_first_paint),
                env=device_environment(role, config, url))
        if quit_after_first_paint:
            codes = [device.wait() for device in devices.values()]
            return next((code for code in codes if code != 0), 0)
        return _until_one_ends(devices)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(devices.values())


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
