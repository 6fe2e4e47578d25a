"""The ticket: the number biggest of all, who is ahead, the QR to follow it, back home on its own."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.local_plaza import IssuedTicket
from kiosk.numbering import tracking_url
from ui import icons, wording
from ui.i18n import translate
from ui.printer_thread import Paper
from ui.screens.base import ScrollScreen
from ui.theme import MARGIN, PRIMARY_HEIGHT
from ui.widgets.common import button, card, clear_layout, label, set_icon
from ui.widgets.fit_label import FitLabel
from ui.widgets.qr import QrCode

# (landscape, not printed) -> card -> (row, column, row span, column span)
GRID = {
    (True, True): {"number": (0, 0, 1, 1), "wait": (1, 0, 1, 1), "qr": (0, 1, 3, 1)},
    (False, True): {"number": (0, 0, 1, 1), "qr": (1, 0, 1, 1), "wait": (2, 0, 1, 1)},
    (True, False): {"number": (0, 0, 3, 1), "wait": (0, 1, 1, 1), "qr": (1, 1, 1, 1)},
    (False, False): {"number": (0, 0, 1, 1), "wait": (1, 0, 1, 1), "qr": (2, 0, 1, 1)},
}


class TicketScreen(ScrollScreen):
    """params: ticket=IssuedTicket."""

    name = "ticket"

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        self.grid = QGridLayout()
        self.column.addLayout(self.grid)
        self.seconds_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.number = FitLabel("big-number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrCode()
        self.where = None
        # The way out stays on screen below the content, whatever the text size.
        self.bar = QFrame()
        self.bar.setProperty("role", "bar")
        self.bar_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.bar)
        self.countdown_label = label("", "secondary")
        self.done_button = button("", "primary")
        self.done_button.clicked.connect(nav.finish_visit)
        # Beside Done, the way to rate the office of the service chosen (the survey,
        # ui/screens/survey.py).
        self.rate_button = button("", "")
        self.rate_button.clicked.connect(self._rate)
        self.actions = QHBoxLayout()
        self.actions.addWidget(self.rate_button)
        self.actions.addWidget(self.done_button)
        self.bar_layout.addWidget(self.countdown_label)
        self.bar_layout.addLayout(self.actions)
        self.outer.addWidget(self.bar)
        if model.printer is not None:
            model.printer.jobChanged.connect(self._paper_changed)

    def _rate(self) -> None:
        """Rate the office of the service chosen, without the ticket: the visitor has not been
        served yet, and a ticket has one rating, kept for its phone page once it is done."""
        ticket: IssuedTicket | None = self.params.get("ticket")
        if ticket is None:
            return
        if self.model.has_service(ticket.service_code):
            self.nav.go("survey", agency=self.model.service(ticket.service_code).agency)
        else:  # a service the catalog no longer has: the visitor names the office
            self.nav.go("survey")

    def _paper_changed(self, ticket_id: str) -> None:
        ticket = self.params.get("ticket")
        if not self.isVisible() or ticket is None or ticket.id != ticket_id:
            return
        if self._paper(ticket) is Paper.NOT_PRINTED:  # time to photograph the screen
            self.seconds_left = self.model.config.kiosk.ticket_seconds
        self.render()

    def _paper(self, ticket: IssuedTicket) -> Paper:
        printer = self.model.printer
        return Paper.NO_PRINTER if printer is None else printer.paper(ticket)

    def enter(self, **params) -> None:
        self.seconds_left = self.model.config.kiosk.ticket_seconds
        self._countdown.start()
        super().enter(**params)

    def leave(self) -> None:
        self._countdown.stop()

    def _tick(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            self._countdown.stop()
            self.nav.finish_visit()
        else:
            self._render_countdown()

    def _render_countdown(self) -> None:
        if self.seconds_left == 1:
            text = translate("Ticket", "Back to the start in 1 second.")
        else:
            text = translate("Ticket", "Back to the start in %1 seconds.").replace(
                "%1", str(self.seconds_left))
        self.countdown_label.setText(text)

    def render(self) -> None:
        ticket: IssuedTicket | None = self.params.get("ticket")
        if ticket is None:
            return
        theme, lang = self.theme, self.lang
        service = self.model.service(ticket.service_code)
        clear_layout(self.grid, keep=(self.number, self.qr))
        margin = theme.px(MARGIN)
        self.grid.setSpacing(theme.px(24))

        number_card = card()
        number_layout = QVBoxLayout(number_card)
        number_layout.setContentsMargins(margin, margin, margin, margin)
        heading = label(translate("Ticket", "Your queue number"), "section")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setText(ticket.number)
        name = label(service.name.get(lang))
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = where = label(wording.counters(service.counters), "section")
        where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The counter right under the number: what to watch for and where to go come first.
        number_layout.addWidget(heading)
        number_layout.addWidget(self.number)
        number_layout.addWidget(where)
        number_layout.addWidget(name)
        if ticket.priority:
            mark = label(translate("Ticket", "Priority: %1").replace(
                "%1", wording.priority_name(ticket.priority)), "badge-open", wrap=False)
            mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number_layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignHCenter)

        wait_card = card()
        wait_layout = QVBoxLayout(wait_card)
        wait_layout.setContentsMargins(margin, margin, margin, margin)
        wait_layout.addWidget(label(wording.people_ahead(ticket.people_ahead), "section"))
        wait_layout.addWidget(label(wording.wait(ticket.wait)))

        paper = self._paper(ticket)
        # No slip for the visitor: the code grows (to be photographed or scanned from further)
        # and comes before the wait; in landscape it has the right column to itself.
        unprinted = paper is Paper.NOT_PRINTED
        qr_card = card()
        qr_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom if unprinted and theme.landscape
                               else QBoxLayout.Direction.LeftToRight, qr_card)
        qr_layout.setContentsMargins(margin, margin, margin, margin)
        qr_layout.setSpacing(theme.px(24))
        self.qr.set_size(theme.px(360 if unprinted else 260))
        self.qr.set_data(tracking_url(self.model.config.qr.tracking_base_url, ticket.public_code))
        qr_texts = QVBoxLayout()
        self._paper_texts(qr_texts, paper)
        qr_texts.addStretch()
        qr_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter if unprinted and
                            theme.landscape else Qt.AlignmentFlag.AlignTop)
        qr_layout.addLayout(qr_texts, 1)

        self._render_bar()
        # Where each card goes: (row, column, row span, column span); a ticket that could not
        # be printed puts its QR code ahead of the wait, as the visitor must photograph it.
        cards = {"number": number_card, "wait": wait_card, "qr": qr_card}
        places = GRID[(theme.landscape, unprinted)]
        for name, place in places.items():
            self.grid.addWidget(cards[name], *place)
        two_columns = theme.landscape
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1 if two_columns else 0)
        self.grid.setRowStretch(2, 1 if two_columns else 0)
        self.grid.setRowStretch(3, 0 if two_columns else 1)

    def _paper_texts(self, column: QVBoxLayout, paper: Paper) -> None:
        """What became of the paper ticket, plainly: never a slip promised that is not there."""
        if paper is Paper.NOT_PRINTED:
            column.addWidget(label(translate("Ticket", "Your ticket could not be printed"),
                                   "section"))
            column.addWidget(label(translate(
                "Ticket", "Your number is kept. Take a photo of this screen or scan the code to "
                "follow your queue, or ask at the information desk."), "notice"))
            return
        column.addWidget(label(translate("Ticket", "Follow your queue on your phone"), "section"))
        if paper is Paper.PRINTING:
            text = translate("Ticket", "Your ticket is being printed…")
        elif paper is Paper.PRINTED:
            text = translate("Ticket", "Your ticket has been printed. Please take it.")
        else:  # no printer on this kiosk: say so instead of promising a slip
            text = translate(
                "Ticket", "No ticket printer here — please take a photo of this screen or scan "
                "the code.")
        column.addWidget(label(text, "secondary"))

    def _render_bar(self) -> None:
        """Portrait: the countdown over a full-width Done. Landscape: side by side."""
        theme = self.theme
        pad = theme.px(MARGIN)
        self.bar_layout.setContentsMargins(pad, theme.px(16), pad, theme.px(24))
        self.bar_layout.setSpacing(theme.px(24 if theme.landscape else 12))
        self.bar_layout.setDirection(QBoxLayout.Direction.LeftToRight if theme.landscape
                                     else QBoxLayout.Direction.TopToBottom)
        self.bar_layout.setStretch(0, 1 if theme.landscape else 0)
        self.bar_layout.setStretch(1, 1 if theme.landscape else 0)
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignLeft if theme.landscape else Qt.AlignmentFlag.AlignHCenter))
        size = theme.px(48)
        self.done_button.setText(translate("Ticket", "Done"))
        set_icon(self.done_button, icons.icon("check", size, theme.colors.on_primary), size)
        self.done_button.setMinimumHeight(theme.px(PRIMARY_HEIGHT))
        self.actions.setSpacing(theme.px(24))
        self.rate_button.setText(translate("Ticket", "Rate our service"))
        set_icon(self.rate_button, icons.icon("star", size, theme.colors.text), size)
        self.rate_button.setMinimumHeight(theme.px(PRIMARY_HEIGHT))
        self._render_countdown()

