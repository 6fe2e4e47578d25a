"""The hall's display board: what a visitor sees from across the hall, in each state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QFontMetricsF, QImage

from kiosk.calls import BOARD_RECENT, BoardState, Call, WaitingCount
from ui.display.board import DisplayBoard, board_date
from ui.display.shot import render_board
from ui.i18n import languages
from ui.theme import Palette, Theme

PLAZA = "Plaza Smart City Banjarmasin"
LOCAL = datetime(2026, 11, 23, 10, 42, tzinfo=ZoneInfo("Asia/Makassar"))  # a Monday
AT = LOCAL.astimezone(UTC)


def call(number: str, counter: str, minutes_ago: int = 0) -> Call:
    return Call(ticket=f"t-{number}", number=number, counter=counter, service=number[0],
                at=AT - timedelta(minutes=minutes_ago))


RECENT = (call("B-031", "5", 1), call("C-004", "7", 2), call("A-011", "3", 4),
          call("D-017", "9", 5), call("B-030", "5", 7), call("E-002", "11", 9))
WAITING = tuple(WaitingCount(service=p.lower(), prefix=p, name={"id": p, "en": p}, waiting=n)
                for p, n in zip("ABCDEFGH", (12, 5, 3, 0, 7, 21, 9, 1), strict=True))
ANNOUNCEMENTS = ({"id": "Pelayanan KTP-el hari Jumat istirahat pukul 11.30–13.30 WITA.",
                  "en": "The ID card service pauses on Friday 11:30–13:30."},)


def state(current: Call | None = None, **changes) -> BoardState:
    values = {"current": current, "recent": RECENT, "waiting": WAITING,
              "announcements": ANNOUNCEMENTS, "online": True, "last_sync": AT}
    return BoardState(**(values | changes))


@pytest.fixture
def theme(config) -> Theme:
    return Theme(Palette.from_config(config.theme))


@pytest.fixture
def board(qtbot, theme):
    languages().switch("en")  # the board follows the app's language
    widget = DisplayBoard(theme, PLAZA, lambda: LOCAL)
    qtbot.addWidget(widget)
    widget.resize(1920, 1080)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.dispose()


def test_the_current_call_and_six_recent_ones_are_all_shown(board) -> None:
    assert len(RECENT) == BOARD_RECENT
    board.set_state(state(call("A-012", "3")))
    texts = board.visible_texts()
    assert PLAZA in texts
    assert "Monday, 23 Nov  10:42" in texts
    assert "QUEUE NUMBER" in texts
    assert "A-012" in texts
    assert "go to COUNTER 3" in texts
    assert "Recent calls" in texts
    for recent in RECENT:
        assert f"{recent.number} Counter {recent.counter}" in texts
    assert "Waiting: A 12 · B 5 · C 3 · D 0 · E 7 · F 21 · G 9 · H 1" in texts
    assert ANNOUNCEMENTS[0]["en"] in texts


def test_offline_shows_a_mark_with_the_last_sync_and_keeps_the_calls(board) -> None:
    board.set_state(state(call("A-012", "3"), online=False, last_sync=AT - timedelta(minutes=11)))
    assert board.offline_bar.isVisibleTo(board)
    texts = board.visible_texts()
    assert "Offline — data from 10:31" in texts  # plaza time, not UTC
    assert "A-012" in texts and "B-031 Counter 5" in texts

    board.set_state(state(call("A-012", "3")))
    assert not board.offline_bar.isVisibleTo(board)
    assert not any(text.startswith("Offline") for text in board.visible_texts())


def test_offline_before_any_sync_says_so(board) -> None:
    board.set_state(state(online=False, last_sync=None))
    assert "Offline — not yet connected to the city server" in board.visible_texts()


def test_no_current_call_shows_a_calm_welcome(board) -> None:
    board.set_state(BoardState(current=None, recent=(), waiting=(), announcements=(), online=True))
    texts = board.visible_texts()
    assert "Welcome" in texts
    assert "Please take a queue number at the kiosk" in texts
    assert "QUEUE NUMBER" not in texts
    assert "No calls yet" in texts


def test_pulse_runs_three_times_and_ends(qtbot, board) -> None:
    board.set_state(state(call("A-012", "3")))
    glows: list[float] = []
    board._pulse.valueChanged.connect(lambda _value: glows.append(board.call_panel.glow))
    board.pulse()
    assert board.is_pulsing()
    qtbot.waitUntil(lambda: not board.is_pulsing(), timeout=5000)
    assert board.call_panel.glow == 0.0
    assert max(glows) > 0.9  # it really went gold


def test_pulse_without_a_call_does_nothing(board) -> None:
    board.set_state(state(None))
    board.pulse()
    assert not board.is_pulsing()


@pytest.mark.parametrize("online", [True, False])
@pytest.mark.parametrize("number", ["A-012", "A-K7-012"])
def test_the_number_fits_its_box_at_1920x1080(qtbot, board, number: str, online: bool) -> None:
    board.set_state(state(call(number, "12"), online=online))
    qtbot.wait(10)  # the layout settles
    panel = board.call_panel
    box = panel.number_box()
    font = panel.number_font()
    metrics = QFontMetricsF(font)
    glyphs = metrics.tightBoundingRect(number)
    assert metrics.horizontalAdvance(number) <= box.width()
    assert glyphs.height() <= box.height() + 1
    assert box.left() >= 0 and box.right() <= panel.width()
    if number == "A-012":  # legible from across the hall (UI-GUIDE: at least 260 px)
        assert glyphs.height() >= 260


def test_many_services_are_left_off_whole_and_counted(qtbot, board) -> None:
    many = tuple(WaitingCount(service=p, prefix=p, name={}, waiting=100 + i)
                 for i, p in enumerate("ABCDEFGHIJKLMNOPQRST"))
    board.set_state(state(waiting=many))
    qtbot.wait(10)
    strip = board.waiting_strip
    assert 0 < strip.shown < len(many)
    [text] = strip.texts()
    assert text.endswith(f"+{len(many) - strip.shown} more")
    assert text.count("·") == strip.shown - 1  # whole items only


def test_the_ticker_timer_stops_when_hidden(qtbot, board) -> None:
    board.set_state(state())
    assert board.ticker.timer.isActive()
    assert board.ticker.timer.interval() >= 33  # at most ~30 frames a second
    board.hide()
    assert not board.ticker.timer.isActive()
    board.show()
    assert board.ticker.timer.isActive()
    board.set_state(state(announcements=()))
    assert not board.ticker.timer.isActive()  # nothing to scroll


def test_the_spoken_call_is_captioned_until_the_next_call(board) -> None:
    board.set_state(state(call("A-012", "3")))
    board.show_spoken("Queue number A zero twelve, please go to counter three")
    assert "Queue number A zero twelve, please go to counter three" in board.visible_texts()
    board.set_state(state(call("A-012", "3"), waiting=WAITING[:2]))  # the same call, news around it
    assert "Queue number A zero twelve, please go to counter three" in board.visible_texts()
    board.set_state(state(call("A-013", "4")))
    assert not any(text.startswith("Queue number A") for text in board.visible_texts())


def test_a_caption_spoken_before_its_call_is_shown_waits_for_it(board) -> None:
    """Without audio the words come at once, before the state that shows the call: the
    caption belongs to its call, so that state brings it up instead of clearing it."""
    board.set_state(state(call("A-012", "3")))
    board.show_spoken("Nomor antrian A nol tiga belas, silakan menuju loket empat", "A-013", "4")
    assert not any(text.startswith("Nomor antrian") for text in board.visible_texts())
    board.set_state(state(call("A-013", "4")))
    assert "Nomor antrian A nol tiga belas, silakan menuju loket empat" in board.visible_texts()
    board.set_state(state(None))  # the call ended: no caption without its call
    assert not any(text.startswith("Nomor antrian") for text in board.visible_texts())


def test_dates_are_indonesian_by_default(board) -> None:
    assert board_date(LOCAL, "id") == "Senin, 23 Nov"
    assert board_date(datetime(2026, 8, 17), "id") == "Senin, 17 Agu"
    board.set_language("id")
    assert "Senin, 23 Nov  10:42" in board.visible_texts()
    board.set_language("en")
    assert "Monday, 23 Nov  10:42" in board.visible_texts()


def test_render_board_saves_a_png_of_the_asked_size(tmp_path: Path, theme) -> None:
    out = render_board(state(call("A-012", "3")), (1920, 1080), tmp_path / "board.png", "en", theme,
                       PLAZA, lambda: LOCAL)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)


def test_the_board_words_itself_again_when_the_app_switches_language(board) -> None:
    board.set_state(state())
    languages().switch("id")  # by whoever: the board hears it as LanguageChange
    texts = board.visible_texts()
    assert "Selamat datang" in texts and "Welcome" not in texts
    assert any(text.startswith("Pelayanan KTP-el") for text in texts)  # the catalog's words too
    languages().switch("en")
    texts = board.visible_texts()
    assert "Welcome" in texts and any(text.startswith("The ID card service") for text in texts)
