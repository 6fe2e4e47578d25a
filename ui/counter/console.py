"""The staff counter console (UI-GUIDE "Counter console"): the ticket at this counter with the
next most likely action biggest, the waiting list, the counter's state and today's figures.

It only renders a `CounterView` and emits what staff asked for; a controller talks to the
server (calling needs the authority, DESIGN §4) and answers with a new view or a message.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.calls import RECALLS_BEFORE_NO_SHOW, CounterView, QueueTicket, check
from kiosk.service_day import Clock
from kiosk.vocabulary import TicketState
from ui.counter.card import TicketCard
from ui.counter.common import (
    MessageLine,
    Overlay,
    TopBar,
    console_scale,
    default_theme,
    minutes_text,
    restyle,
)
from ui.counter.waiting import WaitingList
from ui.i18n import languages, translate
from ui.theme import CONSOLE_SIZE, CONSOLE_TARGET, Theme
from ui.widgets.common import button, card, label

REFRESH_SECONDS = 30  # minutes waited tick on between views
LEFT_WIDTH = 600  # the ticket column at 1280x800; the list takes the rest
NBSP = "\u00a0"
LEFT_SHARE = 0.53  # ... and its share of a narrower window's width

# Keys per action; the first is printed on the button. A console may have a numeric keypad,
# whose Enter is another key than Return.
KEYS: dict[str, tuple[Qt.Key, ...]] = {
    "call_next": (Qt.Key.Key_Space, Qt.Key.Key_N),
    "start": (Qt.Key.Key_S,),
    "done": (Qt.Key.Key_D, Qt.Key.Key_Return, Qt.Key.Key_Enter),
    "recall": (Qt.Key.Key_R,),
    "no_show": (Qt.Key.Key_X,),
    "transfer": (Qt.Key.Key_T,),
    "call": (Qt.Key.Key_C,),
    "pause": (Qt.Key.Key_P,),
    "escape": (Qt.Key.Key_Escape,),
}
MAIN_ACTIONS = ("call_next", "start", "done")  # one shown at a time, biggest
OTHER_ACTIONS = ("recall", "transfer", "no_show")


def _with_key(text: str, action: str) -> str:
    key = KEYS[action][0]
    name = (translate("CounterConsole", "Space") if key == Qt.Key.Key_Space
            else QKeySequence(key).toString())
    return f"{text}  [{name}]"


def _touch_sized_top_bar(theme: Theme) -> str:
    """The top bar's buttons as tall as any other target (UI-GUIDE: 80 px)."""
    height = theme.px(CONSOLE_TARGET) - 2 * theme.px(6) - 2 * max(theme.px(2), 1)
    return (f'QPushButton[role="topbar"], QPushButton[role="topbar-accent"] '
            f'{{ min-height: {max(0, height)}px; }}')


class CounterConsole(QWidget):
    actionRequested = Signal(str, str)  # kiosk.calls action except transfer; ticket id ("" for call_next)
    transferRequested = Signal(str, str)  # ticket id, service code
    modeRequested = Signal(str)  # "open" | "paused" | "closed"

    def __init__(self, theme: Theme | None = None, *, timezone: str = "Asia/Makassar",
                 now: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CounterConsole")
        self.theme = theme or default_theme()
        self.zone = ZoneInfo(timezone)  # the plaza's wall clock for "data from 10:31"
        self.now = now
        self.view: CounterView | None = None
        self.selected = ""  # id of the waiting ticket tapped in the list
        self.is_busy = False

        self._build_top()
        self._build_left()
        self._build_right()
        self.body = QHBoxLayout()
        self.body.addWidget(self.left_box)
        self.body.addLayout(self.right, 1)
        root = QVBoxLayout(self)
        # Any window size: the panel scales to it in resizeEvent (its least size at the scale
        # it has before would otherwise keep a smaller window at the design size).
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.top)
        root.addLayout(self.body, 1)
        self.overlay = Overlay(self)

        for action, keys in KEYS.items():
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda a=action: self._shortcut(a))
        # "waited 12 min" moves on while the console is on screen (started when shown).
        self._ticker = QTimer(self, interval=REFRESH_SECONDS * 1000)
        self._ticker.timeout.connect(self._render)
        self.apply_theme(self.theme)
        self.resize(*CONSOLE_SIZE)
        self._render()

    def showEvent(self, event) -> None:
        self._ticker.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._ticker.stop()  # nothing to keep fresh off screen; a closed console stops ticking
        super().hideEvent(event)

    # --- building ---

    def _build_top(self) -> None:
        self.top = TopBar()
        self.staff = label("", "topbar-text", wrap=False)
        self.status = label("", "pill-online", wrap=False)
        self.busy_label = label("", "topbar-text", wrap=False)
        self.pause_button = button("", "topbar")
        self.close_button = button("", "topbar")
        for widget in (self.staff, self.status):
            self.top.row.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        self.top.row.addStretch(1)
        for widget in (self.busy_label, self.pause_button, self.close_button):
            self.top.row.addWidget(widget)
        self.pause_button.clicked.connect(self._toggle_pause)
        self.close_button.clicked.connect(self._ask_close)

    def _build_left(self) -> None:
        self.card = TicketCard()
        self.buttons: dict[str, QPushButton] = {}
        for action in (*MAIN_ACTIONS, *OTHER_ACTIONS):
            widget = button("", "main" if action in MAIN_ACTIONS else "")
            widget.setObjectName(f"action-{action}")
            widget.clicked.connect(lambda _=False, a=action: self._act(a))
            self.buttons[action] = widget
        self.left = QVBoxLayout()
        self.left.setContentsMargins(0, 0, 0, 0)
        self.left.addWidget(self.card, 1)
        for action in MAIN_ACTIONS:
            self.left.addWidget(self.buttons[action])
        self.pair = QHBoxLayout()
        self.pair.addWidget(self.buttons["recall"])
        self.pair.addWidget(self.buttons["transfer"])
        self.left.addLayout(self.pair)
        self.left.addWidget(self.buttons["no_show"])
        self.left_box = QWidget()
        self.left_box.setLayout(self.left)

    def _build_right(self) -> None:
        # Banners sit above the list, not across the screen: the ticket column keeps its
        # height in every state, so its buttons never move under a finger.
        self.paused_banner = label("", "banner-paused")
        self.offline_banner = label("", "banner-offline")
        self.list_title = label("", "section", wrap=False)
        self.list_note = label("", "secondary")
        self.waiting = WaitingList(self.theme)
        self.waiting.rowTapped.connect(self._row_tapped)
        self.selection = card()
        self.selection_label = label("", "service", wrap=False)
        self.selection_hint = label("", "secondary")
        self.call_button = button("", "primary")
        self.call_button.setObjectName("action-call")
        self.call_button.clicked.connect(self._call_selected)
        self.move_button = button("")
        self.move_button.setObjectName("action-transfer-selected")
        self.move_button.clicked.connect(lambda: self._open_transfer(self._selected_ticket()))
        self.selection_column = QVBoxLayout(self.selection)
        self.selection_column.addWidget(self.selection_label)
        self.selection_column.addWidget(self.selection_hint)
        # Side by side where the words fit, one above the other in a narrow column.
        self.choice = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.choice.addWidget(self.call_button, 3)
        self.choice.addWidget(self.move_button, 2)
        self.selection_column.addLayout(self.choice)
        self.selection.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.list_title)
        heading.addWidget(self.list_note, 1)
        # Results and errors above the list: a message of any length never moves the buttons.
        self.message = MessageLine()
        self.right = QVBoxLayout()
        self.right.setContentsMargins(0, 0, 0, 0)
        self.right.addWidget(self.message)
        self.right.addWidget(self.paused_banner)
        self.right.addWidget(self.offline_banner)
        self.right.addLayout(heading)
        self.right.addWidget(self.waiting, 1)
        self.right.addWidget(self.selection)
        # Today's figures at the foot of the list: the ticket column keeps the full height.
        self.figures = label("", "secondary")
        self.right.addWidget(self.figures)

    # --- public API ---

    @property
    def lang(self) -> str:
        """The app's language: service names (catalog text) follow it like the translated words."""
        return languages().current

    def set_view(self, view: CounterView) -> None:
        self.view = view
        if self.selected and not any(t.id == self.selected for t in view.waiting):
            self.selected = ""  # called elsewhere, transferred or cancelled meanwhile
        self._render()

    def show_message(self, text: str, kind: str = "info") -> None:
        """kind "error" stays until staff act again; "info" fades after a few seconds."""
        self.message.show_message(text, kind)

    def busy(self, on: bool) -> None:
        """A request is in flight: nothing more may be sent until it is answered."""
        self.is_busy = on
        self._render()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        px = theme.px
        self.setStyleSheet(theme.console_stylesheet() + _touch_sized_top_bar(theme))
        self.top.apply_theme(theme)
        self.body.setContentsMargins(px(20), px(16), px(20), px(12))
        self.body.setSpacing(px(20))
        self.left.setSpacing(px(12))
        self.pair.setSpacing(px(12))
        self.right.setSpacing(px(12))
        self.card.apply_theme(theme)
        self.selection_column.setContentsMargins(px(16), px(12), px(16), px(12))
        self.selection_column.setSpacing(px(8))
        self.choice.setSpacing(px(12))
        self.waiting.apply_theme(theme)
        self.overlay.apply_theme(theme)
        self._fit_columns()

    # --- rendering ---

    def _render(self) -> None:
        self._render_top()
        self._render_banners()
        current = self.view.current if self.view else None
        if current is not None:
            self.card.show_ticket(current, self.now(), self.lang)
        else:
            ahead = self.view.waiting[0] if self.view and self.view.waiting else None
            self.card.show_next(ahead, self.now(), self.lang)
        self._render_actions()
        self._render_list()
        self._render_figures()

    def _render_top(self) -> None:
        view = self.view
        self.top.title.setText(translate("CounterConsole", "Counter %1").replace(
            "%1", view.counter if view else "…"))
        self.staff.setText(view.staff_name if view else "")
        self.status.setVisible(view is not None)
        online = view is None or view.online
        restyle(self.status, "pill-online" if online else "pill-offline")
        self.status.setText(translate("CounterConsole", "Online") if online
                            else translate("CounterConsole", "Offline"))
        self.busy_label.setText(translate("CounterConsole", "Contacting the server…"))
        self.busy_label.setVisible(self.is_busy)
        mode = view.mode if view else "open"
        if mode == "open":
            self.pause_button.setText(_with_key(translate("CounterConsole", "Pause"), "pause"))
        elif mode == "paused":
            self.pause_button.setText(_with_key(translate("CounterConsole", "Resume"), "pause"))
        else:
            self.pause_button.setText(translate("CounterConsole", "Open counter"))
        # Resuming is what a paused counter will do next: make it stand out.
        restyle(self.pause_button, "topbar" if mode == "open" else "topbar-accent")
        self.close_button.setText(translate("CounterConsole", "Close counter"))
        self.close_button.setVisible(mode != "closed")
        can_send = view is not None and view.online and not self.is_busy
        self.pause_button.setEnabled(can_send)
        self.close_button.setEnabled(can_send)

    def _render_banners(self) -> None:
        view = self.view
        mode = view.mode if view else "open"
        if mode == "paused":
            self.paused_banner.setText(translate(
                "CounterConsole", "Counter paused: no new numbers are called here. "
                "Press Resume to call again."))
        elif mode == "closed":
            self.paused_banner.setText(translate(
                "CounterConsole", "Counter closed. Press Open counter to call numbers again."))
        self.paused_banner.setVisible(mode != "open")
        offline = view is not None and not view.online
        if offline and view.last_sync is None:
            self.offline_banner.setText(translate(
                "CounterConsole", "Offline — not connected to the server yet. "
                "Calling numbers needs the connection."))
        elif offline:
            self.offline_banner.setText(translate(
                "CounterConsole", "Offline — data from %1. Calling numbers needs the connection.")
                .replace("%1", self._hhmm(view.last_sync)))
        self.offline_banner.setVisible(offline)

    def _render_actions(self) -> None:
        current = self.view.current if self.view else None
        if current is None:
            shown = {"call_next"}
        elif current.state == TicketState.SERVING:
            shown = {"done", "transfer"}
        else:
            shown = {"start", "recall", "no_show", "transfer"}
        words = {
            "call_next": translate("CounterConsole", "Call next"),
            "start": translate("CounterConsole", "Start serving"),
            "done": translate("CounterConsole", "Done"),
            "recall": translate("CounterConsole", "Recall"),
            "transfer": translate("CounterConsole", "Transfer"),
            "no_show": translate("CounterConsole", "No-show"),
        }
        if current is not None and check("no_show", state=current.state, ticket_counter=current.counter,
                                         counter=current.counter or "",
                                         recalls=current.recalls) == "too_early":
            # Say when it becomes possible (also offline, where every button is off anyway).
            words["no_show"] = translate("CounterConsole", "No-show (after %1 recalls)").replace(
                "%1", f"{RECALLS_BEFORE_NO_SHOW}×")
        for action, widget in self.buttons.items():
            widget.setText(_with_key(words[action], action))
            widget.setVisible(action in shown)
            widget.setEnabled(self._problem(action, current) is None)
        self._render_selection()

    def _render_selection(self) -> None:
        ticket = self._selected_ticket()
        self.selection.setVisible(ticket is not None)
        if ticket is None:
            return
        self.selection_label.setText(translate("CounterConsole", "Selected: %1").replace(
            "%1", ticket.number))
        self.call_button.setText(_with_key(translate("CounterConsole", "Call this number"), "call"))
        self.move_button.setText(translate("CounterConsole", "Transfer"))
        problem = self._problem("call", ticket)
        self.call_button.setEnabled(problem is None)
        self.move_button.setEnabled(self._problem("transfer", ticket) is None)
        current = self.view.current if self.view else None
        hint = ""
        if problem == "busy" and current is not None:
            hint = translate("CounterConsole", "Finish %1 first.").replace("%1", current.number)
        self.selection_hint.setText(hint)
        self.selection_hint.setVisible(bool(hint))
        self._fit_columns()  # the words may be longer in this language

    def _render_list(self) -> None:
        view = self.view
        tickets = view.waiting if view else ()
        self.list_title.setText(translate("CounterConsole", "Waiting: %1").replace(
            "%1", str(len(tickets))))
        note = ""
        if view is not None and not view.online:  # the last known queue, and how old it is
            note = (translate("CounterConsole", "last known, %1").replace(
                "%1", self._hhmm(view.last_sync)) if view.last_sync
                else translate("CounterConsole", "last known"))
        self.list_note.setText(note)
        self.waiting.set_tickets(tickets, self.lang, self.now(), self.selected)

    def _render_figures(self) -> None:
        view = self.view
        served = str(view.served_today) if view else "—"
        mean = view.mean_service_minutes if view else None
        # Two facts, each kept on one line ("6 min" never split) when the column is narrow.
        self.figures.setText("  ·  ".join(fact.replace(" ", NBSP) for fact in (
            translate("CounterConsole", "Served today: %1").replace("%1", served),
            translate("CounterConsole", "Mean service time: %1").replace(
                "%1", "—" if mean is None else minutes_text(round(mean))),
        )))

    # --- rules ---

    def _problem(self, action: str, ticket: QueueTicket | None) -> str | None:
        """Why `action` cannot be sent now (None: it can). The ticket rules are
        kiosk.calls.check's; the console adds what only it knows: offline, a request in
        flight, the counter's mode, its own ticket, an empty queue."""
        view = self.view
        if view is None or not view.online:
            return "offline"  # calling needs the authority
        if self.is_busy:
            return "in_flight"
        if action in ("call_next", "call"):
            if view.mode != "open":
                return "paused"
            if view.current is not None:
                return "busy"
            if action == "call_next":
                if not view.waiting:
                    return "no_one_waiting"
                return check("call_next", state=TicketState.WAITING, ticket_counter=None,
                             counter=view.counter)
        if ticket is None:
            return "not_here"
        return check(action, state=ticket.state, ticket_counter=ticket.counter,  # type: ignore[arg-type]
                     counter=view.counter, recalls=ticket.recalls)

    # --- input ---

    def _act(self, action: str) -> None:
        current = self.view.current if self.view else None
        if action == "transfer":
            self._open_transfer(current)
        elif self._problem(action, current) is None:
            self._emit_action(action, "" if action == "call_next" else current.id)

    def _emit_action(self, action: str, ticket_id: str) -> None:
        self.message.clear_error()  # an error stays until the next action
        self.actionRequested.emit(action, ticket_id)

    def _call_selected(self) -> None:
        ticket = self._selected_ticket()
        if ticket is not None and self._problem("call", ticket) is None:
            self.selected = ""
            self._render_selection()
            self._emit_action("call", ticket.id)

    def _row_tapped(self, ticket_id: str) -> None:
        self.selected = "" if ticket_id == self.selected else ticket_id
        self._render_list()
        self._render_selection()
        if self.selected:  # the choice bar takes room from the list: keep the row in sight
            QTimer.singleShot(0, self._show_selected_row)

    def _show_selected_row(self) -> None:
        for row in self.waiting.visible_rows():
            if row.ticket.id == self.selected:
                self.waiting.ensureWidgetVisible(row, 0, 0)

    def _selected_ticket(self) -> QueueTicket | None:
        if not self.selected or self.view is None:
            return None
        return next((t for t in self.view.waiting if t.id == self.selected), None)

    def _open_transfer(self, ticket: QueueTicket | None) -> None:
        if ticket is None or self.view is None or self._problem("transfer", ticket) is not None:
            return
        choices = [
            (name.get(self.lang) or name.get("id", code),
             lambda code=code: self._transfer(ticket.id, code))
            for code, name in self.view.services if code != ticket.service
        ]
        note = "" if choices else translate("CounterConsole", "No other service to transfer to.")
        self.overlay.open_sheet(
            translate("CounterConsole", "Transfer %1 to:").replace("%1", ticket.number), note,
            choices, translate("CounterConsole", "Cancel"))

    def _transfer(self, ticket_id: str, service: str) -> None:
        self.message.clear_error()
        if ticket_id == self.selected:
            self.selected = ""
            self._render_selection()
        self.transferRequested.emit(ticket_id, service)

    def _toggle_pause(self) -> None:
        if self.view is None or not self.pause_button.isEnabled():
            return
        self.message.clear_error()
        self.modeRequested.emit("paused" if self.view.mode == "open" else "open")

    def _ask_close(self) -> None:
        self.overlay.open_sheet(
            translate("CounterConsole", "Close this counter?"),
            translate("CounterConsole", "Visitors who are waiting stay in the queue for the other "
                      "counters."),
            [(translate("CounterConsole", "Yes, close the counter"), self._close)],
            translate("CounterConsole", "Cancel"))

    def _close(self) -> None:
        if self.close_button.isEnabled():  # the view may have gone offline meanwhile
            self.message.clear_error()
            self.modeRequested.emit("closed")

    def _shortcut(self, action: str) -> None:
        if action == "escape":
            if self.overlay.isVisible():
                self.overlay.close_sheet()
            elif self.selected:
                self._row_tapped(self.selected)
            return
        if self.overlay.isVisible():
            return  # the sheet is modal: no key acts behind it
        if action == "pause":
            if self.view is not None and self.view.mode != "closed":
                self._toggle_pause()
            return
        target: QPushButton | None = self.buttons.get(action)
        if action == "call" or (action == "transfer" and not target.isVisible()):
            # The list's choice: call or transfer the selected waiting ticket.
            target = self.call_button if action == "call" else self.move_button
            if not self.selection.isVisible():
                target = None
        if target is not None and target.isVisible() and target.isEnabled():
            target.click()

    # --- helpers ---

    def _hhmm(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%H:%M")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._render()

    def _fit_columns(self) -> None:
        """The ticket column keeps its design width, or its share of a narrower window; the
        choice bar's buttons go one above the other when the list column is too narrow."""
        px = self.theme.px
        margins = self.body.contentsMargins()
        room = self.width() - margins.left() - margins.right() - self.body.spacing()
        left = min(px(LEFT_WIDTH), int(room * LEFT_SHARE))
        self.left_box.setFixedWidth(left)
        inner = self.selection_column.contentsMargins()
        list_width = room - left - inner.left() - inner.right()
        wanted = (self.call_button.sizeHint().width() + self.move_button.sizeHint().width()
                  + self.choice.spacing())
        self.choice.setDirection(QBoxLayout.Direction.LeftToRight if wanted <= list_width
                                 else QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        scale = console_scale(event.size().width(), event.size().height())
        if abs(scale - self.theme.scale) > 0.01:
            self.apply_theme(self.theme.with_(scale=scale, landscape=True))
        else:
            self._fit_columns()
