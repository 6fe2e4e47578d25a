"""Finding and tapping widgets the way a visitor would: by what they say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from ui.widgets.tap_card import TapCard


def visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QPushButton) and widget.text():
            texts.append(widget.text().replace("&&", "&"))
    return texts


def find_button(root: QWidget, text: str) -> QPushButton:
    for widget in root.findChildren(QPushButton):
        if widget.isVisibleTo(root) and widget.text().replace("&&", "&") == text:
            return widget
    raise LookupError(f"no visible button {text!r}; have {visible_texts(root)}")


def tap(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    # New widgets are shown from the event loop (Qt queues it), as on a real kiosk.
    QApplication.processEvents()


def cards(root: QWidget) -> list[TapCard]:
    return [w for w in root.findChildren(TapCard) if w.isVisibleTo(root)]
