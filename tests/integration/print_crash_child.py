"""A kiosk process for the kill -9 test: it takes one number with a printer that does not
answer yet, says "issued ID NUMBER" once the ticket is stored, and waits to be killed while
its print job is still asking the printer. Run: python -m tests.integration.print_crash_child
STORE PRINTER_ADDRESS DATA_DIR."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(store_path: str, address: str, data_dir: str) -> None:
    from kiosk.config import load_config
    from kiosk.local_plaza import LocalPlaza
    from kiosk.store.db import open_store
    from tests.conftest import TUESDAY_10, FixedClock
    from ui.app import application, build_kiosk
    from ui.kiosk_model import StaffNotes

    config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""}).with_values(
        data={"dir": data_dir},
        printer={"kind": "network", "address": address, "status_timeout": 3.0})
    plaza = LocalPlaza(open_store(Path(store_path)), device_id="kiosk-test",
                       timezone="Asia/Makassar", clock=FixedClock(TUESDAY_10))
    app = application()
    window = build_kiosk(config, plaza, StaffNotes(), kiosk_mode=False)
    window.model.printer.wait_idle()
    window.model.ticketIssued.connect(
        lambda ticket: print(f"issued {ticket.id} {ticket.number}", flush=True))
    window.model.issue("ktp-el", None)
    app.exec()  # until killed


if __name__ == "__main__":
    main(*sys.argv[1:])
