"""Browse services: by agency (tiles) or by category (chips), then a list of services."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QSizePolicy

from kiosk.catalog import Service
from ui import icons, wording
from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.widgets.common import button, clear_layout, label, set_icon
from ui.widgets.flow import FlowLayout
from ui.widgets.painted_row import PaintedRow, RowText
from ui.widgets.service_row import service_row


class ServicesScreen(ScrollScreen):
    """params: agency=code or category=code for a list; none for the agency tiles."""

    name = "services"

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        self.model.statesChanged.connect(self._refresh_if_list)

    def _refresh_if_list(self) -> None:
        if self.isVisible() and (self.params.get("agency") or self.params.get("category")):
            self.render()

    def render(self) -> None:
        clear_layout(self.column)
        agency = self.params.get("agency")
        category = self.params.get("category")
        if agency:
            self._top(self.model.agency(agency).name.get(self.lang))
            self._service_list(self.model.services_of(agency=agency))
        elif category:
            self._top(self.model.category(category).name.get(self.lang))
            self._service_list(self.model.services_of(category=category))
        else:
            self._top(translate("Services", "Choose a service"))
            self.column.addWidget(label(
                translate("Services", "Pick the office you need, or a topic below."), "secondary"))
            self._chips()
            self._agency_tiles()
        self.column.addStretch()

    def _top(self, title: str) -> None:
        """The search field on top, then the title; side by side on a wide screen."""
        landscape = self.theme.landscape
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight if landscape
                         else QBoxLayout.Direction.TopToBottom)
        top.setSpacing(self.theme.px(24))
        heading = label(title, "title")
        if landscape:
            top.addWidget(heading, 1)
            top.addWidget(self._search_field(), 1, Qt.AlignmentFlag.AlignVCenter)
        else:
            top.addWidget(self._search_field())
            top.addWidget(heading)
        self.column.addLayout(top)

    def _search_field(self) -> QPushButton:
        """Looks like the search screen's field; a tap opens it with the keyboard."""
        field = button(translate("Services", "Search by name, e.g. KTP"), "field")
        size = self.theme.px(44)
        set_icon(field, icons.icon("search", size, self.theme.colors.muted), size)
        field.setObjectName("search-field")
        field.clicked.connect(lambda: self.nav.go("search"))
        return field

    def _chips(self) -> None:
        self.column.addWidget(label(translate("Services", "Topics"), "section"))
        flow = FlowLayout(spacing=self.theme.px(16))
        for category in self.model.catalog.categories:
            chip = button(category.name.get(self.lang), "chip")
            size = self.theme.px(40)
            set_icon(chip, icons.icon(category.icon, size, self.theme.colors.text), size)
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            chip.clicked.connect(lambda _=False, code=category.code: self.nav.go("services", category=code))
            flow.addWidget(chip)
        self.column.addLayout(flow)

    def _agency_tiles(self) -> None:
        self.column.addWidget(label(translate("Services", "Offices"), "section"))
        grid = QGridLayout()
        spacing = self.theme.px(20)
        grid.setSpacing(spacing)
        columns = 3 if self.theme.landscape else 2
        services_count = translate("Services", "Services: %1")
        for index, agency in enumerate(self.model.catalog.agencies):
            count = len(self.model.services_of(agency=agency.code))
            tile = PaintedRow(RowText(
                mark=agency.short_name[:3].upper(), mark_color=agency.color,
                title=agency.short_name,
                lines=(agency.name.get(self.lang), wording.count(services_count, count)),
            ), self.theme, key=agency.code)
            tile.clicked.connect(lambda code=agency.code: self.nav.go("services", agency=code))
            grid.addWidget(tile, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        self.column.addLayout(grid)

    def _service_list(self, services: list[Service]) -> None:
        columns = 2 if self.theme.landscape else 1
        grid = QGridLayout()
        grid.setSpacing(self.theme.px(20))
        for index, service in enumerate(services):
            row = service_row(service, self.model.agency(service.agency),
                              self.model.states.get(service.code), self.lang, self.theme)
            row.clicked.connect(lambda code=service.code: self.nav.go("service", code=code))
            grid.addWidget(row, index // columns, index % columns)
        self.column.addLayout(grid)
