"""Finding and tapping widgets the way a visitor would: by what they say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from ui.widgets.painted_row import PaintedRow


def visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QPushButton) and widget.text():
            texts.append(widget.text().replace("&&", "&"))
        elif isinstance(widget, PaintedRow):
            texts.append(widget.accessible_text())
    return texts


def find_button(root: QWidget, text: str) -> QPushButton:
    for widget in root.findChildren(QPushButton):
        if widget.isVisibleTo(root) and widget.text().replace("&&", "&") == text:
            return widget
    raise LookupError(f"no visible button {text!r}; have {visible_texts(root)}")


def button_named(root: QWidget, name: str) -> QPushButton:
    """The shown button of that object name: a panel drawn again keeps its old buttons, hidden,
    until Qt deletes them, and findChild may return one of those. (New ones are shown from
    the event loop.)"""
    QApplication.processEvents()
    for widget in root.findChildren(QPushButton, name):
        if widget.isVisibleTo(root):
            return widget
    raise LookupError(f"no visible button named {name!r}")


def tap(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    # New widgets are shown from the event loop (Qt queues it), as on a real kiosk.
    QApplication.processEvents()


def cards(root: QWidget) -> list[PaintedRow]:
    """Everything tappable that is a card: office tiles and list rows, in layout order."""
    found = [w for w in root.findChildren(PaintedRow) if w.isVisibleTo(root)]
    return sorted(found, key=lambda w: (w.mapTo(root, w.rect().topLeft()).y(),
                                        w.mapTo(root, w.rect().topLeft()).x()))
