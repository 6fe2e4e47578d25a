"""The staff panel, behind a PIN: device health, reprint, open/close services, leave kiosk mode."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.availability import StaffOverride
from kiosk.pin import PinResult
from kiosk.printing.status import PrinterState, PrinterStatus, describe
from kiosk.service_day import local_time
from ui import wording
from ui.i18n import translate
from ui.printer_words import printer_state
from ui.screens.base import ScrollScreen
from ui.theme import GAP, MARGIN
from ui.widgets.common import button, card, clear_layout, label
from ui.widgets.flow import FlowLayout

PIN_MAX = 12

log = logging.getLogger(__name__)

# The device check's findings are plaza_kiosk.doctor.Finding (check, status, detail, fix), given
# by the command line, which alone may reach that layer; the panel reads them by those names.
Diagnose = Callable[[tuple[int, int] | None], Sequence[Any]]


class _Relay(QObject):
    done = Signal(object)  # the findings, emitted from the check's own thread


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
        if model.printer is not None:
            for changed in (model.printer.statusChanged, model.printer.recentChanged):
                changed.connect(self._refresh)
            model.printer.reprinted.connect(self._reprinted)
        self.diagnose: Diagnose | None = None
        self.diagnosing = False
        self.findings: Sequence[Any] | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._checked_device)
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
            if self.model.printer is not None:  # its state now, not a minute ago
                self.model.printer.check()
                self.model.printer.load_recent()
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
        self._printer_card()
        self._device_check_card()

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

    # --- the ticket printer ---

    def _printer_card(self) -> None:
        """The printer's state as it last answered, and the last tickets to print again."""
        pad = self.theme.px(MARGIN)
        box = card()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.addWidget(label(translate("Staff", "Ticket printer"), "section"))
        printer = self.model.printer
        status = printer.status if printer is not None else PrinterStatus(PrinterState.NOT_SET_UP)
        layout.addWidget(label(printer_state(status), "notice" if status.problem else "secondary"))
        if printer is None:
            self.column.addWidget(box)
            return
        if status.problem:  # IT's words, with the printer's own answers
            layout.addWidget(label(describe(status), "secondary"))
        if printer.checked_at is not None:
            layout.addWidget(label(translate("Staff", "Checked at %1").replace(
                "%1", local_time(printer.checked_at, self.model.plaza.timezone).strftime("%H:%M")),
                "secondary"))
        again = button(translate("Staff", "Check the printer"))
        again.setObjectName("printer-check")
        again.clicked.connect(printer.check)
        layout.addWidget(again, 0, Qt.AlignmentFlag.AlignLeft)
        if printer.recent:
            layout.addWidget(label(translate("Staff", "Last tickets from this kiosk"), "section"))
        for ticket in printer.recent:
            row = FlowLayout(spacing=self.theme.px(GAP))
            when = local_time(ticket.issued_at, self.model.plaza.timezone).strftime("%H:%M")
            state = (translate("Staff", "printed") if ticket.printed
                     else translate("Staff", "not printed") if ticket.printed is False
                     else translate("Staff", "shown on screen only"))
            row.addWidget(label(f"{ticket.number} · {when} · {state}", wrap=False))
            reprint = button(translate("Staff", "Print again"))
            reprint.setObjectName(f"reprint-{ticket.number}")
            reprint.clicked.connect(lambda _=False, t=ticket: printer.print_ticket(t, reprint=True))
            row.addWidget(reprint)
            layout.addLayout(row)
        self.column.addWidget(box)

    def _reprinted(self, ticket, outcome) -> None:
        if outcome.printed:
            self.message = translate("Staff", "Ticket %1 was printed again.").replace(
                "%1", ticket.number)
        else:
            self.message = translate("Staff", "Ticket %1 could not be printed: %2").replace(
                "%1", ticket.number).replace("%2", printer_state(outcome.status))
        self._refresh()

    # --- the device check (plaza-kiosk doctor) ---

    def offer_checks(self, diagnose: Diagnose) -> None:
        """Show the device check: `diagnose(screen size)` runs doctor's checks (off the UI
        thread: it may wait seconds for the city server)."""
        self.diagnose = diagnose

    def _device_check_card(self) -> None:
        if self.diagnose is None:
            return
        pad = self.theme.px(MARGIN)
        box = card()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.addWidget(label(translate("Staff", "Device check"), "section"))
        if self.diagnosing:
            layout.addWidget(label(translate("Staff", "Checking this device…"), "secondary"))
        elif self.findings is None:
            layout.addWidget(label(translate(
                "Staff", "The same checks as `plaza-kiosk doctor`, each with what to do."), "secondary"))
        words = {"pass": translate("Staff", "OK"), "warn": translate("Staff", "Warning"),
                 "fail": translate("Staff", "Failed"), "skip": translate("Staff", "Not checked")}
        for finding in self.findings or ():
            serious = finding.status in ("warn", "fail")
            layout.addWidget(label(f"{words.get(finding.status, finding.status)} · {finding.check}: "
                                   f"{finding.detail}", "notice" if serious else "secondary"))
            if serious and finding.fix:
                layout.addWidget(label(translate("Staff", "What to do: %1").replace(
                    "%1", finding.fix), "secondary"))
        run = button(translate("Staff", "Check this device"))
        run.setObjectName("device-check")
        run.setEnabled(not self.diagnosing)
        run.clicked.connect(self.run_checks)
        layout.addWidget(run, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addWidget(box)

    def run_checks(self) -> None:
        if self.diagnosing or self.diagnose is None:
            return
        self.diagnosing = True
        screen = self.window().screen()  # measured here: Qt's screens belong to the UI thread
        size = (screen.size().width(), screen.size().height()) if screen is not None else None
        diagnose, relay = self.diagnose, self._relay

        def work() -> None:
            try:
                findings = list(diagnose(size))
            except Exception as error:  # shown to staff; the traceback goes to the log
                log.exception("the device check failed")
                findings = [_Broken(f"{type(error).__name__}: {error}")]
            with suppress(RuntimeError):  # the panel is gone (the app is closing)
                relay.done.emit(findings)

        threading.Thread(target=work, name="device-check", daemon=True).start()
        self.render()

    def _checked_device(self, findings: Sequence[Any]) -> None:
        self.diagnosing, self.findings = False, findings
        if self.isVisible() and self.unlocked:
            self.render()

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


class _Broken:
    """The device check itself broke: shown like a failed check."""

    check = "device check"
    status = "fail"
    fix = "see the log file"

    def __init__(self, detail: str) -> None:
        self.detail = detail
