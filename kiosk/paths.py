"""Where bundled files live, from source and in a packaged (PyInstaller) build."""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # set by a PyInstaller build
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


ASSETS = _root() / "assets"
SAMPLE_CATALOG = ASSETS / "catalog" / "sample-banjarmasin.json"
