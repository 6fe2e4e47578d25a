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
from sync.credentials import Enrolment

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
    plaza = LocalPlaza(store, device_id=config.device_id, timezone=config.plaza.timezone, clock=clock)
    problems: list[str] = []
    if load_catalog:
        catalog_file = Path(config.data.catalog) if config.data.catalog else None
        problems = plaza.load_catalog_if_empty(catalog_file, config.qr.allowed_hosts)
    return plaza, problems


DEMO_STAFF = ("Petugas Demo", "1234")  # name and PIN of the demo's counter staff (README)


def start_embedded_city(config: Config, port: int) -> tuple[str, dict[str, Enrolment]]:
    """The demo's city API: SQLite beside the kiosk's data, the kiosk's catalog imported, the
    server on loopback in a background thread, a demo staff member, and this machine's kiosk,
    counter console and display enrolled (each in its own data folder: `role_dir`).
    Returns (URL, enrolment per role)."""
    import threading
    import time

    import uvicorn
    from sqlalchemy import select

    from cityapi.app import create_app
    from cityapi.catalog_import import import_catalog
    from cityapi.counters import add_staff
    from cityapi.database import open_database
    from cityapi.devices import new_enrolment_code
    from cityapi.models import Staff
    from kiosk.paths import SAMPLE_CATALOG
    from kiosk.service_day import now_utc
    from sync import credentials
    from sync.client import CityClient

    data = config.data_dir
    data.mkdir(parents=True, exist_ok=True)
    sessions = open_database(f"sqlite:///{data / 'cityapi.db'}")
    with sessions.begin() as session:
        plaza_code, _count, _problems = import_catalog(
            session, Path(config.data.catalog) if config.data.catalog else SAMPLE_CATALOG, now_utc())
        if session.scalars(select(Staff.id).where(Staff.plaza_code == plaza_code)).first() is None:
            add_staff(session, plaza_code, *DEMO_STAFF, now_utc())
    server = uvicorn.Server(uvicorn.Config(create_app(sessions), host="127.0.0.1", port=port,
                                           log_level="warning", timeout_graceful_shutdown=1))
    threading.Thread(target=server.run, name="city-api", daemon=True).start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError(f"the embedded city API could not listen on 127.0.0.1:{port}")
    url = f"http://127.0.0.1:{port}"
    enrolments = {}
    for role in ("kiosk", "counter", "display"):
        folder = role_dir(data, role)
        enrolment = credentials.load(folder)
        if enrolment is None or enrolment.server != url or not enrolment.tag:
            with sessions.begin() as session:
                code = new_enrolment_code(session, plaza_code, role, now_utc())
            client = CityClient(url, retries=1)
            try:
                answer = client.enrol(code, role, f"{config.device_id}-{role}")
            finally:
                client.close()
            enrolment = credentials.Enrolment.from_answer(url, answer)
            credentials.save(folder, enrolment)
            log.info("demo %s enrolled as %s", role, enrolment.device_id)
        enrolments[role] = enrolment
    return url, enrolments


def role_dir(data_dir: Path, role: str) -> Path:
    """The demo runs three devices in one checkout: the kiosk keeps the data folder, the
    others a folder each (a real device has one role and one folder)."""
    return data_dir if role == "kiosk" else data_dir / role
