"""Service detail: what to bring, the steps, fee, time and counter; take a number at the bottom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.vocabulary import Priority
from ui import icons, wording
from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.theme import MARGIN
from ui.widgets.common import button, card, clear_layout, label, set_icon, set_role
from ui.widgets.flow import FlowLayout
from ui.widgets.qr import QrCode
from ui.widgets.service_row import badge_text


class ServiceScreen(ScrollScreen):
    """params: code=service code."""

    name = "service"

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        # Taking a number: a bar under the details in portrait, a panel beside them in
        # landscape (the wide screen's short height stays for reading).
        self.bar = QFrame()
        self.bar.setProperty("role", "bar")
        self.bar_layout = QVBoxLayout(self.bar)
        self.outer.removeWidget(self.scroll)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(0)
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(self.bar, 0)
        self.outer.addLayout(self.body, 1)
        self.priority_group = QButtonGroup(self)
        self.priority_group.setExclusive(False)
        self.priority: str | None = None
        self.take: QWidget | None = None
        model.statesChanged.connect(self._refresh_bar)
        model.issueRefused.connect(self._refused)
        model.issueFailed.connect(self._failed)
        self.problem = ""  # said in the action bar after a refused or failed attempt

    def enter(self, **params) -> None:
        self.priority = None
        self.problem = ""
        super().enter(**params)

    def apply_theme(self, theme) -> None:
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if theme.landscape
                               else QBoxLayout.Direction.TopToBottom)
        self.body.setStretch(0, 3 if theme.landscape else 1)
        self.body.setStretch(1, 2 if theme.landscape else 0)
        set_role(self.bar, "panel" if theme.landscape else "bar")
        super().apply_theme(theme)

    def _refused(self, refused) -> None:
        # The rules changed since the screen was drawn (quota filled, cut-off passed): say why.
        self.problem = wording.why_not(refused.availability, self.lang)
        self._done_waiting()

    def _failed(self) -> None:
        # The details are in the log and the staff panel; the visitor gets a way forward.
        self.problem = translate(
            "Service", "Sorry, a number could not be given just now. Please try again, or ask "
            "the information desk.")
        self._done_waiting()

    def _refresh_bar(self) -> None:
        if self.isVisible() and not self.model.issuing:
            self._render_bar()

    def _done_waiting(self) -> None:
        if self.isVisible():
            self._render_bar()

    def render(self) -> None:
        code = self.params.get("code")
        if code is None:
            return
        service = self.model.service(code)
        agency = self.model.agency(service.agency)
        state = self.model.states.get(code)
        lang, theme = self.lang, self.theme
        clear_layout(self.column)
        self.scroll.verticalScrollBar().setValue(0)

        # One column: the action has its own place (bar or panel), so the details read
        # top to bottom in both orientations.
        column = QVBoxLayout()
        column.setSpacing(theme.px(24))
        heading = QVBoxLayout()
        heading.setSpacing(theme.px(12))
        heading.addWidget(label(service.name.get(lang), "title"))
        heading.addWidget(label(agency.name.get(lang), "secondary"))
        if state is not None:
            heading.addLayout(self._status(state.availability))
        column.addLayout(heading)
        column.addWidget(label(service.description.get(lang)))
        column.addWidget(self._requirements(service))
        if service.steps.get(lang):
            column.addWidget(self._steps(service))
        column.addWidget(self._facts(service))
        if service.info_url:
            column.addWidget(self._qr(service.info_url))
        self.column.addLayout(column)
        self.column.addStretch()
        self._render_bar()

    def _status(self, availability) -> QHBoxLayout:
        """One message: open with today's hours, or only the state (the bar says why and
        when numbers can be taken again)."""
        row = QHBoxLayout()
        row.setSpacing(self.theme.px(16))
        row.addWidget(label(badge_text(availability.badge), f"badge-{availability.badge}", wrap=False))
        if availability.can_issue:
            row.addWidget(label(wording.today_hours(availability), wrap=False))
        row.addStretch()
        return row

    def _section_card(self, title: str) -> tuple[QFrame, QVBoxLayout]:
        box = card()
        layout = QVBoxLayout(box)
        pad = self.theme.px(MARGIN)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(self.theme.px(16))
        layout.addWidget(label(title, "section"))
        return box, layout

    def _requirements(self, service) -> QFrame:
        box, layout = self._section_card(translate("Service", "What to bring"))
        items = service.requirements.get(self.lang)
        if not items:
            layout.addWidget(label(translate("Service", "No documents are needed.")))
        size = self.theme.px(40)
        colour = self.theme.colors.open
        for item in items:
            row = QHBoxLayout()
            row.setSpacing(self.theme.px(16))
            mark = label("", wrap=False)
            mark.setPixmap(icons.pixmap("check", size, colour))
            mark.setFixedWidth(size)
            mark.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(mark)
            row.addWidget(label(item), 1)
            layout.addLayout(row)
        layout.addWidget(label(translate("Service", "Please have these documents ready."), "secondary"))
        return box

    def _steps(self, service) -> QFrame:
        box, layout = self._section_card(translate("Service", "Steps"))
        for number, step in enumerate(service.steps.get(self.lang), start=1):
            row = QHBoxLayout()
            row.setSpacing(self.theme.px(16))
            digit = label(str(number), "section", wrap=False)
            digit.setFixedWidth(self.theme.px(56))
            digit.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(digit)
            row.addWidget(label(step), 1)
            layout.addLayout(row)
        return box

    def _facts(self, service) -> QFrame:
        box, layout = self._section_card(translate("Service", "Good to know"))
        note = service.fee_note.get(self.lang) if service.fee_note else ""
        facts = [
            ("money", translate("Service", "Fee"), wording.fee(service.fee), note),
            ("hourglass", translate("Service", "Takes about"), wording.minutes(service.duration_minutes),
             ""),
            ("counter", translate("Service", "Where"), wording.counters(service.counters), ""),
        ]
        size = self.theme.px(44)
        for icon_name, title, value, detail in facts:
            row = QHBoxLayout()
            row.setSpacing(self.theme.px(16))
            mark = label("", wrap=False)
            mark.setPixmap(icons.pixmap(icon_name, size, self.theme.colors.text))
            mark.setFixedWidth(size)
            mark.setAlignment(Qt.AlignmentFlag.AlignTop)
            texts = QVBoxLayout()
            texts.setSpacing(0)
            texts.addWidget(label(title, "secondary"))
            texts.addWidget(label(value))
            if detail:  # what the amount covers, under it
                texts.addWidget(label(detail, "secondary"))
            row.addWidget(mark)
            row.addLayout(texts, 1)
            layout.addLayout(row)
        return box

    def _qr(self, url: str) -> QFrame:
        box, layout = self._section_card(translate("Service", "Full details on your phone"))
        row = QHBoxLayout()
        code = QrCode(self.theme.px(220))
        code.set_data(url)
        row.addWidget(code)
        row.addWidget(label(translate("Service", "Scan this code with your phone camera."), "secondary"), 1)
        layout.addLayout(row)
        return box

    def _render_bar(self) -> None:
        code = self.params.get("code")
        if code is None:
            return
        service = self.model.service(code)
        state = self.model.states.get(code)
        theme = self.theme
        clear_layout(self.bar_layout)
        pad = theme.px(MARGIN)
        self.bar_layout.setContentsMargins(pad, theme.px(24), pad, theme.px(24))
        self.bar_layout.setSpacing(theme.px(16))
        self.take = None
        if state is not None and not state.availability.can_issue:
            notice = label(wording.why_not(state.availability, self.lang), "notice")
            self.bar_layout.addWidget(notice)
            if theme.landscape:
                self.bar_layout.addStretch()
            return
        if self.problem:
            self.bar_layout.addWidget(label(self.problem, "notice"))
        if service.priority_allowed:
            self.bar_layout.addWidget(label(
                translate("Service", "Priority service — choose one if it applies to you:"),
                "secondary"))
            # Portrait: the choices side by side, wrapping; landscape: one under another.
            chips = QVBoxLayout() if theme.landscape else FlowLayout(spacing=theme.px(16))
            chips.setSpacing(theme.px(16))
            for choice in wording.PRIORITY_CHOICES:
                chip = button(wording.priority_name(choice), "chip")
                chip.setCheckable(True)
                chip.setChecked(self.priority == choice)
                chip.clicked.connect(lambda checked, c=choice: self._choose_priority(c, checked))
                chips.addWidget(chip)
            self.bar_layout.addLayout(chips)
        if theme.landscape:
            self.bar_layout.addStretch()  # the action at the bottom, in reach
        take = button(translate("Service", "Take a number"), "accent")
        set_icon(take, icons.icon("ticket", theme.px(64), theme.colors.on_accent), theme.px(64))
        take.clicked.connect(self._take)
        take.setEnabled(not self.model.issuing)
        self.bar_layout.addWidget(take)
        self.take = take

    def _choose_priority(self, choice: str, checked: bool) -> None:
        self.priority = choice if checked else None
        self._render_bar()

    def _take(self) -> None:
        priority = Priority(self.priority) if self.priority else None
        if not self.model.issue(self.params["code"], priority):
            return  # a second tap while the first is being written
        self.problem = ""
        if self.take is not None:
            self.take.setEnabled(False)
