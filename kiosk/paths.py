"""Where bundled files live, from source and in a packaged (PyInstaller) build, and the names
that place a device's own files (its config is read through `kiosk.config`)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "plaza-kiosk"
ENV_PREFIX = "PLAZA_KIOSK__"  # a config key from the environment: PLAZA_KIOSK__SECTION__KEY
CONFIG_ENV = "PLAZA_KIOSK_CONFIG"  # the config file to read


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # set by a PyInstaller build
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


ASSETS = _root() / "assets"
SAMPLE_CATALOG = ASSETS / "catalog" / "sample-banjarmasin.json"


def user_cache_dir() -> Path:
    """The device user's cache folder: what can be lost, only costing time (the first frame)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))
