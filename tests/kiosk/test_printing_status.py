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
from kiosk.printing.simulator import PAPER_STATUS, REPLIES, Mode, PrinterSimulator
from kiosk.printing.status import STATUS_QUERY, PrinterState, decode, describe

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
        # DLE EOT 1-4 before the slip; GS r 1 after its cut; DLE EOT 1-4 once it answered
        assert simulator.questions == 9


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


def test_a_roll_that_ends_at_the_cut_is_not_printed(simulator, printer) -> None:
    simulator.after_cut = Mode.PAPER_OUT  # the printer cut the slip, then found no paper
    outcome = printer.print_job(JOB)
    assert not outcome.printed and outcome.status.state is PrinterState.PAPER_OUT


def test_a_roll_that_ends_while_the_slip_prints_is_not_printed(simulator, printer) -> None:
    """DLE EOT is answered when it arrives, not once what came before it has printed: the
    printer has the whole slip long before it has printed it. A roll that ends half-way is
    seen only by waiting for the slip to be through (GS r 1, answered in order)."""
    simulator.print_speed = 100_000  # 0.2 s for the slip
    simulator.paper = 8_000  # the roll ends at 8 KB of it
    outcome = printer.print_job(JOB)
    assert not outcome.printed and outcome.status.state is PrinterState.PAPER_OUT
    (job,) = simulator.wait_for_jobs(1)
    assert job.torn and job.printed == 8_000 and job.printed_at is None
    assert outcome.seconds < 1.0  # seen while waiting, not at the end of the wait


def test_the_answer_waits_for_the_slip_to_be_printed(simulator, printer) -> None:
    simulator.print_speed = 50_000  # 0.4 s for the slip: the printer has it long before
    outcome = printer.print_job(JOB)
    done = time.monotonic()
    (job,) = simulator.wait_for_jobs(1)
    assert outcome.printed and outcome.status.state is PrinterState.READY
    assert job.printed_at is not None and job.printed_at <= done and not job.torn
    assert outcome.seconds >= 0.4


def test_a_slip_not_through_in_time_is_unknown_never_printed(simulator) -> None:
    simulator.print_speed = 5_000  # 4 s for the slip, longer than the printer may take
    printer = Printer(_settings(kind="network", address=simulator.address, write_timeout=0.5))
    start = time.monotonic()
    outcome = printer.print_job(JOB)
    assert not outcome.printed and outcome.status.state is PrinterState.SILENT
    assert "no answer to GS r 1" in describe(outcome.status)
    assert time.monotonic() - start < 1.5  # bounded by write_timeout (and one status question)


class _ScriptedPrinter:
    """A transport whose printer sends `after_slip` once the slip arrives, and answers each
    DLE EOT 1-4 with the next of `answers` (an online printer's by default)."""

    def __init__(self, after_slip: bytes, answers: list[bytes]) -> None:
        self.after_slip, self.answers, self.pending = after_slip, answers, bytearray()

    def write(self, data: bytes) -> None:
        if data == STATUS_QUERY:
            self.pending += self.answers.pop(0) if self.answers else bytes(REPLIES[Mode.ONLINE])
        else:
            self.pending += self.after_slip

    def read(self, size: int, timeout: float) -> bytes:
        if not self.pending:
            time.sleep(max(0.0, min(timeout, 0.05)))
        data, self.pending[:size] = bytes(self.pending[:size]), b""
        return data

    def drain(self) -> None:
        self.pending.clear()

    def close(self) -> None:
        pass


def _scripted(after_slip: bytes, *answers: bytes) -> Printer:
    script = _ScriptedPrinter(after_slip, list(answers))
    return Printer(_settings(kind="network", address="printer.invalid", write_timeout=0.5),
                   opener=lambda _settings: script)


def test_an_automatic_status_back_is_not_taken_for_the_answer_to_gs_r() -> None:
    # A printer set up for ASB (GS a) sends four bytes unasked; the last three have bits 4 and
    # 7 clear as a GS r answer does. This one never answers GS r: the slip is not known printed.
    outcome = _scripted(b"\x18\x00\x00\x00").print_job(JOB)
    assert not outcome.printed and outcome.status.state is PrinterState.SILENT
    assert outcome.status.paper_reply is None


def test_answers_that_come_mixed_are_told_apart() -> None:
    online = bytes(REPLIES[Mode.ONLINE])
    # the slip is through while DLE EOT is being answered: GS r's answer among DLE EOT's
    outcome = _scripted(b"", online, online[:2] + b"\x03" + online[2:]).print_job(JOB)
    assert outcome.printed and outcome.status.paper_reply == 0x03
    assert "GS r 1 answered 03" in describe(outcome.status)
    # a GS r answer saying paper end wins over a DLE EOT that does not
    outcome = _scripted(b"\x0c").print_job(JOB)
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
                elif token.kind == "gs" and token.code == ord("r"):  # after all before it
                    os.write(master, bytes([PAPER_STATUS[Mode.NEAR_END]]))
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
