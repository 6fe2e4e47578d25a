"""Start-up shared by the subcommands: logging, config, the local store and its catalog."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

from kiosk.config import Config
from kiosk.local_plaza import LocalPlaza
from kiosk.service_day import now_utc
from kiosk.store.db import HEAD, StoreError, open_store

log = logging.getLogger("plaza_kiosk")


def setup_logging(data_dir: Path | None, verbose: bool = False) -> None:
    """Log to stderr and, for a device, to a rotating file IT can read."""
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if data_dir is not None:
        try:
            (data_dir / "logs").mkdir(parents=True, exist_ok=True)
            handlers.append(logging.handlers.RotatingFileHandler(
                data_dir / "logs" / "plaza-kiosk.log", maxBytes=2_000_000, backupCount=5,
                encoding="utf-8"))
        except OSError as error:
            print(f"plaza-kiosk: cannot write logs in {data_dir}: {error.strerror}", file=sys.stderr)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers, force=True,
    )

    def log_unhandled(kind, value, traceback) -> None:
        # Never a traceback on the kiosk's screen: into the log, and the kiosk goes on.
        log.critical("unhandled error", exc_info=(kind, value, traceback))

    sys.excepthook = log_unhandled


def open_plaza(config: Config, data_dir: Path | None = None,
               clock: Callable[[], datetime] = now_utc,
               load_catalog: bool = True,
               store_name: str = "kiosk.db") -> tuple[LocalPlaza, list[str]]:
    """The local plaza, with its catalog loaded on first start. Returns refused catalog entries.
    Each mode keeps its own store file (`kiosk.db`, `counter.db`, `display.db`)."""
    path = (data_dir or config.data_dir) / store_name
    _check_before_opening(path)
    store = open_store(path)
    plaza = LocalPlaza(store, device_id=config.device_id, clock=clock)
    problems: list[str] = []
    if load_catalog:
        catalog_file = Path(config.data.catalog) if config.data.catalog else None
        problems = plaza.load_catalog_if_empty(catalog_file, config.qr.allowed_hosts)
    return plaza, problems


def _check_before_opening(path: Path) -> None:
    """Say plainly what the store cannot get past, before it tries (and logs a traceback):
    a data folder this user cannot write, or a store from a newer version of the app."""
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"the data folder {folder} is not writable by this user, so no ticket "
                         f"can be saved. IT: sudo chown -R {_user()}: {folder}")
    if not path.is_file():
        return
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as connection:
            (found,) = connection.execute("SELECT version_num FROM alembic_version").fetchone() or ("",)
    except sqlite3.DatabaseError:
        return  # not readable as a store: open_store moves it aside and salvages it
    if found.isdigit() and HEAD.isdigit() and int(found) > int(HEAD):
        raise StoreError(f"the local store {path} is from a newer Plaza Kiosk (schema {found}; "
                         f"this version knows up to {HEAD}); it was left untouched. IT: install "
                         "the newer version again (install.sh update), or move the file aside "
                         "to start with an empty store")


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
