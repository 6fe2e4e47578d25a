"""The frame of every visitor screen: header (logo, plaza, clock, language) and footer."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.paths import ASSETS
from ui import icons
from ui.i18n import languages, translate
from ui.theme import FOOTER_HEIGHT, HEADER_HEIGHT, MARGIN, Theme
from ui.widgets.common import button, label

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
RAIL_WIDTH = 260
STAFF_TAPS = 5  # taps on the logo within STAFF_TAP_SECONDS open the staff panel
STAFF_TAP_SECONDS = 3.0
# Qt turns every second quick press into a double-click: both are a tap on the logo.
TAP_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


class Header(QFrame):
    languageChosen = Signal(str)
    staffGesture = Signal()

    def __init__(self, plaza_name: str, city: str, now: Callable[[], datetime], logo_path: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "header")
        self._now = now  # the plaza's wall clock
        self._taps: list[float] = []
        self._down = False  # a tap on the logo is being held
        self._logo_path = logo_path
        layout = QHBoxLayout(self)
        self.logo = QLabel()
        self.logo.installEventFilter(self)
        self.title = label("", "header-title")
        self.city = label("", "header-sub")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addStretch()
        names.addWidget(self.title)
        names.addWidget(self.city)
        names.addStretch()
        self.clock = label("", "clock", wrap=False)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.id_button = button("ID", "header")
        self.en_button = button("EN", "header")
        for lang, lang_button in (("id", self.id_button), ("en", self.en_button)):
            # Their size is the theme's (LANGUAGE_BUTTON): the clock never moves.
            lang_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            lang_button.setCheckable(True)
            lang_button.clicked.connect(lambda _=False, code=lang: self._choose(code))
        layout.addWidget(self.logo)
        layout.addLayout(names, 1)
        layout.addWidget(self.clock)
        layout.addWidget(self.id_button)
        layout.addWidget(self.en_button)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.update_clock)
        self._timer.start(10_000)
        self.set_plaza(plaza_name, city, logo_path)
        self._show_language()

    def set_plaza(self, plaza_name: str, city: str, logo_path: str) -> None:
        """The plaza's name, city and logo (from the catalog and config; a new catalog may
        rename the plaza)."""
        self.title.setText(plaza_name)
        self.city.setText(city)
        self.city.setVisible(bool(city) and city.casefold() not in plaza_name.casefold())
        if logo_path != self._logo_path and self.logo.pixmap() and not self.logo.pixmap().isNull():
            size = self.logo.width()
            self.logo.setPixmap(icons.logo_pixmap(logo_path, size))
        self._logo_path = logo_path
        self.update_clock()

    def _choose(self, lang: str) -> None:
        self.languageChosen.emit(lang)
        self._show_language()  # a tap on the language already shown un-checks its button

    def _show_language(self) -> None:
        """Check the button of the app's language (a tap only asks, by `languageChosen`)."""
        lang = languages().current
        self.id_button.setChecked(lang == "id")
        self.en_button.setChecked(lang == "en")
        self.id_button.setAccessibleName("Bahasa Indonesia")
        self.en_button.setAccessibleName("English")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._show_language()

    def update_clock(self) -> None:
        self.clock.setText(self._now().strftime("%H:%M"))

    def apply_theme(self, theme: Theme) -> None:
        self.setFixedHeight(theme.px(HEADER_HEIGHT))  # the same in every mode (see Theme)
        self.layout().setContentsMargins(theme.px(MARGIN), 0, theme.px(MARGIN), 0)
        self.layout().setSpacing(theme.px(20))
        size = theme.px(96)
        self.logo.setPixmap(icons.logo_pixmap(self._logo_path, size))
        self.logo.setFixedSize(size, size)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.logo:
            kind = event.type()
            if kind == QEvent.Type.MouseButtonRelease:
                self._down = False
            # A quick second tap may come as a double-click instead of a press, or as both:
            # either way it is one tap.
            elif kind in TAP_EVENTS and not (kind == QEvent.Type.MouseButtonDblClick and self._down):
                self._down = True
                self._tap()
        return False

    def _tap(self) -> None:
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t < STAFF_TAP_SECONDS] + [now]
        if len(self._taps) >= STAFF_TAPS:
            self._taps.clear()
            self.staffGesture.emit()


def _footer_button() -> QToolButton:
    # A tool button can put its word under the icon, so the landscape rail never cuts it off.
    widget = QToolButton()
    widget.setProperty("role", "footer")
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return widget


class Wave(QWidget):
    """The thin river wave under the header (UI-GUIDE): the one quiet decoration."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(str(ASSETS / "branding" / "wave.svg"))
        self.setFixedHeight(12)

    def apply_theme(self, theme: Theme) -> None:
        self.setFixedHeight(theme.px(16))
        self.setStyleSheet(f"background: {theme.colors.background};")

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        self._renderer.render(painter, QRectF(self.rect()))


class Footer(QFrame):
    """Always the same places: back, large text, high contrast, home."""

    back = Signal()
    home = Signal()
    largeTextToggled = Signal(bool)
    contrastToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "footer")
        layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.back_button = _footer_button()
        self.large_button = _footer_button()
        self.contrast_button = _footer_button()
        self.home_button = _footer_button()
        self.large_button.setCheckable(True)
        self.contrast_button.setCheckable(True)
        self.back_button.clicked.connect(self.back.emit)
        self.home_button.clicked.connect(self.home.emit)
        self.large_button.toggled.connect(self.largeTextToggled.emit)
        self.contrast_button.toggled.connect(self.contrastToggled.emit)
        for widget in (self.back_button, self.large_button, self.contrast_button, self.home_button):
            layout.addWidget(widget)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(translate("Footer", "Back"))
        self.large_button.setText(translate("Footer", "Large text"))
        self.contrast_button.setText(translate("Footer", "High contrast"))
        self.home_button.setText(translate("Footer", "Home"))

    def set_back_visible(self, visible: bool) -> None:
        # Keep the place (the footer never shifts), just make it inert.
        self.back_button.setEnabled(visible)

    def set_modes(self, large: bool, contrast: bool) -> None:
        for widget, value in ((self.large_button, large), (self.contrast_button, contrast)):
            widget.blockSignals(True)
            widget.setChecked(value)
            widget.blockSignals(False)

    def apply_theme(self, theme: Theme) -> None:
        layout = self.layout()
        if theme.landscape:  # a rail on the left: the wide screen's height is for content
            layout.setDirection(QBoxLayout.Direction.TopToBottom)
            self.setFixedHeight(QWIDGETSIZE_MAX)
            self.setMinimumHeight(0)
            self.setFixedWidth(theme.px(RAIL_WIDTH))
            layout.setContentsMargins(theme.px(12), theme.px(24), theme.px(12), theme.px(24))
        else:
            layout.setDirection(QBoxLayout.Direction.LeftToRight)
            self.setFixedWidth(QWIDGETSIZE_MAX)
            self.setMinimumWidth(0)
            layout.setContentsMargins(theme.px(24), theme.px(12), theme.px(24), theme.px(12))
        layout.setSpacing(theme.px(16))
        colors = theme.colors
        size = theme.px(56 if theme.landscape else 44)
        # Large words do not fit four across beside their icons: the words go under them.
        under = theme.landscape or theme.large_text
        for widget, name in ((self.back_button, "back"), (self.large_button, "text-size"),
                             (self.contrast_button, "contrast"), (self.home_button, "home")):
            widget.setIcon(icons.stateful_icon(name, size, colors.text, on=colors.on_selected,
                                               disabled=colors.disabled))
            widget.setIconSize(QSize(size, size))
            widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon if under
                                      else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            widget.setMinimumHeight(theme.px(96))
        self.ensurePolished()
        for widget in self._buttons():
            widget.ensurePolished()
        if not theme.landscape:  # the guide's height, or what words under icons need
            layout.invalidate()
            self.setFixedHeight(max(theme.px(FOOTER_HEIGHT), layout.totalSizeHint().height()))
        if theme.landscape:  # as wide as the longest word needs, never narrower than the rail
            needed = max(widget.sizeHint().width() for widget in self._buttons())
            self.setFixedWidth(max(theme.px(RAIL_WIDTH), needed + theme.px(24)))

    def _buttons(self) -> tuple[QToolButton, ...]:
        return (self.back_button, self.large_button, self.contrast_button, self.home_button)
