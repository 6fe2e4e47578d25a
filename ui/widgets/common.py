"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPushButton, QSizePolicy, QWidget


def label(text: str = "", role: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # catalog text is never markup
    return widget


def plain(text: str) -> str:
    """Button text shown as written: '&' would otherwise mark a keyboard mnemonic."""
    return text.replace("&", "&&")


def button(text: str = "", role: str = "", *, parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(plain(text), parent)
    if role:
        widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch first; no dotted focus frames
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    widget.setAutoRepeat(False)
    return widget


def set_icon(widget: QPushButton, icon, size: int) -> None:
    widget.setIcon(icon)
    widget.setIconSize(QSize(size, size))


def card(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    return frame


def clear_layout(layout: QLayout, keep: tuple[QWidget, ...] = ()) -> None:
    """Empty a layout, deleting what it held except the long-lived widgets in `keep`
    (screens rebuild their content often; nothing may pile up over a day)."""
    while (item := layout.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            if widget not in keep:
                widget.hide()
                widget.deleteLater()
        elif (child := item.layout()) is not None:
            clear_layout(child, keep)
            child.deleteLater()


def show_fullscreen(window: QWidget) -> None:
    """Fullscreen on the whole primary screen. The geometry is set explicitly: without a
    window manager (some kiosk and TV sessions) `showFullScreen()` alone leaves a small window."""
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()
