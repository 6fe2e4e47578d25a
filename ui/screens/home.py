"""Home: the one gold action (take a number), three ways to look around and one to rate the
service, who is being served."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from ui import icons, wording
from ui.first_frame import HomeFacts
from ui.i18n import locale, translate
from ui.screens.base import ScrollScreen
from ui.theme import MARGIN, Theme
from ui.widgets.common import button, card, clear_layout, label, plain, set_icon

ANNOUNCEMENT_MS = 8000
SERVING_SHOWN = 4  # numbers in the "now serving" card


class HomeScreen(ScrollScreen):
    name = "home"

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        self.title = label("", "title")
        self.subtitle = label("", "secondary")
        self.take = button("", "accent")
        self.take.clicked.connect(lambda: nav.go("services"))
        self.find = button("", "tile")
        self.find.clicked.connect(lambda: nav.go("search"))
        self.queue = button("", "tile")
        self.queue.clicked.connect(lambda: nav.go("queue"))
        self.info = button("", "tile")
        self.info.clicked.connect(lambda: nav.go("info"))
        self.rate = button("", "tile")
        self.rate.clicked.connect(lambda: nav.go("survey"))

        self.today_card = card()
        today = QVBoxLayout(self.today_card)
        self.today_date = label("", "section")
        self.today_open = label("")
        today.addWidget(self.today_date)
        today.addWidget(self.today_open)

        self.serving_card = card()
        serving = QVBoxLayout(self.serving_card)
        self.serving_title = label("", "section")
        self.serving_numbers = QGridLayout()
        self.serving_empty = label("", "secondary")
        serving.addWidget(self.serving_title)
        serving.addLayout(self.serving_numbers)
        serving.addWidget(self.serving_empty)

        self.news_card = card()
        news = QVBoxLayout(self.news_card)
        self.news_title = label("", "section")
        self.news_text = label("")
        news.addWidget(self.news_title)
        news.addWidget(self.news_text)
        self._news_index = 0
        self._news_timer = QTimer(self)
        self._news_timer.timeout.connect(self._next_announcement)

        self.grid = QGridLayout()
        self.column.addLayout(self.grid)
        self._kept = (self.title, self.subtitle, self.take, self.find, self.queue, self.info,
                      self.rate, self.today_card, self.serving_card, self.news_card)
        model.statesChanged.connect(self._render_serving)

    def attach(self, model) -> None:
        """The loaded model takes over from the first frame's (see ui.first_frame)."""
        self.model.statesChanged.disconnect(self._render_serving)
        self.model = model
        model.statesChanged.connect(self._render_serving)
        self.render()

    def _next_announcement(self) -> None:
        items = self.model.home_facts().announcements
        if items:
            self._news_index = (self._news_index + 1) % len(items)
            self.news_text.setText(self.model.text(items[self._news_index]))

    def enter(self, **params) -> None:
        super().enter(**params)
        self._news_timer.start(ANNOUNCEMENT_MS)

    def leave(self) -> None:
        self._news_timer.stop()

    def apply_theme(self, theme: Theme) -> None:
        clear_layout(self.grid, keep=self._kept)
        margin = theme.px(MARGIN)
        self.column.setContentsMargins(margin, margin * 3 // 4, margin, margin * 3 // 4)
        self.scroll.set_fade_color(theme.colors.background)
        self.grid.setHorizontalSpacing(theme.px(24))
        self.grid.setVerticalSpacing(theme.px(16 if theme.landscape else 24))
        tiles = QGridLayout()
        tiles.setSpacing(theme.px(16 if theme.landscape else 24))
        tiles.addWidget(self.find, 0, 0)
        tiles.addWidget(self.queue, 0, 1)
        if theme.large_text:  # the longer words need the whole width
            tiles.addWidget(self.rate, 1, 0, 1, 2)
            tiles.addWidget(self.info, 2, 0, 1, 2)
        else:
            tiles.addWidget(self.rate, 1, 0)
            tiles.addWidget(self.info, 1, 1)
        size = theme.px(64)
        for tile, icon_name in ((self.find, "search"), (self.queue, "queue"), (self.rate, "star"),
                                (self.info, "info")):
            set_icon(tile, icons.icon(icon_name, size, theme.colors.primary
                                      if not theme.high_contrast else theme.colors.accent), size)
        set_icon(self.take, icons.icon("ticket", theme.px(72), theme.colors.on_accent), theme.px(72))
        for widget in (self.today_card, self.serving_card, self.news_card):
            widget.layout().setContentsMargins(margin, margin, margin, margin)
        for row in range(8):
            self.grid.setRowStretch(row, 0)
        if theme.landscape:
            # Two columns, each its own stack: the actions left, who is served and news right.
            actions, news = QVBoxLayout(), QVBoxLayout()
            actions.setSpacing(theme.px(16))
            news.setSpacing(theme.px(16))
            for widget in (self.title, self.subtitle, self.take):
                actions.addWidget(widget)
            actions.addLayout(tiles)
            actions.addStretch()
            news.addWidget(self.serving_card)
            news.addWidget(self.news_card)
            news.addStretch()
            self.grid.addLayout(actions, 0, 0)
            self.grid.addLayout(news, 0, 1)
            self.today_card.hide()  # the header's clock is enough on a wide screen
            self.grid.setColumnStretch(0, 3)
            self.grid.setColumnStretch(1, 2)
        else:
            # The actions sit in the lower two thirds, where a seated visitor can reach them.
            self.grid.addWidget(self.title, 0, 0)
            self.grid.addWidget(self.subtitle, 1, 0)
            self.grid.addWidget(self.today_card, 2, 0)
            self.grid.addWidget(self.serving_card, 3, 0)
            self.grid.addWidget(self.news_card, 4, 0)
            self.grid.setRowStretch(5, 1)
            self.grid.addWidget(self.take, 6, 0)
            self.grid.addLayout(tiles, 7, 0)
            self.today_card.show()
            self.grid.setColumnStretch(0, 1)
            self.grid.setColumnStretch(1, 0)
        self.render()

    def render(self) -> None:
        self.title.setText(translate("Home", "Welcome"))
        self.subtitle.setText(translate("Home", "Touch a button below to begin."))
        self.take.setText(translate("Home", "Take a queue number"))
        self.find.setText(translate("Home", "Find a service"))
        self.queue.setText(translate("Home", "Queue status"))
        self.info.setText(plain(translate("Home", "Information & complaints")))
        self.rate.setText(translate("Home", "Rate our service"))
        self.serving_title.setText(translate("Home", "Now serving"))
        self.news_title.setText(translate("Home", "Announcements"))
        items = self.model.home_facts().announcements
        self.news_card.setVisible(bool(items))
        if items:
            self._news_index %= len(items)
            self.news_text.setText(self.model.text(items[self._news_index]))
        self._render_serving()

    def _render_today(self, facts: HomeFacts) -> None:
        self.today_date.setText(locale(self.lang).toString(facts.day, "dddd, d MMMM yyyy"))
        self.today_open.setText(translate("Home", "Services open for numbers now: %1 of %2")
                                .replace("%1", str(facts.open_now)).replace("%2", str(facts.services)))
        self.today_open.setVisible(bool(facts.services) and facts.open_now is not None)

    def _render_serving(self) -> None:
        """The numbers called and still at their counters, each with its counter; else the
        last call of the day, or that there was none; nothing while that is not known yet."""
        facts = self.model.home_facts()
        self._render_today(facts)
        clear_layout(self.serving_numbers)
        self.serving_card.setVisible(facts.serving is not None)
        serving = (facts.serving or ())[:SERVING_SHOWN]
        columns = 2 if self.theme.landscape else SERVING_SHOWN
        for index, call in enumerate(serving):
            number = label(call.number, "serving-number", wrap=False)
            where = label(wording.counters((call.counter,)), "secondary", wrap=False)
            for widget in (number, where):
                widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.serving_numbers.addWidget(number, 2 * (index // columns), index % columns)
            self.serving_numbers.addWidget(where, 2 * (index // columns) + 1, index % columns)
        if serving:
            text = ""
        elif facts.last_call is not None:
            last = facts.last_call
            text = translate("Home", "No number is being served right now. Last called: %1 at %2.") \
                .replace("%1", last.number).replace("%2", wording.counters((last.counter,)))
        else:
            text = translate("Home", "No numbers have been called yet today.")
        self.serving_empty.setText(text)
        self.serving_empty.setVisible(bool(text))
