"""The on-screen keyboard, written as widgets (Qt's virtual keyboard is not in Essentials)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.theme import GAP
from ui.widgets.common import button

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM/.")


class Keyboard(QWidget):
    typed = Signal(str)  # one character
    erased = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(GAP)  # UI-GUIDE: 16 px between targets
        for row, keys in enumerate(ROWS):
            for column, key in enumerate(keys):
                key_button = button(key, "key")
                key_button.clicked.connect(lambda _=False, k=key: self.typed.emit(k.lower()))
                grid.addWidget(key_button, row, column)
        layout.addLayout(grid)
        bottom = QHBoxLayout()
        bottom.setSpacing(GAP)
        self.clear_key = button("", "key")
        self.space_key = button("", "key")
        self.erase_key = button("", "key")
        self.clear_key.clicked.connect(self.cleared.emit)
        self.space_key.clicked.connect(lambda: self.typed.emit(" "))
        self.erase_key.clicked.connect(self.erased.emit)
        bottom.addWidget(self.clear_key, 3)
        bottom.addWidget(self.space_key, 4)
        bottom.addWidget(self.erase_key, 3)
        layout.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.clear_key.setText(translate("Keyboard", "Clear"))
        self.space_key.setText(translate("Keyboard", "Space"))
        self.erase_key.setText(translate("Keyboard", "⌫ Delete"))
