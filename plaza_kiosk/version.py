"""This build's version, as installed (pyproject.toml's; the bundle carries its metadata)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _installed


@cache
def version() -> str:
    try:
        return _installed("plaza-kiosk")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown"
