"""Signing in at a counter: who you are, which counter, your PIN. The owner checks the PIN
with the server and answers with a message (wrong PIN, locked out) or the console."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import icons
from ui.counter.common import MessageLine, TopBar, WrapButton, console_scale, default_theme
from ui.i18n import translate
from ui.theme import CONSOLE_SIZE, Theme
from ui.widgets.common import button, clear_layout, label, set_icon
from ui.widgets.scroll import TouchScroll

PIN_MIN = 4
PIN_MAX = 12
PAD_WIDTH = 380
PAD_SHARE = 0.335  # the keypad's share of a window narrower than 1280 px
DOT = 28  # a PIN dot's diameter at 1280x800
DOT_GAP = 0.6  # the room between two dots, as a share of a dot
DOT_MARGIN = 10


class PinPad(QWidget):
    """Digits, erase and OK, as large keys (the kiosk's staff pad, laid out for a console)."""

    typed = Signal(str)
    erased = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789"):
            self._add(key, button(key, "key"), index // 3, index % 3)
        self._add("erase", button("", "key"), 3, 0)
        self._add("0", button("0", "key"), 3, 1)
        self._add("ok", button("", "primary"), 3, 2)
        for key, widget in self.keys.items():
            if key.isdigit():
                widget.clicked.connect(lambda _=False, k=key: self.typed.emit(k))
        self.keys["erase"].clicked.connect(self.erased.emit)
        self.keys["ok"].clicked.connect(self.submitted.emit)
        self.retranslate()

    def _add(self, key: str, widget: QPushButton, row: int, column: int) -> None:
        widget.setObjectName(f"pin-{key}")
        self.keys[key] = widget
        self.grid.addWidget(widget, row, column)

    def retranslate(self) -> None:
        self.keys["ok"].setText(translate("SignInPanel", "Sign in"))
        self.keys["erase"].setAccessibleName(translate("SignInPanel", "Delete"))

    def apply_theme(self, theme: Theme) -> None:
        self.grid.setSpacing(theme.px(12))
        for widget in self.keys.values():
            widget.setMinimumHeight(theme.px(84))
        set_icon(self.keys["erase"], icons.icon("backspace", theme.px(40), theme.colors.text),
                 theme.px(40))


class PinDots(QWidget):
    """A dot per digit typed and a hollow one per digit still needed, painted apart from each
    other at a fixed height (glyphs from whichever font has them would touch, and change the
    row's height and move the keypad under it). `text()` says the same in characters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.typed = 0
        self.needed = PIN_MIN
        self.theme = default_theme()

    def set_count(self, typed: int, needed: int = PIN_MIN) -> None:
        if (typed, needed) != (self.typed, self.needed):
            self.typed, self.needed = typed, needed
            self.setAccessibleName(self.text())
            self.update()

    def text(self) -> str:
        return "●" * self.typed + "○" * max(0, self.needed - self.typed)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setFixedHeight(theme.px(DOT + 2 * DOT_MARGIN))
        self.update()

    def dot_boxes(self) -> list[QRectF]:
        """Where each dot is drawn, left to right."""
        count = max(self.typed, self.needed)
        if not count:
            return []
        # As many as PIN_MAX dots share the pad's width: they shrink, the gaps stay.
        size = min(float(self.theme.px(DOT)), self.width() / (count * (1 + DOT_GAP)))
        gap = size * DOT_GAP
        left = (self.width() - count * size - (count - 1) * gap) / 2
        top = (self.height() - size) / 2
        return [QRectF(left + index * (size + gap), top, size, size) for index in range(count)]

    def paintEvent(self, _event) -> None:
        t = self.theme
        ink = QColor(t.colors.accent if t.high_contrast else t.colors.primary)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, box in enumerate(self.dot_boxes()):
            if index < self.typed:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ink)
                painter.drawEllipse(box)
            else:
                line = max(2.0, box.width() / 8)
                painter.setPen(QPen(ink, line))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(box.adjusted(line / 2, line / 2, -line / 2, -line / 2))
        painter.end()


class SignInPanel(QWidget):
    signInRequested = Signal(str, str, str)  # staff id, PIN, counter

    def __init__(self, theme: Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignInPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # digits typed on a keyboard come here
        self.theme = theme or default_theme()
        self.pin = ""
        self.staff_id = ""
        self.counter = ""
        self.is_busy = False
        self.staff_buttons: dict[str, QPushButton] = {}
        self.counter_buttons: dict[str, QPushButton] = {}
        self._staff_group = QButtonGroup(self)
        self._counter_group = QButtonGroup(self)

        self.top = TopBar()
        self.staff_title = label("", "section")
        self.staff_box = QWidget()
        self.staff_column = QVBoxLayout(self.staff_box)
        self.staff_column.setContentsMargins(0, 0, 0, 0)
        self.staff_scroll = TouchScroll(self.staff_box)
        self.counter_title = label("", "section")
        self.counter_box = QWidget()
        self.counter_grid = QGridLayout(self.counter_box)
        self.counter_grid.setContentsMargins(0, 0, 0, 0)
        self.counter_scroll = TouchScroll(self.counter_box)
        self.pin_title = label("", "section")
        self.dots = PinDots()
        self.pad = PinPad()
        self.pad.typed.connect(self.type_digit)
        self.pad.erased.connect(self.erase)
        self.pad.submitted.connect(self.submit)

        self.columns = QHBoxLayout()
        # Names wrap; "Loket 12" does not: the counters get the wider column.
        for title, body, stretch in ((self.staff_title, self.staff_scroll, 4),
                                     (self.counter_title, self.counter_scroll, 5)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(body, 1)
            self.columns.addLayout(column, stretch)
        self.pin_box = QWidget()
        self.pin_column = QVBoxLayout(self.pin_box)
        self.pin_column.setContentsMargins(0, 0, 0, 0)
        self.pin_column.addWidget(self.pin_title)
        self.pin_column.addWidget(self.dots)
        self.pin_column.addWidget(self.pad)
        self.pin_column.addStretch(1)
        self.columns.addWidget(self.pin_box)

        self.bottom = QFrame()
        self.bottom.setProperty("role", "bar")
        self.message = MessageLine()
        self.busy_label = label("", "secondary", wrap=False)
        self.busy_label.hide()
        bottom_row = QHBoxLayout(self.bottom)
        bottom_row.addWidget(self.message, 1)
        bottom_row.addWidget(self.busy_label)

        root = QVBoxLayout(self)
        # Any window size: the panel scales to it in resizeEvent (its least size at the scale
        # it has before would otherwise keep a smaller window at the design size).
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.top)
        root.addLayout(self.columns, 1)
        root.addWidget(self.bottom)
        self.apply_theme(self.theme)
        self.resize(*CONSOLE_SIZE)
        self.retranslate()

    # --- public API ---

    def set_staff(self, staff: list[tuple[str, str]]) -> None:
        """(staff id, name) in the order to show; keeps the choice if that person is still listed."""
        clear_layout(self.staff_column)
        self.staff_buttons = {}
        for staff_id, name in staff:
            widget = WrapButton(name)
            widget.setCheckable(True)
            widget.setObjectName(f"staff-{staff_id}")
            widget.clicked.connect(lambda _=False, s=staff_id: self._choose_staff(s))
            self._staff_group.addButton(widget)
            self.staff_column.addWidget(widget)
            self.staff_buttons[staff_id] = widget
        self.staff_column.addStretch(1)
        if self.staff_id not in self.staff_buttons:
            self.staff_id = ""
        self._render()

    def set_counters(self, counters: list[str]) -> None:
        clear_layout(self.counter_grid)
        self.counter_buttons = {}
        for index, counter in enumerate(counters):
            widget = button("", "counter")
            widget.setCheckable(True)
            widget.setObjectName(f"counter-{counter}")
            widget.clicked.connect(lambda _=False, c=counter: self._choose_counter(c))
            self._counter_group.addButton(widget)
            self.counter_grid.addWidget(widget, index // 2, index % 2)
            self.counter_buttons[counter] = widget
        self.counter_grid.setRowStretch(self.counter_grid.rowCount(), 1)
        if len(counters) == 1:
            self.counter = counters[0]  # nothing to choose
        elif self.counter not in self.counter_buttons:
            self.counter = ""
        self.retranslate()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.message.show_message(text, kind)

    def busy(self, on: bool) -> None:
        """The owner is checking the PIN with the server: no input until it answers."""
        self.is_busy = on
        self._render()

    def clear_pin(self) -> None:
        self.pin = ""
        self._render()

    # --- input ---

    def type_digit(self, digit: str) -> None:
        if self.is_busy or len(self.pin) >= PIN_MAX:
            return
        self.pin += digit
        self.message.clear_error()
        self._render()

    def erase(self) -> None:
        if not self.is_busy:
            self.pin = self.pin[:-1]
            self._render()

    def submit(self) -> None:
        if self.is_busy:
            return
        missing = self._missing()
        if missing:
            self.message.show_message(missing, "info")
            return
        pin, self.pin = self.pin, ""  # the PIN never lingers on screen after an attempt
        self.message.clear()
        self._render()
        self.signInRequested.emit(self.staff_id, pin, self.counter)

    def _missing(self) -> str:
        if not self.staff_id:
            return translate("SignInPanel", "Please choose your name.")
        if not self.counter:
            return translate("SignInPanel", "Please choose a counter.")
        if len(self.pin) < PIN_MIN:
            return translate("SignInPanel", "The PIN has at least %1 digits.").replace(
                "%1", str(PIN_MIN))
        return ""

    def _choose_staff(self, staff_id: str) -> None:
        self.staff_id = staff_id
        self._render()

    def _choose_counter(self, counter: str) -> None:
        self.counter = counter
        self._render()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.text().isdigit() and len(event.text()) == 1:  # also the numeric keypad
            self.type_digit(event.text())
        elif key == Qt.Key.Key_Backspace:
            self.erase()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)

    # --- rendering ---

    def retranslate(self) -> None:
        self.top.title.setText(translate("SignInPanel", "Sign in at a counter"))
        # Numbered: the order to go through the three columns.
        self.staff_title.setText(translate("SignInPanel", "1. Choose your name"))
        self.counter_title.setText(translate("SignInPanel", "2. Choose the counter"))
        self.pin_title.setText(translate("SignInPanel", "3. Enter your PIN"))
        self.busy_label.setText(translate("SignInPanel", "Checking…"))
        for counter, widget in self.counter_buttons.items():
            widget.setText(translate("SignInPanel", "Counter %1").replace("%1", counter))
        self.pad.retranslate()
        self._render()

    def _render(self) -> None:
        # "●" per digit typed; the empty places show how many are needed at least.
        self.dots.set_count(len(self.pin))
        for staff_id, widget in self.staff_buttons.items():
            widget.setChecked(staff_id == self.staff_id)
            widget.setEnabled(not self.is_busy)
        for counter, widget in self.counter_buttons.items():
            widget.setChecked(counter == self.counter)
            widget.setEnabled(not self.is_busy)
        for key, widget in self.pad.keys.items():
            widget.setEnabled(not self.is_busy and (key != "ok" or not self._missing()))
        self.busy_label.setVisible(self.is_busy)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        px = theme.px
        # The keypad's "Sign in" key is as narrow as a digit's: its words get the padding's room.
        self.setStyleSheet(theme.console_stylesheet()
                           + f"QPushButton#pin-ok {{ padding: {px(6)}px {px(4)}px; }}")
        self.top.apply_theme(theme)
        self.columns.setContentsMargins(px(24), px(16), px(24), px(16))
        self.columns.setSpacing(px(24))
        self.staff_column.setSpacing(px(10))
        self.counter_grid.setSpacing(px(10))
        self.pin_box.setFixedWidth(min(px(PAD_WIDTH), int(self.width() * PAD_SHARE)))
        self.pin_column.setSpacing(px(12))
        self.dots.apply_theme(theme)
        self.pad.apply_theme(theme)
        for scroll in (self.staff_scroll, self.counter_scroll):
            scroll.set_fade_color(theme.colors.background)
        self.bottom.layout().setContentsMargins(px(24), px(8), px(24), px(8))
        self.bottom.setFixedHeight(px(92))  # two lines of a message: none is cut off

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.setFocus()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        scale = console_scale(event.size().width(), event.size().height())
        if abs(scale - self.theme.scale) > 0.01:
            self.apply_theme(self.theme.with_(scale=scale, landscape=True))
        else:
            self.pin_box.setFixedWidth(min(self.theme.px(PAD_WIDTH), int(self.width() * PAD_SHARE)))
