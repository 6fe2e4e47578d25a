"""After a long idle: the kiosk's face from across the hall. The plaza's name, the day, its
announcements one after another, and a clear invitation to touch, over the river's waves."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk.service_day import local_time
from ui import icons, wording
from ui.i18n import translate
from ui.screens.base import Screen
from ui.theme import Theme
from ui.widgets.common import card, label

ROTATE_MS = 6000
WAVES_HEIGHT = 140  # px at scale 1: the river band along the bottom edge


class RiverWaves(QWidget):
    """Three river waves across the bottom edge (the header's wave line, grown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.colors: tuple[str, ...] = ()
        self.line = 3

    def apply_theme(self, theme: Theme) -> None:
        c = theme.colors
        self.colors = (c.secondary, c.accent, c.on_primary)
        self.line = theme.px(6)
        self.setFixedHeight(theme.px(WAVES_HEIGHT * (0.7 if theme.landscape else 1)))
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        period = max(1.0, height * 1.2)
        for index, colour in enumerate(self.colors):
            pen = QPen(QColor(colour), self.line)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            middle = height * (0.3 + 0.25 * index)
            swing = height * 0.12
            shift = period * 0.33 * index
            path = QPainterPath(QPointF(-shift, middle))
            x = -shift
            while x < width:
                path.quadTo(QPointF(x + period / 4, middle - swing), QPointF(x + period / 2, middle))
                path.quadTo(QPointF(x + 3 * period / 4, middle + swing), QPointF(x + period, middle))
                x += period
            painter.drawPath(path)


class AttractScreen(Screen):
    name = "attract"
    show_frame = False

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        self.setObjectName("AttractScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.body = QVBoxLayout()
        self.logo = label("", wrap=False)
        self.plaza = label("", "attract-name")
        self.today = label("", "attract-day")
        self.news_card = card()
        news = QVBoxLayout(self.news_card)
        self.news_title = label("", "attract-section")
        self.news = label("", "attract-news")
        self.dots = label("", "attract-dots", wrap=False)
        for widget in (self.news_title, self.news, self.dots):
            news.addWidget(widget)
        self.touch = QFrame()
        self.touch.setProperty("role", "attract-touch")
        touch = QVBoxLayout(self.touch)
        self.touch_local = label("", "attract-invite", wrap=False)
        self.touch_english = label("", "attract-invite-en", wrap=False)
        touch.addWidget(self.touch_local)
        touch.addWidget(self.touch_english)
        for widget in (self.logo, self.plaza, self.today, self.touch_local, self.touch_english,
                       self.dots):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.news_card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.body.addStretch(2)
        for widget in (self.logo, self.plaza, self.today):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        self.body.addWidget(self.news_card)
        self.body.addStretch(1)
        self.body.addWidget(self.touch, 0, Qt.AlignmentFlag.AlignHCenter)
        self.body.addStretch(2)
        self.waves = RiverWaves()
        layout.addLayout(self.body, 1)
        layout.addWidget(self.waves)
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

    def apply_theme(self, theme: Theme) -> None:
        margin = theme.px(80)
        self.body.setContentsMargins(margin, theme.px(40 if theme.landscape else 80), margin, 0)
        self.body.setSpacing(theme.px(16 if theme.landscape else 24))
        pad = theme.px(48)
        self.news_card.layout().setContentsMargins(pad, pad, pad, pad)
        self.news_card.layout().setSpacing(theme.px(16))
        self.touch.layout().setContentsMargins(theme.px(64), theme.px(32), theme.px(64), theme.px(32))
        self.logo.setPixmap(icons.logo_pixmap(self.model.config.plaza.logo,
                                              theme.px(96 if theme.landscape else 200)))
        self.waves.apply_theme(theme)
        self.render()

    def render(self) -> None:
        self.plaza.setText(self.model.catalog.plaza.name.get(self.lang))
        now = local_time(self.model.plaza.clock(), self.model.plaza.timezone)
        self.today.setText(f"{wording.day_name(now.date(), self.lang)} · {now:%H:%M}")
        english = "Touch the screen to start"  # the invitation is in both languages
        local = translate("Attract", "Touch the screen to start")
        self.touch_local.setText(local)
        self.touch_english.setText(english)
        self.touch_english.setVisible(local != english)
        items = self.model.catalog.announcements
        self.news_card.setVisible(bool(items))
        if items:
            shown = self._index % len(items)
            self.news_title.setText(translate("Attract", "Announcements"))
            self.news.setText(self.model.text(items[shown]))
            self.dots.setText(" ".join("●" if i == shown else "○" for i in range(len(items))))
            self.dots.setVisible(len(items) > 1)

    def mousePressEvent(self, event) -> None:
        self.nav.home()
