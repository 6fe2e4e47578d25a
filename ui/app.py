"""Starting the visitor kiosk: the Qt application, fonts, the store thread and the window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.local_plaza import LocalPlaza
from kiosk.paths import ASSETS
from ui.kiosk_model import KioskModel, StaffNotes
from ui.shell import KioskWindow
from ui.store_thread import StoreThread

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("plaza-kiosk")
    for font in sorted((ASSETS / "fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("font %s could not be loaded", font.name)
    app.setFont(QFont("Noto Sans"))
    return app


def build_kiosk(config: Config, plaza: LocalPlaza, notes: StaffNotes, *, kiosk_mode: bool) -> KioskWindow:
    """The window, with its model and store thread, showing the home screen."""
    store_thread = StoreThread()
    model = KioskModel(config, plaza, store_thread, notes)
    window = KioskWindow(model, kiosk_mode=kiosk_mode)
    store_thread.setParent(window)
    model.setParent(window)
    model.refresh_states()
    return window


def shutdown(window: KioskWindow) -> None:
    window.dispose()
