"""What every screen has: the model, the navigator, a theme, and text that can change language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.theme import MARGIN, Theme
from ui.widgets.scroll import TouchScroll

if TYPE_CHECKING:
    from ui.kiosk_model import KioskModel


class Navigator(Protocol):
    theme: Theme

    def go(self, name: str, **params: Any) -> None: ...
    def back(self) -> None: ...
    def home(self) -> None: ...
    def finish_visit(self) -> None: ...


class Screen(QWidget):
    name = ""
    show_frame = True  # header and footer around the screen

    def __init__(self, model: KioskModel, nav: Navigator) -> None:
        super().__init__()
        self.model = model
        self.nav = nav
        self.params: dict[str, Any] = {}

    @property
    def theme(self) -> Theme:
        return self.nav.theme

    @property
    def lang(self) -> str:
        return self.model.language

    def enter(self, **params: Any) -> None:
        """Called each time the screen is shown, with its navigation parameters."""
        self.params = params
        self.render()

    def leave(self) -> None:
        """Called when another screen takes over."""

    def render(self) -> None:
        """(Re)build the content for the current params, language and theme."""

    def apply_theme(self, theme: Theme) -> None:
        self.render()


class ScrollScreen(Screen):
    """A screen whose content is one scrolling column (with a fixed part below it)."""

    def __init__(self, model: KioskModel, nav: Navigator) -> None:
        super().__init__(model, nav)
        self.content = QWidget()
        self.column = QVBoxLayout(self.content)
        self.scroll = TouchScroll(self.content)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(0)
        self.outer.addWidget(self.scroll, 1)

    def apply_theme(self, theme: Theme) -> None:
        margin = theme.px(MARGIN)
        self.column.setContentsMargins(margin, margin, margin, margin)
        self.column.setSpacing(theme.px(24))
        self.scroll.set_fade_color(theme.colors.background)
        super().apply_theme(theme)
