"""The hall as staff and visitors meet it: a counter console and the display board, on their
own stores, against a real city API; three tickets called, one no-show, one transferred, a
stale action refused, and the visitor's tracking page following along (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from kiosk.local_plaza import LocalPlaza
from kiosk.store.db import open_store
from sync.client import CityClient
from tests.city_server import CityServer
from tests.cityapi.counter_helpers import PIN, Console, add_clerk, id_of, take
from tests.conftest import ALLOWED
from tests.ui.helpers import visible_texts
from ui.announcer import Announcer
from ui.counter.desk import CounterDesk
from ui.display.hall import HallDisplay


def _plaza(tmp_path: Path, name: str, catalog_file: Path, city: CityServer) -> LocalPlaza:
    plaza = LocalPlaza(open_store(tmp_path / f"{name}.db"), device_id=name,
                       timezone="Asia/Makassar", clock=city.clock)
    plaza.import_catalog(catalog_file, ALLOWED)
    return plaza


@pytest.fixture
def hall(city: CityServer, tmp_path: Path, catalog_file: Path, config, qtbot):
    counter_plaza = _plaza(tmp_path, "counter", catalog_file, city)
    display_plaza = _plaza(tmp_path, "display", catalog_file, city)
    desk = CounterDesk(config, counter_plaza, city.enrolment("counter", "console-1"))
    board = HallDisplay(config, display_plaza, city.enrolment("display", "tv-1"),
                        announcer=Announcer(player=None))
    desk.show(kiosk_mode=False)
    board.show(kiosk_mode=False)
    desk.start()
    board.start()
    yield desk, board
    for device, plaza in ((desk, counter_plaza), (board, display_plaza)):
        device.dispose()
        device.window().close()
        if device.stopped_cleanly:
            plaza.store.close()


def _recent(board: HallDisplay) -> list[str]:
    return [f"{number} {where}" for number, where in board.board.recent_panel.rows]


def _current(desk: CounterDesk) -> str | None:
    view = desk.console.view
    return view.current.number if view and view.current else None


def test_a_morning_at_counter_one(city: CityServer, hall, qtbot) -> None:
    desk, board = hall
    staff = add_clerk(city)
    kiosk = CityClient(city.url, city.enrolment("kiosk", "kiosk-1").token)
    tickets = [take(city, kiosk, "ktp-el") for _ in range(3)]
    with city.sessions() as session:
        from cityapi.models import Ticket

        public = {t.number: t.public_code for t in session.query(Ticket)}

    desk._load_setup()  # the staff member was added after the console started
    qtbot.waitUntil(lambda: staff in desk.sign_in.staff_buttons, timeout=10_000)
    desk.sign_in.signInRequested.emit(staff, "0000", "1")
    qtbot.waitUntil(lambda: any("PIN" in t for t in visible_texts(desk.sign_in)), timeout=10_000)
    assert desk.session is None
    desk.sign_in.signInRequested.emit(staff, PIN, "1")
    qtbot.waitUntil(lambda: desk.session is not None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.console.view is not None
                    and len(desk.console.view.waiting) == 3, timeout=10_000)

    # Call A-001: the console shows it, the board shows it big, the phone says where to go.
    desk.console.actionRequested.emit("call_next", "")
    qtbot.waitUntil(lambda: _current(desk) == "A-001", timeout=10_000)
    qtbot.waitUntil(lambda: "A-001" in board.board.visible_texts()[:8], timeout=5_000)
    page = requests.get(f"{city.url}/t/{public['A-001']}", timeout=5).text
    assert "Dipanggil ke Loket 1" in page
    desk.console.actionRequested.emit("start", id_of(tickets[0]))
    qtbot.waitUntil(lambda: desk.console.view.current.state == "serving", timeout=10_000)
    assert "Sedang dilayani di Loket 1" in requests.get(f"{city.url}/t/{public['A-001']}",
                                                        timeout=5).text
    desk.console.actionRequested.emit("done", id_of(tickets[0]))
    qtbot.waitUntil(lambda: _current(desk) is None, timeout=10_000)
    qtbot.waitUntil(lambda: desk.console.view.served_today == 1, timeout=10_000)

    # A-002 does not come: recalled twice, then a no-show.
    desk.console.actionRequested.emit("call_next", "")
    qtbot.waitUntil(lambda: _current(desk) == "A-002", timeout=10_000)
    second = id_of(tickets[1])
    desk.console.actionRequested.emit("no_show", second)  # too early: refused, nothing changes
    qtbot.waitUntil(lambda: any("Recall" in t or "Panggil ulang" in t
                                for t in visible_texts(desk.console)), timeout=10_000)
    for recalls in (1, 2):
        desk.console.actionRequested.emit("recall", second)
        qtbot.waitUntil(lambda n=recalls: desk.console.view.current.recalls == n, timeout=10_000)
    desk.console.actionRequested.emit("no_show", second)
    qtbot.waitUntil(lambda: _current(desk) is None, timeout=10_000)
    assert "Tidak hadir" in requests.get(f"{city.url}/t/{public['A-002']}", timeout=5).text

    # Another counter calls A-003 first; this console's stale "call" is refused.
    other = Console(city, "2", staff, name="console-2")
    third = id_of(tickets[2])
    assert other.act("call", third).status == "applied"
    desk.act("call", third)
    qtbot.waitUntil(lambda: any("Another counter" in t or "loket lain" in t
                                for t in visible_texts(desk.console)), timeout=10_000)
    assert _current(desk) is None
    # Counter 2 sends it to the family-card service; it keeps its place there.
    assert other.act("transfer", third, service="kk").status == "applied"
    qtbot.waitUntil(lambda: [t.number for t in desk.console.view.waiting] == ["A-003"]
                    and desk.console.view.waiting[0].service == "kk", timeout=10_000)
    assert "Dipindahkan" in requests.get(f"{city.url}/t/{public['A-003']}", timeout=5).text
    # The board: A-003's call was the hall's latest and it ended in a transfer, so no call is
    # current (never A-002 again, a no-show); the calls stay listed; A-003 waits for B now.
    def board_follows() -> bool:
        texts = board.board.visible_texts()
        return (board.board.call_panel.call is None
                and _recent(board) == ["A-003 Loket 2", "A-002 Loket 1", "A-001 Loket 1"]
                and any(t.endswith(": B 1") for t in texts))

    qtbot.waitUntil(board_follows, timeout=5_000)
    other.close()
    kiosk.close()


def test_the_board_and_the_console_say_offline_and_recover(city: CityServer, hall, qtbot):
    desk, board = hall
    qtbot.waitUntil(lambda: board.online, timeout=10_000)
    city.stop()
    qtbot.waitUntil(lambda: not board.online and not desk.online, timeout=15_000)
    qtbot.waitUntil(lambda: any("Offline" in t or "Luring" in t
                                for t in board.board.visible_texts()), timeout=5_000)
    city.start()
    qtbot.waitUntil(lambda: board.online and desk.online, timeout=20_000)


def _board(city: CityServer, plaza: LocalPlaza, config, name: str, qtbot) -> HallDisplay:
    board = HallDisplay(config, plaza, city.enrolment("display", name),
                        announcer=Announcer(player=None))
    board.show(kiosk_mode=False)
    board.start()
    qtbot.waitUntil(lambda: board.online, timeout=10_000)
    return board


def _stop(board: HallDisplay) -> None:
    board.dispose()
    board.window().close()


def test_an_ended_call_never_brings_back_an_older_one(city: CityServer, tmp_path: Path,
                                                      catalog_file: Path, config, qtbot) -> None:
    """Issue 11: A-001 called, recalled twice and marked a no-show; A-002 called and
    transferred. The board must not go back to "A-001 to counter 1", now or after a restart."""
    staff = add_clerk(city)
    kiosk = CityClient(city.url, city.enrolment("kiosk", "kiosk-1").token)
    first, second = (id_of(take(city, kiosk, "ktp-el")) for _ in range(2))
    plaza = _plaza(tmp_path, "display", catalog_file, city)
    board = _board(city, plaza, config, "tv-1", qtbot)
    console = Console(city, "1", staff)
    try:
        assert console.act("call_next").status == "applied"
        qtbot.waitUntil(lambda: board.board.call_panel.call is not None
                        and board.board.call_panel.call.number == "A-001", timeout=5_000)
        # No audio here: the words are on the board, and the state updates that follow keep them.
        words = "Nomor antrian A nol nol satu, silakan menuju loket satu"
        qtbot.waitUntil(lambda: words in board.board.visible_texts(), timeout=5_000)
        board.refresh()
        qtbot.wait(200)
        assert words in board.board.visible_texts()
        for action in ("recall", "recall", "no_show"):
            assert console.act(action, first).status == "applied"
        # The no-show ends the call: nothing is current, A-001 is listed as called.
        qtbot.waitUntil(lambda: board.board.call_panel.call is None
                        and _recent(board) == ["A-001 Loket 1"], timeout=5_000)
        assert console.act("call_next").status == "applied"
        qtbot.waitUntil(lambda: board.board.call_panel.call is not None
                        and board.board.call_panel.call.number == "A-002", timeout=5_000)
        assert console.act("transfer", second, service="kk").status == "applied"
        qtbot.waitUntil(lambda: any(t.endswith(": B 1") for t in board.board.visible_texts()),
                        timeout=5_000)
        assert board.board.call_panel.call is None
        assert "Selamat datang" in board.board.visible_texts()
        assert _recent(board) == ["A-002 Loket 1", "A-001 Loket 1"]
    finally:
        console.close()
        kiosk.close()
        _stop(board)

    # The same board started again on its store, and a brand-new board (a snapshot, which
    # knows each ticket only as it stands now): neither makes A-001 the current call.
    again = _board(city, plaza, config, "tv-1-again", qtbot)
    fresh_plaza = _plaza(tmp_path, "display-new", catalog_file, city)
    fresh = _board(city, fresh_plaza, config, "tv-2", qtbot)
    try:
        for shown in (again, fresh):
            qtbot.waitUntil(lambda b=shown: "A-001 Loket 1" in _recent(b), timeout=5_000)
            assert shown.board.call_panel.call is None
            assert "A-001" not in shown.board.call_panel.texts()
        assert _recent(again) == ["A-002 Loket 1", "A-001 Loket 1"]
    finally:
        for shown in (again, fresh):
            _stop(shown)
        for store_of in (plaza, fresh_plaza):
            store_of.store.close()
