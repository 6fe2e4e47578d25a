"""The printing states hold the guide's layout: the ticket screen while printing, printed, and
not printed (its code grown, its words plain), and the staff panel's printer card with a
problem and five tickets to print again; both languages, both orientations, large text and
high contrast (tests/ui/layout_guard.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.printing.simulator import Mode, PrinterSimulator
from kiosk.printing.status import PrinterState, PrinterStatus
from tests.ui.layout_guard import check_layout
from tests.ui.test_layout_kiosk import (  # noqa: F401  (sample_plaza: a fixture)
    MODES,
    RULES,
    SIZES,
    _config,
    kiosk_rules,
    longest,
    sample_plaza,
    settle,
)
from ui.app import build_kiosk
from ui.i18n import languages
from ui.kiosk_model import StaffNotes
from ui.printer_thread import Paper


@pytest.fixture(scope="module")
def simulator() -> Iterator[PrinterSimulator]:
    with PrinterSimulator(Mode.PAPER_OUT) as running:
        yield running


def screens(window, lang: str) -> Iterator[str]:
    model = window.model
    printer = model.printer
    code = longest(model.plaza, lang)
    ticket = model.plaza.issue_ticket(code)
    for paper in (Paper.PRINTING, Paper.PRINTED, Paper.NOT_PRINTED):
        printer._set(ticket.id, paper)  # the state a job would leave; the job itself is tested
        window.go("ticket", ticket=ticket)
        yield f"ticket ({paper})"
    printer.load_recent()
    printer.wait_idle()
    printer._set_status(PrinterStatus(PrinterState.FAULT, (0x1A, 0x52, 0x1A, 0x12),
                                      "autocutter error"))
    window.go("staff")
    staff = window.current
    staff.unlocked = True
    staff.message = "Tiket A-012 tidak dapat dicetak: " + "x" * 40
    staff.render()
    yield "staff (panel, printer in trouble)"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("orientation", SIZES)
def test_the_printing_screens_fit(qtbot, kiosk_app, sample_plaza, simulator, tmp_path,  # noqa: F811
                                  orientation: str, mode: str) -> None:
    config = _config(tmp_path).with_values(printer={"kind": "network",
                                                    "address": simulator.address})
    window = build_kiosk(config, sample_plaza, StaffNotes(), kiosk_mode=False)
    qtbot.addWidget(window)
    try:
        window.resize(*SIZES[orientation])
        window.show()
        window.model.store.wait_idle()
        window.model.printer.wait_idle()
        window.set_theme(**MODES[mode])
        rules = RULES.scaled(window.theme.scale)
        problems: list[str] = []
        for lang in ("id", "en"):
            window.set_language(lang)
            for screen in screens(window, lang):
                settle()
                found = check_layout(window, rules) + kiosk_rules(window, screen.split(" (")[0])
                problems += [f"[{lang}] {screen}: {problem}" for problem in found]
        assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems[:40])
    finally:
        window.dispose()
        languages().switch("id")
