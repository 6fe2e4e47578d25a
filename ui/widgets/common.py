"""Small building blocks shared by the screens."""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPushButton, QSizePolicy, QWidget

NON_BREAKING_HYPHEN = "\u2011"
_HYPHEN_IN_WORD = re.compile(r"(?<=\S)-(?=\S)")


def unbroken(text: str) -> str:
    """Hyphens inside words made non-breaking, so a line never ends in 'KTP-' with 'el' on the
    next (the bundled font draws U+2011 as the same hyphen)."""
    return _HYPHEN_IN_WORD.sub(NON_BREAKING_HYPHEN, text)


class Label(QLabel):
    """A label that wraps between words only. `text()` is the text as given; Qt lays it out
    with non-breaking hyphens (`unbroken`)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._text = text
        super().setText(unbroken(text))

    def text(self) -> str:
        return self._text


def label(text: str = "", role: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    widget = Label(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # catalog text is never markup
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget another look from the theme's stylesheet (it is polished again)."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def plain(text: str) -> str:
    """Button text shown as written: '&' would otherwise mark a keyboard mnemonic."""
    return text.replace("&", "&&")


def button(text: str = "", role: str = "", *, parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(plain(text), parent)
    if role:
        widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch first; no dotted focus frames
    # Wider when there is room, never narrower than its words need.
    widget.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
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
    while layout.count():
        item = layout.itemAt(0)
        if (widget := item.widget()) is not None:
            # removeWidget deletes the layout's item for it: a widget keeps its size cache in
            # its first item, so a leftover item would leave the next layout reading stale sizes.
            layout.removeWidget(widget)
            if widget not in keep:
                widget.hide()
                widget.deleteLater()
        elif (child := item.layout()) is not None:
            clear_layout(child, keep)
            layout.removeItem(child)
            child.deleteLater()
        else:  # a spacer or stretch: nobody else holds it
            shiboken6.delete(layout.takeAt(0))


def show_fullscreen(window: QWidget) -> None:
    """Fullscreen on the whole primary screen. The geometry is set explicitly: without a
    window manager (some kiosk and TV sessions) `showFullScreen()` alone leaves a small window."""
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()
