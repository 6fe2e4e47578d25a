"""The staff panel, behind a PIN: device health, reprint, open/close services, leave kiosk mode."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.availability import StaffOverride
from kiosk.pin import PinResult
from ui import wording
from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.theme import GAP, MARGIN
from ui.widgets.common import button, card, clear_layout, label
from ui.widgets.flow import FlowLayout

PIN_MAX = 12


class StaffScreen(ScrollScreen):
    name = "staff"
    exitRequested = Signal()

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        self.unlocked = False
        self.checking = False  # a PIN is being checked (off the UI thread)
        self.entered = ""
        self.message = ""
        model.statesChanged.connect(self._refresh)
        model.reprintReady.connect(self._reprint_ready)
        self._lock_timer = QTimer(self, interval=1000)  # re-opens the pad when a lock-out ends
        self._lock_timer.timeout.connect(self._lock_tick)

    def _lock_tick(self) -> None:
        if self.model.pin_guard.locked_for() <= 0:
            self._lock_timer.stop()
            self.render()

    def _refresh(self) -> None:
        if self.isVisible() and self.unlocked:
            self.render()

    def enter(self, **params) -> None:
        self.entered, self.message = "", ""
        super().enter(**params)

    def leave(self) -> None:
        self._lock_timer.stop()
        self.unlocked = False  # the panel locks again as soon as it is left
        self.checking = False  # a check still under way opens nothing once the panel is left
        self.entered = ""

    def render(self) -> None:
        clear_layout(self.column)
        if self.unlocked:
            self._panel()
        else:
            self._pin_pad()
        self.column.addStretch()

    # --- PIN pad ---

    def _pin_pad(self) -> None:
        self.column.addWidget(label(translate("Staff", "Staff only"), "title"))
        guard = self.model.pin_guard
        if not guard.configured:
            self.column.addWidget(label(translate(
                "Staff", "No staff PIN is set up on this kiosk. IT: put a hash made by "
                "`plaza-kiosk hash-pin` in [staff] pin_hash of the config file."), "notice"))
            return
        self.column.addWidget(label(translate("Staff", "Enter the staff PIN."), "secondary"))
        dots = label("●" * len(self.entered) or " ", "title", wrap=False)
        dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(dots)
        locked = guard.locked_for()
        if locked > 0:
            self._lock_timer.start()
            self.message = wording.count(translate(
                "Staff", "Too many wrong PINs. Minutes until you can try again: %1"),
                math.ceil(locked / 60))
        if self.message:
            self.column.addWidget(label(self.message, "notice"))
        grid = QGridLayout()
        grid.setSpacing(self.theme.px(16))
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
        for index, key in enumerate(keys):
            text = {"clear": translate("Staff", "Clear"), "ok": translate("Staff", "OK")}.get(key, key)
            key_button = button(text, "pin" if key.isdigit() else "primary")
            key_button.setObjectName(f"pin-{key}")
            key_button.setMinimumHeight(self.theme.px(120))
            key_button.setEnabled(locked <= 0 and not self.checking)
            key_button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(key_button, index // 3, index % 3)
        self.column.addLayout(grid)

    def press(self, key: str) -> None:
        if key == "clear":
            self.entered = ""
        elif key == "ok":
            if self.checking:
                return
            self.checking, pin, self.entered = True, self.entered, ""
            self.model.check_pin(pin, self._checked)
        elif len(self.entered) < PIN_MAX:
            self.entered += key
        self.render()

    def _checked(self, result: PinResult) -> None:
        if not self.checking:  # the panel was left while the PIN was checked
            return
        self.checking = False
        if result.ok:
            self.unlocked, self.message = True, ""
            self.model.refresh_states()
        elif result.locked_for > 0:
            self.message = ""  # the lock-out line says it
        else:
            self.message = wording.count(translate("Staff", "Wrong PIN. Attempts left: %1"),
                                         result.attempts_left)
        self.render()

    # --- the panel ---

    def _panel(self) -> None:
        self.column.addWidget(label(translate("Staff", "Staff panel"), "title"))
        pad = self.theme.px(MARGIN)
        health = card()
        health_layout = QVBoxLayout(health)
        health_layout.setContentsMargins(pad, pad, pad, pad)
        health_layout.addWidget(label(translate("Staff", "This kiosk"), "section"))
        notes = self.model.notes
        lines = [
            translate("Staff", "Device: %1").replace("%1", self.model.config.device_id),
            translate("Staff", "Local store: %1").replace("%1", str(self.model.plaza.store.path)),
            wording.count(translate("Staff", "Waiting to be sent to the city server: %1"),
                          self.model.outbox.waiting),
        ]
        for line in lines:
            health_layout.addWidget(label(line, "secondary"))
        problems = []
        if self.model.outbox.refused:
            problems.append(wording.count(translate(
                "Staff", "Refused by the city server and set aside (never sent again): %1"),
                self.model.outbox.refused))
            problems.extend(self.model.outbox.reasons)
        if notes.recovered_from:
            problems.append(translate(
                "Staff", "The local store was damaged and has been rebuilt. The old file was kept "
                "as %1.").replace("%1", notes.recovered_from))
            salvage = self.model.plaza.store.salvage  # what came back, what did not (IT's words)
            if salvage is not None:
                problems.extend(salvage.lines())
        if notes.catalog_problems:
            problems.append(wording.count(translate(
                "Staff", "Catalog problems (details in the log): %1"),
                len(notes.catalog_problems)))
            problems.extend(notes.catalog_problems[:5])
        problems.extend(notes.errors[-3:])
        for problem in problems:
            health_layout.addWidget(label(problem, "notice"))
        if not problems:
            health_layout.addWidget(label(translate("Staff", "No problems found."), "secondary"))
        self.column.addWidget(health)

        actions = FlowLayout(spacing=self.theme.px(16))
        reprint = button(translate("Staff", "Show the last ticket again"), "primary")
        reprint.clicked.connect(self.model.reprint_last)
        leave = button(translate("Staff", "Leave kiosk mode"))
        leave.setObjectName("leave-kiosk")
        leave.clicked.connect(self.exitRequested.emit)
        actions.addWidget(reprint)
        actions.addWidget(leave)
        self.column.addLayout(actions)
        if self.message:
            self.column.addWidget(label(self.message, "notice"))

        self.column.addWidget(label(translate("Staff", "Services today"), "section"))
        for service in self.model.catalog.services:
            state = self.model.states.get(service.code)
            row = card()
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(pad // 2, pad // 2, pad // 2, pad // 2)
            row_layout.setSpacing(self.theme.px(GAP))
            row_layout.addWidget(label(f"{service.prefix} · {service.name.get(self.lang)}"))
            choices = FlowLayout(spacing=self.theme.px(GAP))  # under the name: never too wide
            current = state.override if state else None
            for choice, text in (
                (None, translate("Staff", "Normal hours")),
                (StaffOverride.CLOSED, translate("Staff", "Closed today")),
                (StaffOverride.OPEN, translate("Staff", "Open today")),
            ):
                chip = button(text, "chip")
                chip.setCheckable(True)
                chip.setChecked(current == choice)
                chip.setObjectName(f"override-{service.code}-{choice or 'normal'}")
                chip.clicked.connect(lambda _=False, c=service.code, s=choice:
                                     self.model.set_override(c, s))
                choices.addWidget(chip)
            row_layout.addLayout(choices)
            self.column.addWidget(row)

    def _reprint_ready(self, ticket) -> None:
        if not self.isVisible():
            return
        if ticket is None:
            self.message = translate("Staff", "No ticket has been issued here today.")
            self.render()
        elif not self.model.has_service(ticket.service_code):
            self.message = translate("Staff", "The last ticket's service is no longer in the "
                                     "catalog: %1").replace("%1", ticket.number)
            self.render()
        else:
            self.nav.go("ticket", ticket=ticket)
