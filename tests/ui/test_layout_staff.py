"""The staff screens hold their layout: the counter console (signed in, and its sign-in panel)
at its 1280x800 panel and a smaller 1024x768 one, the hall's display board at 1920x1080, in
both languages and in high contrast (their staff and TVs have no large-text switch). Nothing
cut off, nothing outside the window, no two neighbours on top of each other, no text or
touch target under the guide's minimum (tests/ui/layout_guard.py says what and where)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.calls import BOARD_RECENT, BoardState, Call, CounterView, WaitingCount
from kiosk.vocabulary import TicketState
from tests.ui.layout_guard import Rules, check_layout
from ui.counter.common import console_scale, default_theme
from ui.counter.console import CounterConsole
from ui.counter.shot import SAMPLE_NOW, SAMPLE_SERVICES, sample_view
from ui.counter.sign_in import PIN_MAX, SignInPanel
from ui.display.board import DisplayBoard
from ui.i18n import languages, translate
from ui.theme import Theme

COUNTER_SIZES = [(1280, 800), (1024, 768)]
CONSOLE_RULES = Rules(min_text_px=24, min_target_px=80)  # UI-GUIDE: text 24 px, targets 80 px
BOARD_RULES = Rules(min_text_px=24, min_target_px=80)
LONG_NAME = {"id": "Perekaman dan Pencetakan KTP Elektronik (KTP-el) untuk Penduduk Pindah "
                   "Datang dari Luar Daerah",
             "en": "Recording and printing of the electronic ID card (KTP-el) for residents "
                   "moving in from another region"}
# The names staff pick from at the transfer sheet: one as long as the catalog allows.
SERVICES = (*SAMPLE_SERVICES, ("pindah-datang", LONG_NAME),
            ("kia", {"id": "Kartu Identitas Anak (KIA)", "en": "Child identity card (KIA)"}))
LOCAL = datetime(2026, 11, 23, 10, 42, tzinfo=ZoneInfo("Asia/Makassar"))
STAFF = [("s1", "Siti Aminah"), ("s2", "Muhammad Rizky Pratama Wicaksono Putra"),
         ("s3", "Nurhayati"), ("s4", "Gusti Ayu Ketut Sri Rahayuningsih")]


def _theme(high_contrast: bool) -> Theme:
    return default_theme().with_(landscape=True, high_contrast=high_contrast)


def _laid_out(widget: QWidget, size: tuple[int, int]) -> None:
    widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    assert widget.size().toTuple() == size, "the window would not take its screen's size"


def _assert_holds(widget: QWidget, rules: Rules) -> None:
    problems = check_layout(widget, rules)
    assert not problems, "\n".join(problems)


def _busy_morning() -> CounterView:
    """A priority ticket called with a long service name, priority tickets waiting, a
    transferred one, the counter paused and offline (both banners over the list)."""
    view = sample_view()
    current = replace(view.current, service_name=LONG_NAME, priority="ibu_hamil", recalls=2,
                      transferred=True)
    waiting = (replace(view.waiting[0], service_name=LONG_NAME), *view.waiting[1:])
    return replace(view, current=current, waiting=waiting, services=SERVICES)


@pytest.fixture(params=["id", "en"])
def lang(request) -> str:
    languages().switch(request.param)
    yield request.param
    languages().switch("id")


@pytest.fixture
def console(qtbot):
    made: list[CounterConsole] = []

    def make(high_contrast: bool) -> CounterConsole:
        widget = CounterConsole(_theme(high_contrast), now=lambda: SAMPLE_NOW)
        qtbot.addWidget(widget)
        made.append(widget)
        return widget

    return make


@pytest.mark.parametrize("high_contrast", [False, True], ids=["plain", "high-contrast"])
@pytest.mark.parametrize("size", COUNTER_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_counter_desk_holds(console, lang: str, size, high_contrast: bool) -> None:
    desk = console(high_contrast)
    rules = CONSOLE_RULES.scaled(console_scale(*size))
    view = _busy_morning()
    states = {
        "called, priority, long name": view,
        "serving": replace(view, current=replace(view.current, state=TicketState.SERVING)),
        "paused and offline": replace(view, mode="paused", online=False),
        "nobody called": replace(view, current=None),
        "nobody waiting": replace(view, current=None, waiting=()),
    }
    for name, state in states.items():
        desk.set_view(state)
        _laid_out(desk, size)
        problems = check_layout(desk, rules)
        assert not problems, f"{name}:\n" + "\n".join(problems)
    # A waiting ticket chosen in the list (the choice bar takes room from the list), and a
    # message in the bottom bar.
    desk.set_view(view)
    desk._row_tapped(view.waiting[0].id)
    desk.show_message("A-019 sudah dipanggil loket lain. Tidak ada yang diubah; silakan "
                      "panggil nomor berikutnya.", "error")
    _laid_out(desk, size)
    _assert_holds(desk, rules)


@pytest.mark.parametrize("size", COUNTER_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_transfer_sheet_holds_long_service_names(console, lang: str, size) -> None:
    desk = console(False)
    view = _busy_morning()
    desk.set_view(view)
    _laid_out(desk, size)
    desk._open_transfer(view.current)
    for _ in range(3):
        QApplication.processEvents()
    assert desk.overlay.isVisible()
    _assert_holds(desk, CONSOLE_RULES.scaled(console_scale(*size)))


@pytest.mark.parametrize("high_contrast", [False, True], ids=["plain", "high-contrast"])
@pytest.mark.parametrize("size", COUNTER_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_sign_in_panel_holds(qtbot, lang: str, size, high_contrast: bool) -> None:
    panel = SignInPanel(_theme(high_contrast))
    qtbot.addWidget(panel)
    panel.set_staff(STAFF)
    panel.set_counters([str(n) for n in range(1, 15)])
    panel._choose_staff("s2")
    panel._choose_counter("12")
    _laid_out(panel, size)
    rules = CONSOLE_RULES.scaled(console_scale(*size))
    _assert_holds(panel, rules)
    for _ in range(PIN_MAX):
        panel.type_digit("7")
    panel.show_message(translate("CounterDesk", "This console is not enrolled with the city "
                                 "server. IT: plaza-kiosk enroll --role counter"), "error")
    _laid_out(panel, size)
    _assert_holds(panel, rules)


def test_pin_dots_stand_apart_and_the_keypad_stays_put(qtbot) -> None:
    panel = SignInPanel()
    qtbot.addWidget(panel)
    panel.set_staff(STAFF)
    panel.set_counters(["1", "2"])
    _laid_out(panel, (1280, 800))
    keypad = panel.pad.mapTo(panel, panel.pad.rect().topLeft())
    for typed in range(PIN_MAX + 1):
        boxes = panel.dots.dot_boxes()
        assert len(boxes) == max(typed, 4) and panel.dots.text().count("●") == typed
        for left, right in pairwise(boxes):
            assert right.left() - left.right() >= left.width() / 3  # a clear gap between dots
        assert all(panel.dots.rect().contains(box.toRect()) for box in boxes)
        assert panel.pad.mapTo(panel, panel.pad.rect().topLeft()) == keypad
        panel.type_digit("5")
    panel.show_message("PIN salah. Sisa 4 kali coba.", "error")  # the error line appears
    panel.clear_pin()
    QApplication.processEvents()
    assert panel.pad.mapTo(panel, panel.pad.rect().topLeft()) == keypad


# --- the display board ---


def _call(number: str, counter: str, minutes_ago: int = 0) -> Call:
    return Call(ticket=f"t-{number}", number=number, counter=counter, service=number[0],
                at=LOCAL.astimezone(UTC) - timedelta(minutes=minutes_ago))


def _board_state(current: Call | None, online: bool = True) -> BoardState:
    recent = tuple(_call(f"{p}-{n:03}", c, m) for p, n, c, m in
                   (("B", 31, "12", 1), ("C", 4, "7", 2), ("A", 11, "3", 4), ("D", 17, "9", 5),
                    ("B", 30, "5", 7), ("E", 2, "11", 9)))[:BOARD_RECENT]
    waiting = tuple(WaitingCount(service=p.lower(), prefix=p, name={"id": p, "en": p}, waiting=n)
                    for p, n in zip("ABCDEFGHIJKL", (12, 5, 3, 0, 7, 121, 9, 1, 4, 8, 2, 6),
                                    strict=True))
    announcements = ({"id": "Pelayanan KTP-el hari Jumat istirahat pukul 11.30–13.30 WITA.",
                      "en": "The ID card service pauses on Friday 11:30–13:30."},)
    return BoardState(current=current, recent=recent, waiting=waiting,
                      announcements=announcements, online=online,
                      last_sync=LOCAL.astimezone(UTC) - timedelta(minutes=3))


@pytest.mark.parametrize("high_contrast", [False, True], ids=["plain", "high-contrast"])
def test_the_display_board_holds(qtbot, lang: str, high_contrast: bool) -> None:
    board = DisplayBoard(_theme(high_contrast), "Plaza Smart City Banjarmasin", lambda: LOCAL)
    qtbot.addWidget(board)
    states = {
        "a call": (_board_state(_call("A-012", "3")), "Nomor antrian A nol dua belas, silakan "
                   "menuju loket tiga"),
        "a device-tagged number, offline": (_board_state(_call("A-K7-012", "12"), online=False),
                                            ""),
        "no call now": (_board_state(None), ""),
    }
    try:
        for name, (state, spoken) in states.items():
            board.set_state(state)
            board.show_spoken(spoken)
            _laid_out(board, (1920, 1080))
            problems = check_layout(board, BOARD_RULES.scaled(Theme.scale_for(1920, 1080)))
            assert not problems, f"{name}:\n" + "\n".join(problems)
    finally:
        board.dispose()


def test_the_demo_windows_hold_their_layouts(qtbot, console) -> None:
    """`make demo` on a 1920x1080 screen: the counter console (signed in, and its sign-in)
    and the board at the sizes the demo gives them, scaled whole."""
    from plaza_kiosk.demo import places

    where = places((0, 0, 1920, 1080))
    counter, board_size = where["counter"][2:], where["display"][2:]
    rules = CONSOLE_RULES.scaled(console_scale(*counter))
    desk = console(False)
    desk.set_view(_busy_morning())
    _laid_out(desk, counter)
    _assert_holds(desk, rules)
    panel = SignInPanel(_theme(False))
    qtbot.addWidget(panel)
    panel.set_staff(STAFF)
    panel.set_counters([str(n) for n in range(1, 15)])
    _laid_out(panel, counter)
    _assert_holds(panel, rules)
    board = DisplayBoard(_theme(False), "Plaza Smart City Banjarmasin", lambda: LOCAL)
    qtbot.addWidget(board)
    try:
        board.set_state(_board_state(_call("A-012", "3")))
        _laid_out(board, board_size)
        _assert_holds(board, BOARD_RULES.scaled(Theme.scale_for(*board_size)))
    finally:
        board.dispose()
