"""Start-up shared by the subcommands: logging, config, the local store and its catalog."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.config import Config
from kiosk.local_plaza import LocalPlaza
from kiosk.service_day import now_utc
from kiosk.store.db import open_store

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
    store = open_store((data_dir or config.data_dir) / store_name)
    plaza = LocalPlaza(store, device_id=config.device_id, clock=clock)
    problems: list[str] = []
    if load_catalog:
        catalog_file = Path(config.data.catalog) if config.data.catalog else None
        problems = plaza.load_catalog_if_empty(catalog_file, config.qr.allowed_hosts)
    return plaza, problems
