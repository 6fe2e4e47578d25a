"""A visitor takes a number at a kiosk with a network ticket printer (the printer simulator on
a real loopback socket, the real store): the ticket screen and the staff panel tell the
printer's truth for every state it can be in, staff print tickets again, and no print call
ever runs on the UI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from kiosk.printing.decode import read_job
from kiosk.printing.simulator import Mode, PrinterSimulator
from kiosk.printing.status import PrinterState, PrinterStatus
from kiosk.printing.transport import NetworkTransport
from kiosk.store.models import TicketRow
from tests.kiosk_window import STAFF_PIN
from tests.ui.helpers import button_named, find_button, tap, visible_texts
from ui.i18n import translate
from ui.printer_thread import Paper
from ui.printer_words import printer_state

NOT_PRINTED = "Your ticket could not be printed"


@pytest.fixture
def simulator():
    with PrinterSimulator() as running:
        yield running


@pytest.fixture
def printing_window(make_window, simulator):
    def make(size=(1080, 1920)):
        window = make_window(size, printer={"kind": "network", "address": simulator.address,
                                            "paper_mm": 58})
        window.model.printer.wait_idle()  # its first look at the printer
        return window
    return make


def _take_number(qtbot, window, service: str = "ktp-el"):
    window.go("service", code=service)
    with qtbot.waitSignal(window.model.ticketIssued, timeout=5000) as issued:
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    ticket = issued.args[0]
    printer = window.model.printer
    qtbot.waitUntil(lambda: printer.paper(ticket) is not Paper.PRINTING, timeout=5000)
    printer.wait_idle()
    QApplication.processEvents()
    return ticket


def _stored_printed(window, ticket_id: str) -> bool | None:
    window.model.store.wait_idle()
    with window.model.plaza.store.read() as session:
        return session.scalar(select(TicketRow.printed).where(TicketRow.id == ticket_id))


def _open_staff_panel(qtbot, window) -> None:
    window.go("staff")
    for digit in STAFF_PIN:
        tap(qtbot, find_button(window.current, digit))
    tap(qtbot, find_button(window.current, translate("Staff", "OK")))
    qtbot.waitUntil(lambda: window.current.unlocked, timeout=10_000)
    window.model.printer.wait_idle()
    QApplication.processEvents()


def _until_the_panel_shows(qtbot, window, state: PrinterState) -> None:
    """The panel is drawn again when the printer's answer comes in, and its buttons move (a
    notice line goes): tap only once it shows the answer, as staff would."""
    printer = window.model.printer
    qtbot.waitUntil(lambda: printer.status.state is state, timeout=10_000)
    printer.wait_idle()
    QApplication.processEvents()


# The printer's mode (and trouble), whether the ticket is printed, the printer's state after the
# job, and the state staff see when they open the panel (it asks the printer again).
STATES = [
    (Mode.ONLINE, {}, True, PrinterState.READY, PrinterState.READY),
    (Mode.NEAR_END, {}, True, PrinterState.PAPER_LOW, PrinterState.PAPER_LOW),
    (Mode.PAPER_OUT, {}, False, PrinterState.PAPER_OUT, PrinterState.PAPER_OUT),
    (Mode.COVER_OPEN, {}, False, PrinterState.COVER_OPEN, PrinterState.COVER_OPEN),
    (Mode.FAULT, {}, False, PrinterState.FAULT, PrinterState.FAULT),
    (Mode.SILENT, {}, False, PrinterState.SILENT, PrinterState.SILENT),
    # slow, but its answers come in time; then too slow to trust
    (Mode.ONLINE, {"delay": 0.05}, True, PrinterState.READY, PrinterState.READY),
    (Mode.ONLINE, {"delay": 0.3}, False, PrinterState.SILENT, PrinterState.SILENT),
    # the connection cut mid-job; a question alone still gets its answer
    (Mode.ONLINE, {"drop_after": 2_000}, False, PrinterState.LOST, PrinterState.READY),
    # the roll ends while the slip is printing (the printer had the whole slip already)
    (Mode.ONLINE, {"print_speed": 100_000, "paper": 3_000}, False, PrinterState.PAPER_OUT,
     PrinterState.PAPER_OUT),
]


@pytest.mark.parametrize(("mode", "trouble", "printed", "state", "staff_state"), STATES,
                         ids=["online", "near-end", "paper-out", "cover-open", "fault", "silent",
                              "slow", "too-slow", "disconnect-mid-job", "roll-ends-mid-slip"])
def test_each_printer_state_gives_the_right_screen_and_staff_state(
        qtbot, printing_window, simulator, mode, trouble, printed, state, staff_state) -> None:
    window = printing_window()
    simulator.mode = mode
    for name, value in trouble.items():
        setattr(simulator, name, value)
    ticket = _take_number(qtbot, window)
    screen = window.current
    texts = " ".join(visible_texts(screen))

    assert screen.name == "ticket" and ticket.number in visible_texts(screen)
    assert _stored_printed(window, ticket.id) is printed  # the number is the visitor's either way
    if printed:
        assert translate("Ticket", "Your ticket has been printed. Please take it.") in texts
        assert NOT_PRINTED not in texts
        (job,) = simulator.wait_for_jobs(1)
        assert read_job(bytes(job.data)).biggest_line().text == ticket.number
    else:
        assert translate("Ticket", NOT_PRINTED) in texts
        assert translate("Ticket", "Your number is kept. Take a photo of this screen or scan the "
                         "code to follow your queue, or ask at the information desk.") in texts
        assert screen.qr.width() > window.theme.px(300)  # the code grows to be photographed
        assert screen.qr.data.endswith(ticket.public_code)
    assert window.model.printer.status.state is state

    _open_staff_panel(qtbot, window)
    panel = visible_texts(window.current)
    assert printer_state(PrinterStatus(staff_state)) in panel
    paper = translate("Staff", "printed") if printed else translate("Staff", "not printed")
    assert any(text.startswith(f"{ticket.number} · ") and text.endswith(f" · {paper}")
               for text in panel)


def test_a_low_roll_is_a_warning_to_staff_not_to_the_visitor(qtbot, printing_window,
                                                              simulator) -> None:
    window = printing_window()
    simulator.mode = Mode.NEAR_END
    _take_number(qtbot, window)
    assert "roll" not in " ".join(visible_texts(window.current))
    _open_staff_panel(qtbot, window)
    warning = printer_state(PrinterStatus(PrinterState.PAPER_LOW))
    (shown,) = [w for w in window.current.findChildren(QLabel) if w.text() == warning]
    assert shown.property("role") == "notice" and shown.isVisibleTo(window)


def test_staff_print_a_ticket_again_once_the_roll_is_in(qtbot, printing_window, simulator) -> None:
    window = printing_window()
    simulator.mode = Mode.PAPER_OUT
    ticket = _take_number(qtbot, window)
    assert _stored_printed(window, ticket.id) is False
    simulator.mode = Mode.ONLINE  # staff put in a new roll

    _open_staff_panel(qtbot, window)
    _until_the_panel_shows(qtbot, window, PrinterState.READY)
    with qtbot.waitSignal(window.model.printer.reprinted, timeout=5000):
        tap(qtbot, button_named(window.current, f"reprint-{ticket.number}"))
    window.model.printer.wait_idle()
    QApplication.processEvents()

    (job,) = simulator.wait_for_jobs(1)
    slip = read_job(bytes(job.data))
    assert slip.biggest_line().text == ticket.number and "CETAK ULANG" in slip.lines
    assert _stored_printed(window, ticket.id) is True
    texts = visible_texts(window.current)
    assert translate("Staff", "Ticket %1 was printed again.").replace("%1", ticket.number) in texts


def test_no_print_call_runs_on_the_ui_thread(qtbot, printing_window, simulator,
                                             monkeypatch) -> None:
    calls: list[str] = []
    for name in ("__init__", "write", "read"):
        original = getattr(NetworkTransport, name)

        def watched(self, *args, _original=original, _name=name):
            calls.append(threading.current_thread().name)
            return _original(self, *args)

        monkeypatch.setattr(NetworkTransport, name, watched)
    window = printing_window()
    ticket = _take_number(qtbot, window)
    _open_staff_panel(qtbot, window)
    with qtbot.waitSignal(window.model.printer.reprinted, timeout=5000):
        window.model.printer.print_ticket(ticket, reprint=True)
    window.model.printer.wait_idle()
    assert len(simulator.complete_jobs()) == 2
    assert calls and threading.main_thread().name not in calls


def test_without_a_printer_the_kiosk_is_as_before(qtbot, window) -> None:
    assert window.model.printer is None
    window.go("service", code="ktp-el")
    with qtbot.waitSignal(window.model.ticketIssued, timeout=5000) as issued:
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    assert issued.args[0].printed is None
    texts = " ".join(visible_texts(window.current))
    assert translate("Ticket", "No ticket printer here — please take a photo of this screen or "
                     "scan the code.") in texts
    assert NOT_PRINTED not in texts
