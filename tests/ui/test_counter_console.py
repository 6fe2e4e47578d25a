"""The counter console and its sign-in panel: what staff can press in each state, and what
reaches the controller (signals only; the view never talks to the server)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.calls import RECALLS_BEFORE_NO_SHOW, CounterView, QueueTicket
from kiosk.vocabulary import TicketState
from tests.ui.helpers import find_button, tap, visible_texts
from ui.counter.console import CounterConsole
from ui.counter.sign_in import SignInPanel
from ui.i18n import languages, translate

NOW = datetime(2026, 11, 24, 2, 42, tzinfo=UTC)
KTP = {"id": "Perekaman KTP-el", "en": "ID card recording"}
KK = {"id": "Kartu Keluarga", "en": "Family card"}
SERVICES = (("ktp-el", KTP), ("kk", KK), ("akta", {"id": "Akta Kelahiran", "en": "Birth certificate"}))


def ticket(number: str, minutes: int = 5, priority: str | None = None, **changes) -> QueueTicket:
    service, name = ("ktp-el", KTP) if number.startswith("A") else ("kk", KK)
    fields = dict(id=f"t-{number}", number=number, service=service, service_name=name,
                  priority=priority, issued_at=NOW - timedelta(minutes=minutes), state=TicketState.WAITING)
    return QueueTicket(**(fields | changes))


WAITING_LIST = (ticket("A-019", 9, "lansia"), ticket("B-007", 4), ticket("A-013", 31))


def view(current: QueueTicket | None = None, **changes) -> CounterView:
    fields = dict(counter="3", staff_name="Rina", mode="open", online=True, current=current,
                  waiting=WAITING_LIST, served_today=14, mean_service_minutes=6.4,
                  last_sync=NOW - timedelta(minutes=11), services=SERVICES)
    return CounterView(**(fields | changes))


def called(recalls: int = 0, state: str = TicketState.CALLED) -> QueueTicket:
    return ticket("A-012", 34, counter="3", state=state, recalls=recalls, called_at=NOW)


@pytest.fixture
def console(qtbot) -> CounterConsole:
    languages().switch("en")  # the code's words: the tests read them as written
    widget = CounterConsole(now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def requests(console) -> list[tuple]:
    """Everything the console asked for, in order."""
    seen: list[tuple] = []
    console.actionRequested.connect(lambda action, ticket_id: seen.append((action, ticket_id)))
    console.transferRequested.connect(lambda ticket_id, code: seen.append(("transfer", ticket_id, code)))
    console.modeRequested.connect(lambda mode: seen.append(("mode", mode)))
    return seen


def shown(console: CounterConsole) -> dict[str, bool]:
    """Visible action buttons and whether each is enabled."""
    return {action: widget.isEnabled() for action, widget in console.buttons.items()
            if widget.isVisibleTo(console)}


def tap_row(console: CounterConsole, ticket_id: str) -> None:
    """Tap a waiting row the way staff do: scrolled into view, a press and release on it."""
    row = next(r for r in console.waiting.visible_rows() if r.ticket.id == ticket_id)
    console.waiting.ensureWidgetVisible(row)
    QApplication.processEvents()
    QTest.mouseClick(row, Qt.MouseButton.LeftButton, pos=row.rect().center())
    QApplication.processEvents()


# --- what can be pressed ---

def test_without_a_ticket_only_call_next_is_offered(console) -> None:
    console.set_view(view())
    assert shown(console) == {"call_next": True}
    # The key is printed on the button.
    expected = f'{translate("CounterConsole", "Call next")}  [{translate("CounterConsole", "Space")}]'
    assert console.buttons["call_next"].text() == expected


def test_a_called_ticket_offers_start_recall_and_transfer_but_no_show_only_after_recalls(console) -> None:
    console.set_view(view(called(recalls=0)))
    assert shown(console) == {"start": True, "recall": True, "transfer": True, "no_show": False}
    no_show = console.buttons["no_show"].text()
    why = translate("CounterConsole", "No-show (after %1 recalls)").replace(
        "%1", f"{RECALLS_BEFORE_NO_SHOW}×")
    assert no_show.startswith(why)  # says why it is off
    console.set_view(view(called(recalls=RECALLS_BEFORE_NO_SHOW)))
    assert shown(console)["no_show"] is True
    assert console.buttons["no_show"].text() == f'{translate("CounterConsole", "No-show")}  [X]'


def test_a_ticket_in_service_offers_done_and_transfer(console) -> None:
    console.set_view(view(called(state=TicketState.SERVING)))
    assert shown(console) == {"done": True, "transfer": True}
    assert "Being served" in visible_texts(console)


def test_offline_disables_every_server_action_but_keeps_the_last_queue(console) -> None:
    console.set_view(view(called(recalls=2), online=False))
    assert not any(shown(console).values())
    assert not console.pause_button.isEnabled() and not console.close_button.isEnabled()
    texts = visible_texts(console)
    assert "Offline — data from 10:31. Calling numbers needs the connection." in texts
    assert len(console.waiting.visible_rows()) == len(WAITING_LIST)
    tap_row(console, "t-B-007")
    assert not console.call_button.isEnabled()


def test_paused_counter_cannot_call_next_and_offers_resume(qtbot, console, requests) -> None:
    console.set_view(view(mode="paused"))
    assert shown(console) == {"call_next": False}
    assert console.pause_button.text() == "Resume  [P]"
    assert console.pause_button.property("role") == "topbar-accent"  # prominent
    assert any(text.startswith("Counter paused") for text in visible_texts(console))
    tap(qtbot, console.pause_button)
    assert requests == [("mode", "open")]


def test_busy_disables_actions_and_says_so(console) -> None:
    console.set_view(view())
    console.busy(True)
    assert shown(console) == {"call_next": False}
    assert "Contacting the server…" in visible_texts(console)
    console.busy(False)
    assert shown(console) == {"call_next": True}


def test_nobody_waiting_means_nothing_to_call(console) -> None:
    console.set_view(view(waiting=()))
    assert shown(console) == {"call_next": False}
    assert "No one is waiting." in visible_texts(console)


# --- what reaches the controller ---

def test_buttons_emit_actions_with_the_ticket(qtbot, console, requests) -> None:
    console.set_view(view())
    tap(qtbot, console.buttons["call_next"])
    console.set_view(view(called(recalls=0)))
    tap(qtbot, find_button(console, "Recall  [R]"))
    tap(qtbot, find_button(console, "Start serving  [S]"))
    assert requests == [("call_next", ""), ("recall", "t-A-012"), ("start", "t-A-012")]


@pytest.mark.parametrize(("current", "key", "expected"), [
    (None, Qt.Key.Key_Space, ("call_next", "")),
    (None, Qt.Key.Key_N, ("call_next", "")),
    (called(), Qt.Key.Key_R, ("recall", "t-A-012")),
    (called(), Qt.Key.Key_S, ("start", "t-A-012")),
    (called(recalls=2), Qt.Key.Key_X, ("no_show", "t-A-012")),
    (called(state=TicketState.SERVING), Qt.Key.Key_D, ("done", "t-A-012")),
    (called(state=TicketState.SERVING), Qt.Key.Key_Return, ("done", "t-A-012")),
])
def test_shortcuts_emit_the_action(qtbot, console, requests, current, key, expected) -> None:
    console.set_view(view(current))
    qtbot.keyClick(console, key)
    assert requests == [expected]


def test_shortcuts_of_disabled_or_hidden_actions_do_nothing(qtbot, console, requests) -> None:
    console.set_view(view(called(recalls=0)))
    for key in (Qt.Key.Key_X, Qt.Key.Key_D, Qt.Key.Key_Space):  # too early, not serving, busy
        qtbot.keyClick(console, key)
    console.set_view(view(mode="paused"))
    qtbot.keyClick(console, Qt.Key.Key_Space)
    assert requests == []
    qtbot.keyClick(console, Qt.Key.Key_P)
    assert requests == [("mode", "open")]


def test_tapping_a_row_offers_to_call_that_number(qtbot, console, requests) -> None:
    console.set_view(view())
    tap_row(console, "t-A-013")
    assert console.selection.isVisibleTo(console)
    assert "Selected: A-013" in visible_texts(console)
    tap(qtbot, find_button(console, "Call this number  [C]"))
    assert requests == [("call", "t-A-013")]
    assert not console.selection.isVisibleTo(console)


def test_a_counter_with_a_ticket_must_finish_it_before_calling_another(console, requests) -> None:
    console.set_view(view(called()))
    tap_row(console, "t-A-013")
    assert not console.call_button.isEnabled()
    assert "Finish A-012 first." in visible_texts(console)


def test_transfer_lists_the_other_services_and_emits_the_choice(qtbot, console, requests) -> None:
    console.set_view(view(called()))
    tap(qtbot, find_button(console, "Transfer  [T]"))
    assert console.overlay.isVisible()
    sheet = visible_texts(console.overlay)
    assert "Transfer A-012 to:" in sheet
    assert "ID card recording" not in sheet  # not to the service it is already in
    qtbot.keyClick(console, Qt.Key.Key_R)  # the sheet is modal: nothing acts behind it
    tap(qtbot, find_button(console.overlay, "Birth certificate"))
    assert requests == [("transfer", "t-A-012", "akta")]
    assert not console.overlay.isVisible()


def test_a_selected_waiting_ticket_can_be_transferred_in_indonesian_names(qtbot, console, requests) -> None:
    languages().switch("id")
    console.set_view(view())
    tap_row(console, "t-B-007")
    tap(qtbot, console.move_button)
    tap(qtbot, find_button(console.overlay, "Perekaman KTP-el"))
    assert requests == [("transfer", "t-B-007", "ktp-el")]


def test_escape_closes_the_sheet_then_the_selection(qtbot, console, requests) -> None:
    console.set_view(view())
    tap_row(console, "t-B-007")
    qtbot.keyClick(console, Qt.Key.Key_T)  # no ticket at the counter: T moves the selected one
    assert console.overlay.isVisible()
    qtbot.keyClick(console, Qt.Key.Key_Escape)
    assert not console.overlay.isVisible() and console.selected == "t-B-007"
    qtbot.keyClick(console, Qt.Key.Key_Escape)
    assert console.selected == "" and not console.selection.isVisibleTo(console)
    assert requests == []


def test_closing_the_counter_asks_first(qtbot, console, requests) -> None:
    console.set_view(view())
    tap(qtbot, console.close_button)
    tap(qtbot, find_button(console.overlay, "Cancel"))
    assert requests == []
    tap(qtbot, console.close_button)
    tap(qtbot, find_button(console.overlay, "Yes, close the counter"))
    assert requests == [("mode", "closed")]


# --- what it shows ---

def test_priority_rows_carry_a_word_not_only_colour(console) -> None:
    console.set_view(view(called()))
    rows = {row.ticket.number: row.accessible_text() for row in console.waiting.visible_rows()}
    assert "Priority: Elderly" in rows["A-019"]
    assert "Priority" not in rows["B-007"]
    assert rows["A-013"].endswith("31 min")


def test_the_card_shows_waiting_time_priority_and_recalls(console) -> None:
    current = replace(called(recalls=1), priority="ibu_hamil")
    console.set_view(view(current, served_today=3, mean_service_minutes=None))
    texts = visible_texts(console)
    for expected in ("Counter 3", "Rina", "Online", "Called", "A-012", "Waited 34 min",
                     "Priority: Pregnant", "Recalled 1×", "ID card recording"):
        assert expected in texts, expected
    assert "Served\u00a0today:\u00a03  ·  Mean\u00a0service\u00a0time:\u00a0—" in texts


def test_errors_stay_until_the_next_action_and_info_fades(qtbot, console) -> None:
    console.set_view(view())
    console.show_message("A-019 was called at counter 5.", "error")
    assert console.message.text() and console.message.kind == "error"
    qtbot.wait(50)
    assert console.message.text()
    tap(qtbot, console.buttons["call_next"])
    assert console.message.text() == ""
    console.message._fade.setInterval(50)
    console.show_message("A-019 called.", "info")
    qtbot.waitUntil(lambda: console.message.text() == "", timeout=2000)


def test_everything_fits_at_1280x800(console) -> None:
    long_name = {"id": "Perekaman dan Pencetakan KTP Elektronik (KTP-el) untuk Penduduk Pindah Datang",
                 "en": "Recording and printing of the electronic ID card (KTP-el) for residents"}
    current = replace(called(recalls=1), service_name=long_name, priority="lansia", transferred=True)
    console.set_view(view(current, online=False, mode="paused"))
    console.resize(1280, 800)
    assert console.minimumSizeHint().height() <= 800
    assert console.size().height() == 800


# --- sign-in ---

@pytest.fixture
def panel(qtbot) -> SignInPanel:
    languages().switch("en")
    widget = SignInPanel()
    qtbot.addWidget(widget)
    widget.set_staff([("s1", "Rina Wulandari"), ("s2", "Ahmad Fauzi")])
    widget.set_counters(["1", "2", "3"])
    widget.show()
    return widget


def test_sign_in_needs_staff_counter_and_pin(qtbot, panel) -> None:
    attempts: list[tuple[str, str, str]] = []
    panel.signInRequested.connect(lambda *args: attempts.append(args))
    ok = panel.pad.keys["ok"]
    for digit in "2468":
        tap(qtbot, panel.pad.keys[digit])
    assert not ok.isEnabled()
    panel.submit()
    assert attempts == [] and panel.message.text() == "Please choose your name."
    tap(qtbot, find_button(panel, "Ahmad Fauzi"))
    assert not ok.isEnabled()
    tap(qtbot, find_button(panel, "Counter 3"))
    assert ok.isEnabled()
    tap(qtbot, ok)
    assert attempts == [("s2", "2468", "3")]
    assert panel.pin == "" and "●" not in panel.dots.text()  # cleared after the attempt


def test_sign_in_by_keyboard(qtbot, panel) -> None:
    attempts: list[tuple[str, str, str]] = []
    panel.signInRequested.connect(lambda *args: attempts.append(args))
    tap(qtbot, find_button(panel, "Rina Wulandari"))
    tap(qtbot, find_button(panel, "Counter 1"))
    for key in "1357":
        qtbot.keyClick(panel, key)
    qtbot.keyClick(panel, Qt.Key.Key_Backspace)
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert attempts == []  # three digits are not a PIN
    assert panel.message.text() == "The PIN has at least 4 digits."
    qtbot.keyClick(panel, "9")
    qtbot.keyClick(panel, "9", Qt.KeyboardModifier.KeypadModifier)  # the numeric keypad too
    assert panel.dots.text().count("●") == 5
    qtbot.keyClick(panel, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert attempts == [("s1", "13599", "1")]


def test_sign_in_busy_and_messages(qtbot, panel) -> None:
    panel.busy(True)
    assert "Checking…" in visible_texts(panel)
    qtbot.keyClick(panel, "1")
    assert panel.pin == ""
    assert not panel.pad.keys["1"].isEnabled()
    panel.busy(False)
    panel.show_message("PIN salah. Sisa 3 kali coba.")
    assert "PIN salah. Sisa 3 kali coba." in visible_texts(panel)
    assert panel.message.kind == "error"


def test_a_single_counter_is_chosen_already(panel) -> None:
    panel.set_counters(["7"])
    assert panel.counter == "7"
    assert panel.counter_buttons["7"].isChecked()


def test_each_priority_group_has_its_own_icon(console) -> None:
    """Elderly, disability and pregnancy each drawn as what they are: never the wheelchair for
    a pregnant visitor (the card's mark and the list's pill use the same picture)."""
    from kiosk.paths import ASSETS
    from ui.counter.common import PRIORITY_ICONS, priority_icon

    files = {group: ASSETS / "icons" / f"{priority_icon(group)}.svg" for group in PRIORITY_ICONS}
    assert all(path.exists() for path in files.values())
    assert len({path.read_text() for path in files.values()}) == len(files)
    assert priority_icon("disabilitas") == "priority"  # the wheelchair: disability only
    drawn = {}
    for group in PRIORITY_ICONS:
        console.set_view(view(replace(called(), priority=group)))
        drawn[group] = console.card.priority.icon.pixmap().toImage()
    assert drawn["ibu_hamil"] != drawn["disabilitas"] != drawn["lansia"] != drawn["ibu_hamil"]
