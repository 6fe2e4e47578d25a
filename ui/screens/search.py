"""Search by typing on the on-screen keyboard; results update with every key."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QFrame, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.theme import MARGIN
from ui.widgets.common import clear_layout, label, set_role
from ui.widgets.keyboard import Keyboard
from ui.widgets.service_row import service_row

MAX_RESULTS = 30
MAX_QUERY = 40


class SearchScreen(ScrollScreen):
    name = "search"

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        # The title and the field share the results' left edge; the results scroll under them.
        self.title = label("", "title")
        self.field = QLineEdit()
        self.field.setReadOnly(True)  # typed only through our keyboard; no system keyboard pops up
        self.field.setMaxLength(MAX_QUERY)
        self.top = QWidget()
        top = QVBoxLayout(self.top)
        top.addWidget(self.title)
        top.addWidget(self.field)
        self.keyboard_bar = QFrame()
        self.keyboard_bar.setProperty("role", "bar")
        bar = QVBoxLayout(self.keyboard_bar)
        self.keyboard = Keyboard()
        bar.addWidget(self.keyboard)
        bar.addStretch()
        # Portrait: results above the keyboard. Landscape: results left, keyboard right.
        self.outer.removeWidget(self.scroll)
        self.left = QVBoxLayout()
        self.left.setSpacing(0)
        self.left.addWidget(self.top)
        self.left.addWidget(self.scroll, 1)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(0)
        self.body.addLayout(self.left, 1)
        self.body.addWidget(self.keyboard_bar, 0)
        self.outer.addLayout(self.body, 1)
        self.keyboard.typed.connect(self._type)
        self.keyboard.erased.connect(lambda: self._set_query(self.field.text()[:-1]))
        self.keyboard.cleared.connect(lambda: self._set_query(""))

    def enter(self, **params) -> None:
        self.field.setText(params.get("query", ""))
        super().enter(**params)

    def _type(self, key: str) -> None:
        self._set_query((self.field.text() + key)[:MAX_QUERY])

    def _set_query(self, text: str) -> None:
        self.field.setText(text)
        self.params["query"] = text
        self.render()

    def apply_theme(self, theme) -> None:
        margin = theme.px(MARGIN)
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if theme.landscape
                               else QBoxLayout.Direction.TopToBottom)
        # The keyboard takes what its keys need; the results get the rest.
        self.keyboard_bar.setSizePolicy(
            QSizePolicy.Policy.Maximum if theme.landscape else QSizePolicy.Policy.Preferred,
            QSizePolicy.Policy.Preferred if theme.landscape else QSizePolicy.Policy.Maximum)
        # Beside the keyboard the column is narrow: a smaller title keeps the results' room.
        set_role(self.title, "section" if theme.landscape else "title")
        self.top.layout().setContentsMargins(margin, margin // 2, margin, 0)
        self.top.layout().setSpacing(theme.px(16))
        bar = self.keyboard_bar.layout()
        bar.setContentsMargins(margin, theme.px(16), margin, theme.px(16))
        bar.setStretch(0, 1 if theme.landscape else 0)  # the keys take the column's height
        bar.setStretch(1, 0 if theme.landscape else 1)
        self.keyboard.apply_theme(theme)
        super().apply_theme(theme)

    def render(self) -> None:
        self.title.setText(translate("Search", "Find a service"))
        self.field.setPlaceholderText(translate("Search", "Type a service name"))
        self.keyboard.retranslate()
        clear_layout(self.column)
        query = self.field.text()
        if not query.strip():
            self.column.addWidget(label(translate(
                "Search", "Type a few letters of the service or the office you need, "
                "for example KTP or SKCK."), "secondary"))
        else:
            results = self.model.search(query)
            if not results:
                self.column.addWidget(label(translate(
                    "Search", "Nothing found. Try fewer letters, or browse by office."), "notice"))
            for service in results[:MAX_RESULTS]:
                row = service_row(service, self.model.agency(service.agency),
                                  self.model.states.get(service.code), self.lang, self.theme)
                row.clicked.connect(lambda code=service.code: self.nav.go("service", code=code))
                self.column.addWidget(row)
        self.column.addStretch()
