"""The on-screen keyboard, written as widgets (Qt's virtual keyboard is not in Essentials)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui import icons
from ui.i18n import translate
from ui.theme import GAP, KEY, Theme
from ui.widgets.common import button, set_icon

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM/.")
TALL_KEY = 1.5  # how much taller keys may grow where there is room
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"


class Keyboard(QWidget):
    typed = Signal(str)  # one character
    erased = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        for row, keys in enumerate(ROWS):
            for column, key in enumerate(keys):
                key_button = button(key, "key")
                key_button.clicked.connect(lambda _=False, k=key: self.typed.emit(k.lower()))
                self.grid.addWidget(key_button, row, column)
        layout.addLayout(self.grid)
        self.bottom = QHBoxLayout()
        self.clear_key = button("", "key")
        self.space_key = button("", "key")
        self.erase_key = button("", "key")
        self.clear_key.clicked.connect(self.cleared.emit)
        self.space_key.clicked.connect(lambda: self.typed.emit(" "))
        self.erase_key.clicked.connect(self.erased.emit)
        self.bottom.addWidget(self.clear_key, 3)
        self.bottom.addWidget(self.space_key, 4)
        self.bottom.addWidget(self.erase_key, 3)
        layout.addLayout(self.bottom)
        self.retranslate()

    def apply_theme(self, theme: Theme) -> None:
        gap = theme.px(GAP)  # UI-GUIDE: 16 px between targets
        for layout in (self.layout(), self.grid, self.bottom):
            layout.setSpacing(gap)
        # Beside the results (landscape) the keys grow into the column's height, up to half
        # again their size: bigger targets rather than an empty space under them.
        tall = theme.landscape
        for key in self.findChildren(QPushButton):
            key.setSizePolicy(QSizePolicy.Policy.MinimumExpanding,
                              QSizePolicy.Policy.Expanding if tall else QSizePolicy.Policy.Fixed)
            key.setMaximumHeight(theme.px(KEY[1] * TALL_KEY) if tall else QWIDGETSIZE_MAX)
        size = theme.px(40)
        set_icon(self.erase_key, icons.icon("backspace", size, theme.colors.text), size)

    def retranslate(self) -> None:
        self.clear_key.setText(translate("Keyboard", "Clear"))
        self.space_key.setText(translate("Keyboard", "Space"))
        self.erase_key.setText(translate("Keyboard", "Delete"))
