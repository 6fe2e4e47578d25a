"""After a long idle: a calm loop of the plaza's name and news, inviting a touch."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout

from ui import icons
from ui.i18n import translate
from ui.screens.base import Screen
from ui.widgets.common import label

ROTATE_MS = 6000


class AttractScreen(Screen):
    name = "attract"
    show_frame = False

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        layout = QVBoxLayout(self)
        self.logo = label("", wrap=False)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plaza = label("", "title")
        self.touch = label("", "section")
        self.news = label("")
        for widget in (self.plaza, self.touch, self.news):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        layout.addWidget(self.logo)
        layout.addWidget(self.plaza)
        layout.addStretch(1)
        layout.addWidget(self.news)
        layout.addStretch(1)
        layout.addWidget(self.touch)
        layout.addStretch(2)
        self._index = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._rotate)

    def enter(self, **params) -> None:
        super().enter(**params)
        self._timer.start(ROTATE_MS)

    def leave(self) -> None:
        self._timer.stop()

    def _rotate(self) -> None:
        self._index += 1
        self.render()

    def render(self) -> None:
        theme = self.theme
        margin = theme.px(80)
        self.layout().setContentsMargins(margin, margin, margin, margin)
        self.logo.setPixmap(icons.pixmap("ticket", theme.px(200), theme.colors.primary
                                         if not theme.high_contrast else theme.colors.accent))
        self.plaza.setText(self.model.config.plaza.name)
        english = "Touch the screen to start"  # the attract loop invites in both languages
        local = translate("Attract", "Touch the screen to start")
        self.touch.setText(local if local == english else f"{local}\n{english}")
        items = self.model.catalog.announcements
        self.news.setText(self.model.text(items[self._index % len(items)]) if items else "")

    def mousePressEvent(self, event) -> None:
        self.nav.home()
