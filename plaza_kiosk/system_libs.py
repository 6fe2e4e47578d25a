"""The system libraries Qt needs, checked before Qt is loaded, so a missing one is named with
the Debian/Ubuntu package to install instead of Qt's "could not load the Qt platform plugin
xcb" (which, on a bare Debian 12, blamed xcb-cursor0 when icccm4 and keysyms1 were missing).

Standard library only: scripts/check-system.sh runs this file with the system's Python before
the virtual environment exists (`python3 plaza_kiosk/system_libs.py [window]`).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable, Mapping

# What Qt loads for any window, offscreen included (QtGui, QtWidgets, QtDBus, the offscreen
# plugin), as library soname -> Debian/Ubuntu package.
QT_BASE = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11.so.6": "libx11-6",
}
# What Qt's xcb platform plugin (a window on X11) needs besides: the NEEDED entries of
# plugins/platforms/libqxcb.so and lib/libQt6XcbQpa.so.6 in PySide6 6.11 (`ldd`/`readelf -d`).
QT_XCB = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def uses_xcb(environ: Mapping[str, str]) -> bool:
    """Whether Qt will open its windows through X11 (xcb): asked for by name, or by default
    on a machine with an X display and no Wayland session."""
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def needed(environ: Mapping[str, str]) -> dict[str, str]:
    """The libraries this process's Qt will load, with their packages."""
    return QT_BASE | QT_XCB if uses_xcb(environ) else dict(QT_BASE)


def missing(libraries: Mapping[str, str]) -> dict[str, str]:
    """Those of `libraries` the dynamic loader cannot load here (not installed, or broken),
    found the way Qt will look for them (the loader's own search, LD_LIBRARY_PATH included)."""
    absent = {}
    for soname, package in libraries.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            absent[soname] = package
    return absent


def advice(absent: Mapping[str, str]) -> str:
    """What to tell whoever starts the app: the libraries, and the line that installs them."""
    packages = " ".join(dict.fromkeys(absent.values()))  # in order, each once
    return (f"Qt cannot open a window: these system libraries are missing: "
            f"{', '.join(absent)}.\nInstall them with: sudo apt-get install {packages}")


def check(environ: Mapping[str, str] | None = None) -> str | None:
    """None when Qt has what it needs; otherwise the message naming what to install."""
    absent = missing(needed(os.environ if environ is None else environ))
    return advice(absent) if absent else None


def screen_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """None when Qt has somewhere to open a window; else why not (Qt itself would abort with a
    core dump: "could not connect to display")."""
    environ = os.environ if environ is None else environ
    platform = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if platform not in ("", "xcb", "wayland"):
        return None  # offscreen (screenshots, selftest): no display server needed
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return ("no screen to open a window on: neither DISPLAY nor WAYLAND_DISPLAY is set. Start "
            "the app from its systemd unit (it runs in cage or on X, on tty1) or from a "
            "desktop session.")


def main(argv: Iterable[str]) -> int:
    """`python3 plaza_kiosk/system_libs.py [window]`: the packages missing for Qt, one a line
    (with "window": for an X11 window too); exit 1 when any is."""
    libraries = QT_BASE | QT_XCB if "window" in argv else dict(QT_BASE)
    absent = missing(libraries)
    for package in dict.fromkeys(absent.values()):
        print(package)
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
