"""Parts the counter console and its sign-in panel share: theme, top bar, message line, overlay."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import OPTIONS
from ui.i18n import translate
from ui.theme import CONSOLE_BAR, Palette, Theme
from ui.widgets.common import button, label, plain
from ui.widgets.scroll import TouchScroll

INFO_SECONDS = 6  # an info message fades after this; an error stays until the next action


SMALLEST_PANEL = (1024, 768)  # the smallest counter screen drawn at full size


def console_scale(width: int, height: int) -> float:
    """The console's scale in a window of this size: grown on larger panels, full size on
    every panel from 1024x768 up (the layout re-flows between that and its 1280x800 design,
    its type never shrinking under the guide's 24 px), shrunk only in smaller windows."""
    full = min(1.0, width / SMALLEST_PANEL[0], height / SMALLEST_PANEL[1])
    return max(Theme.console_scale(width, height), full)


def default_theme() -> Theme:
    """The built-in palette, for a console built without a config at hand (tests, screenshots)."""
    return Theme(Palette(**{key: option.default for key, option in OPTIONS["theme"].items()}))


# Each group its own picture beside its word (the wheelchair is the disability mark only).
PRIORITY_ICONS = {"lansia": "elderly", "disabilitas": "priority", "ibu_hamil": "pregnant"}


def priority_icon(code: str | None) -> str:
    """The icon of a priority group; a group this version does not know gets a plain star."""
    return PRIORITY_ICONS.get(code or "", "star")


def priority_word(code: str | None) -> str:
    """'Priority: Elderly': a word with the mark, never colour alone (UI-GUIDE)."""
    word = {
        "lansia": translate("CounterConsole", "Elderly"),
        "disabilitas": translate("CounterConsole", "Disability"),
        "ibu_hamil": translate("CounterConsole", "Pregnant"),
    }.get(code or "")
    if word is None:
        return translate("CounterConsole", "Priority")
    return translate("CounterConsole", "Priority: %1").replace("%1", word)


def minutes_text(value: int) -> str:
    return translate("CounterConsole", "%1 min").replace("%1", str(value))


class TopBar(QFrame):
    """The blue bar across the top: a title, then whatever the owner adds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "topbar")
        self.row = QHBoxLayout(self)
        self.title = label("", "topbar-title", wrap=False)
        self.row.addWidget(self.title)

    def apply_theme(self, theme: Theme) -> None:
        self.setFixedHeight(theme.px(CONSOLE_BAR))
        self.row.setContentsMargins(theme.px(24), theme.px(4), theme.px(16), theme.px(4))
        self.row.setSpacing(theme.px(16))


class MessageLine(QLabel):
    """Results and errors in words. Errors stay until `clear_error`; info fades by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        # Set from the start: a role given later recolours the label but does not bring its
        # padding (both kinds share the same box, so only the colours change).
        self.setProperty("role", "message-info")
        self.kind = ""
        self._fade = QTimer(self, singleShot=True, interval=INFO_SECONDS * 1000)
        self._fade.timeout.connect(self.clear)
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = "error" if kind == "error" else "info"
        if self.property("role") != f"message-{self.kind}":
            self.setProperty("role", f"message-{self.kind}")
            self.style().unpolish(self)
            self.style().polish(self)
        self.setText(text)
        self.show()
        if self.kind == "info":
            self._fade.start()
        else:
            self._fade.stop()

    def clear(self) -> None:
        self._fade.stop()
        self.kind = ""
        super().clear()
        self.hide()

    def clear_error(self) -> None:
        if self.kind == "error":
            self.clear()


class Overlay(QFrame):
    """A touch-sized sheet inside the window over a dimmed screen (never a tiny native dialog).
    It covers its parent and follows its size; Escape or Cancel closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "scrim")
        self.hide()
        self.sheet = QFrame(self)
        self.sheet.setProperty("role", "sheet")
        outer = QVBoxLayout(self)
        outer.addStretch()
        outer.addWidget(self.sheet, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch()
        self.column = QVBoxLayout(self.sheet)
        self.title = label("", "section")
        self.note = label("", "secondary")
        self.choices = QWidget()
        self.choice_column = QVBoxLayout(self.choices)
        self.choice_column.setContentsMargins(0, 0, 0, 0)
        self.scroll = TouchScroll(self.choices)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cancel = button(translate("CounterConsole", "Cancel"))
        self.cancel.clicked.connect(self.close_sheet)
        for widget in (self.title, self.note, self.scroll, self.cancel):
            self.column.addWidget(widget)
        parent.installEventFilter(self)

    def apply_theme(self, theme: Theme) -> None:
        pad = theme.px(32)
        self.column.setContentsMargins(pad, pad, pad, pad)
        self.column.setSpacing(theme.px(16))
        self.choice_column.setSpacing(theme.px(12))
        self.sheet.setFixedWidth(theme.px(760))
        self.scroll.set_fade_color(theme.colors.surface)

    def open_sheet(self, title: str, note: str, choices: list[tuple[str, Callable[[], None]]],
                   cancel_text: str) -> None:
        """Show `choices` as large buttons; tapping one closes the sheet, then calls it."""
        while (item := self.choice_column.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.title.setText(title)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        margins = self.column.contentsMargins()
        width = self.sheet.width() - margins.left() - margins.right()
        needed = 0
        for text, chosen in choices:
            choice = WrapButton(text)
            choice.clicked.connect(lambda _=False, act=chosen: self._choose(act))
            self.choice_column.addWidget(choice)
            choice.ensurePolished()  # the stylesheet's font, before measuring
            choice.wrap_to(width)
            needed += choice.sizeHint().height() + self.choice_column.spacing()
        self.scroll.setVisible(bool(choices))
        self.cancel.setText(cancel_text)
        # As tall as its choices, up to most of the window; the rest scrolls.
        parent = self.parentWidget()
        self.scroll.setFixedHeight(min(needed, max(self.cancel.sizeHint().height(),
                                                   int(parent.height() * 0.6))))
        # The wrapped title and note need their height for the sheet's width (a layout's
        # plain size hint does not ask for it, and the sheet would squeeze its buttons).
        self.column.activate()
        self.sheet.setFixedHeight(self.column.totalHeightForWidth(self.sheet.width())
                                  if self.column.hasHeightForWidth()
                                  else self.column.totalSizeHint().height())
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def _choose(self, chosen: Callable[[], None]) -> None:
        self.close_sheet()
        chosen()

    def close_sheet(self) -> None:
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_sheet()
        else:
            super().keyPressEvent(event)


class WrapButton(QPushButton):
    """A touch row whose long text (a service or staff name) wraps onto more lines instead
    of being cut off; `full_text` is what it says."""

    def __init__(self, text: str, role: str = "choice", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setText(plain(text))
        self.setAccessibleName(text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.wrap_to(event.size().width())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.wrap_to(self.width())

    def wrap_to(self, width: int) -> None:
        metrics = QFontMetrics(self.font())
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.rect.setWidth(width)
        # The room inside the stylesheet's padding and border, less a little for rounding.
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                           self).width() - metrics.averageCharWidth()
        lines: list[str] = []
        for word in self.full_text.split():
            if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        wrapped = plain("\n".join(lines))
        if wrapped != self.text():
            self.setText(wrapped)
        # Pinned to what the wrapped lines need: a layout (a scroll area's above all) then
        # gives each row its height, instead of a stale one that cuts the last line off.
        height = self.sizeHint().height()
        if (self.minimumHeight(), self.maximumHeight()) != (height, height):
            self.setFixedHeight(height)


def restyle(widget: QWidget, role: str) -> None:
    """Give a widget another stylesheet role (a colour change; set box roles at creation)."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
