"""The printer's own word, over a real socket: each state the printer simulator can be put in
(online, paper near end, paper out, cover open, a cutter fault, silent, slow, a connection cut
mid-job) and what a print job makes of it. Silence is never "fine"."""

from __future__ import annotations

import os
import threading
import time

import pytest

from kiosk.config import load_config
from kiosk.printing.decode import Tokenizer, read_job
from kiosk.printing.printer import Printer, printer_state_in_words
from kiosk.printing.simulator import REPLIES, Mode, PrinterSimulator
from kiosk.printing.status import PrinterState, decode, describe

JOB = b"\x1b@\x1d!\x55A-001\n" + b"x" * 20_000 + b"\n\x1bd\x06\x1dV\x01"


def _settings(**values):
    config = load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""})
    return config.with_values(printer=values).printer


@pytest.fixture
def simulator():
    with PrinterSimulator() as running:
        yield running


@pytest.fixture
def printer(simulator) -> Printer:
    return Printer(_settings(kind="network", address=simulator.address))


@pytest.mark.parametrize(("replies", "state"), [
    ((0x12, 0x12, 0x12, 0x12), PrinterState.READY),
    ((0x12, 0x12, 0x12, 0x1E), PrinterState.PAPER_LOW),
    ((0x1A, 0x32, 0x12, 0x7E), PrinterState.PAPER_OUT),
    ((0x12, 0x12, 0x12, 0x72), PrinterState.PAPER_OUT),  # the end sensor alone
    ((0x1A, 0x16, 0x12, 0x12), PrinterState.COVER_OPEN),
    ((0x1A, 0x52, 0x1A, 0x12), PrinterState.FAULT),
    ((0x1A, 0x1A, 0x12, 0x12), PrinterState.OFFLINE),
])
def test_decoding_the_four_answers(replies, state) -> None:
    status = decode(dict(zip((1, 2, 3, 4), replies, strict=True)))
    assert status.state is state
    assert status.can_print is (state in (PrinterState.READY, PrinterState.PAPER_LOW))


def test_a_missing_answer_is_silence_not_fine() -> None:
    status = decode({1: 0x12, 2: 0x12})
    assert status.state is PrinterState.SILENT and not status.can_print
    assert "no answer to DLE EOT 3, 4" in describe(status)


def test_a_low_roll_is_kept_behind_a_worse_state() -> None:
    status = decode({1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x1E})
    assert status.state is PrinterState.COVER_OPEN and status.paper_low


@pytest.mark.parametrize(("mode", "printed", "state"), [
    (Mode.ONLINE, True, PrinterState.READY),
    (Mode.NEAR_END, True, PrinterState.PAPER_LOW),
    (Mode.PAPER_OUT, False, PrinterState.PAPER_OUT),
    (Mode.COVER_OPEN, False, PrinterState.COVER_OPEN),
    (Mode.FAULT, False, PrinterState.FAULT),
    (Mode.SILENT, False, PrinterState.SILENT),
])
def test_a_job_is_sent_only_when_the_printer_says_it_can_print(simulator, printer, mode, printed,
                                                                 state) -> None:
    simulator.mode = mode
    outcome = printer.print_job(JOB)
    assert outcome.printed is printed
    assert outcome.status.state is state
    sent = simulator.wait_for_jobs(1, timeout=1 if printed else 0.2)
    assert len(sent) == (1 if printed else 0)
    if printed:
        assert bytes(sent[0].data) == JOB  # whole, with the status questions taken out
        assert simulator.questions == 8  # asked before the job and again after the cut


def test_a_silent_printer_is_given_up_on_within_the_budget(simulator, printer) -> None:
    simulator.mode = Mode.SILENT
    start = time.monotonic()
    outcome = printer.print_job(JOB)
    assert not outcome.printed
    assert time.monotonic() - start < 1.5


def test_a_slow_printer_that_answers_in_time_prints(simulator, printer) -> None:
    simulator.delay = 0.05  # 0.2 s for the four answers, under the 0.5 s status timeout
    outcome = printer.print_job(JOB)
    assert outcome.printed and outcome.seconds >= 0.4


def test_a_printer_too_slow_to_answer_is_silent(simulator, printer) -> None:
    simulator.delay = 0.3
    outcome = printer.print_job(JOB)
    assert not outcome.printed and outcome.status.state is PrinterState.SILENT
    assert simulator.wait_for_jobs(1, timeout=0.2) == []


def test_a_connection_cut_mid_job_is_not_printed(simulator, printer) -> None:
    simulator.drop_after = 5_000
    outcome = printer.print_job(JOB)
    assert not outcome.printed
    assert outcome.status.state in (PrinterState.LOST, PrinterState.SILENT)
    assert simulator.complete_jobs() == []


def test_a_roll_that_ends_during_the_ticket_is_not_printed(simulator, printer) -> None:
    simulator.after_cut = Mode.PAPER_OUT  # the printer took the job, then found no paper
    outcome = printer.print_job(JOB)
    assert not outcome.printed and outcome.status.state is PrinterState.PAPER_OUT


def test_a_printer_nobody_listens_for_is_unreachable() -> None:
    with PrinterSimulator() as gone:
        address = gone.address
    outcome = Printer(_settings(kind="network", address=address)).print_job(JOB)
    assert not outcome.printed and outcome.status.state is PrinterState.UNREACHABLE
    assert "connection refused" in outcome.status.detail


def test_a_missing_usb_printer_is_named(tmp_path) -> None:
    settings = _settings(kind="usb", device=str(tmp_path / "lp0"))
    status = Printer(settings).status()
    assert status.state is PrinterState.UNREACHABLE
    assert "no such device" in status.detail


def test_a_serial_printer_is_asked_and_printed_to(tmp_path) -> None:
    """A real tty (a pseudo-terminal) in raw mode; its other end plays the printer."""
    master, slave = os.openpty()
    path = os.ttyname(slave)
    received = bytearray()
    stop = threading.Event()

    def play_printer() -> None:
        tokens = Tokenizer()
        while not stop.is_set():
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            for token in tokens.feed(data):
                if token.kind == "status":
                    os.write(master, bytes([REPLIES[Mode.NEAR_END][token.code - 1]]))
                else:
                    received.extend(token.raw)

    os.set_blocking(master, True)
    player = threading.Thread(target=play_printer, daemon=True)
    player.start()
    try:
        settings = _settings(kind="serial", device=path, baud_rate=115200)
        outcome = Printer(settings).print_job(JOB[:200] + JOB[-6:])
    finally:
        stop.set()
        os.close(slave)
        os.close(master)
        player.join(2)
    assert outcome.printed and outcome.status.state is PrinterState.PAPER_LOW
    assert read_job(bytes(received)).biggest_line().text == "A-001"


def test_the_state_in_words_for_doctor_and_print_test(simulator) -> None:
    none = printer_state_in_words(_settings())
    assert none.ok and none.words == ("printer: no printer set up ([printer] kind = none): "
                                      "tickets are shown on screen only")
    settings = _settings(kind="network", address=simulator.address)
    ready = printer_state_in_words(settings)
    assert ready.ok and ready.words.startswith(f"network printer {simulator.address}: ready")
    assert ready.fix == ""
    simulator.mode = Mode.PAPER_OUT
    out = printer_state_in_words(settings)
    assert not out.ok and "out of paper" in out.words and "1A 32 12 7E" in out.words
    assert out.fix == "put in a new roll and close the cover"
