"""When the kiosk cannot start (a bad config, an unreadable catalog), say so on its screen.

A kiosk has no console anyone reads: the message goes where staff will see it, in plain
words, with what to tell IT. Never a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.config import OPTIONS
from ui.i18n import languages, translate
from ui.theme import Palette, Theme


class ProblemScreen(QWidget):
    def __init__(self, message: str, *, kiosk_mode: bool) -> None:
        super().__init__()
        self.kiosk_mode = kiosk_mode
        self.message = message
        # The config may be what failed: the built-in defaults, never the file's colours.
        defaults = {key: option.default for key, option in OPTIONS["theme"].items()}
        theme = Theme(Palette(**defaults))
        self.setStyleSheet(theme.stylesheet())
        self.setObjectName("KioskWindow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 80, 80, 80)
        layout.setSpacing(32)
        layout.addStretch()
        self.lines: list[QLabel] = []
        for role in ("title", "", "notice"):
            item = QLabel()
            item.setWordWrap(True)
            item.setTextFormat(Qt.TextFormat.PlainText)
            if role:
                item.setProperty("role", role)
            layout.addWidget(item)
            self.lines.append(item)
        layout.addStretch()
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
            self.setCursor(Qt.CursorShape.BlankCursor)
        # The config may be what failed: the default language, not the file's.
        if not languages().switch("id"):
            self.retranslate()

    def retranslate(self) -> None:
        texts = (translate("Problem", "This kiosk needs attention"),
                 translate("Problem", "Please use another kiosk or ask the information desk."),
                 translate("Problem", "For IT:") + " " + self.message)
        for item, text in zip(self.lines, texts, strict=True):
            item.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_fullscreen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is not None:  # explicit geometry: some kiosk sessions have no window manager
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def closeEvent(self, event) -> None:
        if self.kiosk_mode:
            event.ignore()
        else:
            super().closeEvent(event)
