"""The demo's plaza and its city API: a catalog open whenever someone runs the demo, the city
API embedded on loopback with it, a counter staff member, and this machine's kiosk, counter
console and display enrolled.

The sample catalog keeps the real plaza's hours (08:00-15:00 on weekdays, the Friday prayer
break, national holidays, quotas), so most of the day every service there is rightly closed.
The demo runs its own plaza, derived from the sample at every start: the same offices and
services, open all day every day, without holidays, break, last-number time or quota, and an
announcement that says so. Every device and the server keep the real clock: the screens, the
tickets and the tracking pages show the true time.
"""

from __future__ import annotations

import copy
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config import Config
from kiosk.service_day import Clock, now_utc
from sync.credentials import Enrolment

log = logging.getLogger("plaza_kiosk")

DEMO_STAFF = ("Petugas Demo", "1234")  # name and PIN of the demo's counter staff (README)
DEMO_CATALOG = "demo-catalog.json"  # written into the demo's data folder at every start
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAY = ["00:00", "23:59"]  # the catalog's longest day: the plaza's service day ends at midnight
DEMO_NOTE = {"id": "Demo: semua layanan buka sepanjang hari, setiap hari. Jam buka yang "
                   "sebenarnya ada di katalog contoh.",
             "en": "Demo: every service is open all day, every day. The real opening hours "
                   "are in the sample catalog."}


def open_all_day(catalog: dict[str, Any]) -> dict[str, Any]:
    """The demo's plaza: `catalog` with every service open all day on every day, and none of
    the rules that would close it (holidays, the Friday break, a last-number time, a quota)."""
    demo = copy.deepcopy(catalog)
    demo.setdefault("plaza", {})["friday_break"] = None
    demo["holidays"] = []
    demo["announcements"] = [DEMO_NOTE, *demo.get("announcements", [])]
    for service in demo.get("services", []):
        service["hours"] = {day: list(ALL_DAY) for day in WEEKDAYS}
        service["last_number"] = None
        service["daily_quota"] = None
    return demo


def write_demo_catalog(source: Path, data_dir: Path) -> Path:
    """The demo catalog made from `source`, in the demo's data folder (written again at every
    start, so a changed sample reaches the demo)."""
    target = data_dir / DEMO_CATALOG
    data = json.loads(source.read_text(encoding="utf-8"))
    target.write_text(json.dumps(open_all_day(data), ensure_ascii=False, indent=1),
                      encoding="utf-8")
    return target


def role_dir(data_dir: Path, role: str) -> Path:
    """The demo runs three devices in one checkout: the kiosk keeps the data folder, the
    others a folder each (a real device has one role and one folder)."""
    return data_dir if role == "kiosk" else data_dir / role


@dataclass
class EmbeddedCity:
    url: str
    enrolments: dict[str, Enrolment]
    catalog: Path  # the demo's catalog, for the devices' first start
    server: Any  # uvicorn.Server, serving on a daemon thread

    def stop(self) -> None:
        self.server.should_exit = True


def start_embedded_city(config: Config, port: int, *, clock: Clock = now_utc) -> EmbeddedCity:
    """The demo's city API: SQLite beside the kiosk's data, the demo catalog imported, the
    server on loopback in a background thread, a demo staff member, and this machine's kiosk,
    counter console and display enrolled (each in its own data folder: `role_dir`). `clock`
    is the server's "now" (the real one; a test moves it)."""
    import uvicorn
    from sqlalchemy import select

    from cityapi.app import create_app
    from cityapi.catalog_import import import_catalog
    from cityapi.counters import add_staff
    from cityapi.database import open_database
    from cityapi.models import Staff
    from kiosk.paths import SAMPLE_CATALOG

    data = config.data_dir
    data.mkdir(parents=True, exist_ok=True)
    source = Path(config.data.catalog) if config.data.catalog else SAMPLE_CATALOG
    catalog = write_demo_catalog(source, data)
    sessions = open_database(f"sqlite:///{data / 'cityapi.db'}")
    with sessions.begin() as session:
        plaza_code, _count, _problems = import_catalog(session, catalog, clock())
        if session.scalars(select(Staff.id).where(Staff.plaza_code == plaza_code)).first() is None:
            add_staff(session, plaza_code, *DEMO_STAFF, clock())
    server = uvicorn.Server(uvicorn.Config(create_app(sessions, clock), host="127.0.0.1",
                                           port=port, log_level="warning",
                                           timeout_graceful_shutdown=1))
    threading.Thread(target=server.run, name="city-api", daemon=True).start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError(f"the embedded city API could not listen on 127.0.0.1:{port}")
    url = f"http://127.0.0.1:{port}"
    enrolments = {role: _enrolled(config, sessions, plaza_code, role, url, clock)
                  for role in ("kiosk", "counter", "display")}
    return EmbeddedCity(url, enrolments, catalog, server)


def _enrolled(config: Config, sessions, plaza_code: str, role: str, url: str,
              clock: Clock) -> Enrolment:
    """The device's enrolment with this server: the one in its folder, or a new one."""
    from cityapi.devices import new_enrolment_code
    from sync import credentials
    from sync.client import CityClient

    folder = role_dir(config.data_dir, role)
    enrolment = credentials.load(folder)
    if enrolment is not None and enrolment.server == url and enrolment.tag:
        return enrolment
    with sessions.begin() as session:
        code = new_enrolment_code(session, plaza_code, role, clock())
    client = CityClient(url, retries=1)
    try:
        answer = client.enrol(code, role, f"{config.device_id}-{role}")
    finally:
        client.close()
    enrolment = credentials.Enrolment.from_answer(url, answer)
    credentials.save(folder, enrolment)
    log.info("demo %s enrolled as %s", role, enrolment.device_id)
    return enrolment
