"""The shell of a public kiosk: locked down, resets itself, large text and contrast one tap away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from kiosk.pin import PinGuard
from tests.kiosk_window import STAFF_PIN
from tests.ui.helpers import button_named, find_button, tap, visible_texts
from ui.i18n import translate


def test_escape_and_alt_f4_do_nothing(qtbot, window) -> None:
    window.go("service", code="ktp-el")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.close() is False  # the window manager's close is refused too
    assert window.isVisible()
    assert window.current.name == "service"


def test_right_click_opens_nothing(qtbot, window) -> None:
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))
    QApplication.sendEvent(window.current, event)
    assert window.contextMenuPolicy() == Qt.ContextMenuPolicy.PreventContextMenu
    assert QApplication.activePopupWidget() is None


def test_kiosk_mode_is_frameless_without_cursor(window) -> None:
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor


def test_idle_goes_home_and_clears_everything(qtbot, window) -> None:
    tap(qtbot, find_button(window.header, "EN"))
    tap(qtbot, window.footer.large_button)
    window.go("search")
    tap(qtbot, find_button(window.current, "K"))
    window.idle.set_timeouts(300, 60_000)
    qtbot.waitUntil(lambda: window.current.name == "home", timeout=3000)
    assert window.model.language == "id"
    assert not window.theme.large_text
    window.go("search")
    assert window.current.field.text() == ""  # the last visitor's search is gone


def test_touches_keep_the_session_alive(qtbot, window) -> None:
    window.go("services")
    window.idle.set_timeouts(600, 60_000)
    for _ in range(6):
        qtbot.wait(200)
        qtbot.mouseClick(window.current, Qt.MouseButton.LeftButton)
    assert window.current.name == "services"


def test_long_idle_shows_the_attract_loop(qtbot, window) -> None:
    window.idle.set_timeouts(60_000, 300)
    qtbot.waitUntil(lambda: window.current.name == "attract", timeout=3000)
    assert not window.header.isVisible()
    qtbot.mouseClick(window.current, Qt.MouseButton.LeftButton)
    assert window.current.name == "home"


def test_large_text_and_high_contrast_are_one_tap_from_home(qtbot, window) -> None:
    size_before = window.screens["home"].title.font().pixelSize()
    tap(qtbot, window.footer.large_button)
    assert window.theme.large_text
    assert window.screens["home"].title.font().pixelSize() > size_before
    tap(qtbot, window.footer.contrast_button)
    assert window.theme.high_contrast
    assert "#000000" in window.styleSheet()


def test_ticket_screen_goes_home_by_itself(qtbot, make_window) -> None:
    window = make_window(kiosk={"ticket_seconds": 5})
    ticket = window.model.plaza.issue_ticket("ktp-el")
    window.go("ticket", ticket=ticket)
    window.screens["ticket"].seconds_left = 1
    qtbot.waitUntil(lambda: window.current.name == "home", timeout=3000)


def _quietly(check) -> bool:
    try:
        check()
    except (AssertionError, LookupError):
        return False
    return True


def _open_staff(qtbot, window) -> None:
    for _ in range(5):  # the hidden gesture: five taps on the logo
        qtbot.mouseClick(window.header.logo, Qt.MouseButton.LeftButton)
    assert window.current.name == "staff"


def _enter_pin(qtbot, window, pin: str) -> None:
    for digit in pin:
        tap(qtbot, find_button(window.current, digit))
    tap(qtbot, find_button(window.current, translate("Staff", "OK")))
    qtbot.waitUntil(lambda: not window.current.checking, timeout=10_000)  # checked off the UI
    QApplication.processEvents()  # the re-rendered pad's buttons are shown on the next pass


def test_staff_panel_opens_with_the_pin(qtbot, window) -> None:
    _open_staff(qtbot, window)
    _enter_pin(qtbot, window, STAFF_PIN)
    assert window.current.unlocked
    window.home()
    _open_staff(qtbot, window)
    assert not window.current.unlocked  # leaving the panel locks it again


def test_the_screen_keeps_painting_while_a_pin_is_checked(qtbot, make_window) -> None:
    """scrypt is slow on purpose; with a costly hash (over half a second here) the UI thread
    still turns its event loop every few milliseconds: the check runs elsewhere."""
    import base64
    import hashlib
    import time

    from PySide6.QtCore import QTimer

    salt, n, r, p = b"plaza-kiosk-salt", 2**16, 8, 4
    digest = hashlib.scrypt(STAFF_PIN.encode(), salt=salt, n=n, r=r, p=p, dklen=32,
                            maxmem=2**28)
    costly = (f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}"
              f"${base64.b64encode(digest).decode()}")
    window = make_window(staff={"pin_hash": costly, "max_attempts": 5, "lockout_seconds": 300})
    _open_staff(qtbot, window)
    for digit in STAFF_PIN:
        tap(qtbot, find_button(window.current, digit))
    ticks: list[float] = []
    beat = QTimer(interval=10)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()
    started = time.perf_counter()
    tap(qtbot, find_button(window.current, translate("Staff", "OK")))
    assert window.current.checking and not window.current.unlocked  # not decided on the UI
    qtbot.waitUntil(lambda: window.current.unlocked, timeout=20_000)
    took = time.perf_counter() - started
    beat.stop()
    assert took > 0.5, f"the check took {took:.2f} s: too quick to prove anything"
    gaps = [b - a for a, b in zip([started, *ticks], ticks, strict=False)]
    assert len(ticks) >= 10 and max(gaps) < 0.25, f"the UI stalled {max(gaps):.2f} s"


def test_five_wrong_pins_lock_the_panel(qtbot, window) -> None:
    now = [0.0]
    window.model.pin_guard = PinGuard(window.model.config.staff.pin_hash, 5, 300, clock=lambda: now[0])
    _open_staff(qtbot, window)
    for _ in range(5):
        _enter_pin(qtbot, window, "1111")
    assert not find_button(window.current, "1").isEnabled()
    assert translate("Staff", "Too many wrong PINs. Minutes until you can try again: %1").replace(
        "%1", "5") in visible_texts(window.current)
    now[0] += 301  # the lock-out ends; the pad opens again by itself
    def pad_open() -> None:
        assert find_button(window.current, "1").isEnabled()  # LookupError while re-rendering

    qtbot.waitUntil(lambda: _quietly(pad_open), timeout=3000)
    _enter_pin(qtbot, window, STAFF_PIN)
    assert window.current.unlocked


def test_staff_close_a_service_for_today(qtbot, window) -> None:
    _open_staff(qtbot, window)
    _enter_pin(qtbot, window, STAFF_PIN)
    closed = button_named(window.current, "override-ktp-el-closed")
    assert closed is not None
    tap(qtbot, closed)
    # Not the first statesChanged: a refresh already on its way (the model's timer) may bring
    # the states from before the tap.
    qtbot.waitUntil(lambda: window.model.states["ktp-el"].override is not None, timeout=5000)
    window.go("service", code="ktp-el")
    assert translate("Wording", "This service is closed today.") in " ".join(
        visible_texts(window.current))


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_home_and_ticket_fit_without_scrolling(qtbot, make_window, size) -> None:
    window = make_window(size)
    assert window.size().toTuple() == size  # no page pushes the window bigger
    home = window.screens["home"]
    assert not home.scroll.more_below()
    window.go("ticket", ticket=window.model.plaza.issue_ticket("ktp-el"))
    qtbot.wait(50)
    assert not window.current.scroll.more_below()


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_a_device_tagged_number_stays_whole_on_the_ticket(qtbot, make_window, size) -> None:
    window = make_window(size)
    tap(qtbot, window.footer.large_button)  # the largest the number gets
    ticket = window.model.plaza.enrolled("K7").issue_ticket("ktp-el")  # no lease: its tag
    assert ticket.number == "A-K7-001"
    window.go("ticket", ticket=ticket)
    qtbot.wait(50)
    page = window.current
    assert page.scroll.widget().width() <= page.scroll.viewport().width()  # no sideways spill
    number = page.number
    number.grab()  # paints it
    card = number.parentWidget()
    assert number.geometry().right() <= card.contentsRect().right()


def test_idle_on_the_home_screen_still_clears_the_modes(qtbot, window) -> None:
    tap(qtbot, find_button(window.header, "EN"))
    tap(qtbot, window.footer.large_button)
    tap(qtbot, window.footer.contrast_button)
    window.idle.set_timeouts(300, 60_000)
    qtbot.waitUntil(lambda: not window.theme.large_text, timeout=3000)
    assert not window.theme.high_contrast and window.model.language == "id"


def test_a_late_ticket_is_never_shown_to_the_next_visitor(qtbot, window) -> None:
    import threading

    window.go("service", code="ktp-el")
    # The desk is busy (a slow disk, a slow server): the number is written only after the
    # visitor left. The gate holds the desk's thread until the test opens it.
    gate = threading.Event()
    window.model.desk_thread.submit(lambda: gate.wait(10), lambda _: None)
    tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    assert window.model.issuing
    window.reset()  # idle: the visitor walked away
    assert window.model.plaza.last_ticket() is None  # the premise: nothing written yet
    gate.set()
    qtbot.waitUntil(lambda: not window.model.issuing, timeout=5000)
    assert window.current.name == "home"  # not the ticket of someone who left
    last = window.model.plaza.last_ticket()
    assert last is not None and last.number == "A-001"  # kept in the store and the outbox


def test_staff_see_what_the_city_server_refused(qtbot, window, clock) -> None:
    from kiosk import outbox

    window.model.plaza.issue_ticket("ktp-el")
    (op,) = outbox.pending(window.model.plaza.store, 10, clock())
    outbox.reject(window.model.plaza.store, op.op_id,
                  "number A-001 is already taken on 2026-11-24", clock())
    _open_staff(qtbot, window)
    _enter_pin(qtbot, window, STAFF_PIN)
    line = translate("Staff", "Refused by the city server and set aside (never sent again): %1"
                     ).replace("%1", "1")
    qtbot.waitUntil(lambda: line in visible_texts(window.current), timeout=5000)
    assert "number A-001 is already taken on 2026-11-24" in visible_texts(window.current)


def _tap_logo(window, *kinds) -> None:
    """Mouse events on the header's logo, as a touch screen's driver sends them."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    logo = window.header.logo
    where = QPointF(logo.rect().center())
    for kind in kinds:
        event = QMouseEvent(kind, where, logo.mapToGlobal(where), Qt.MouseButton.LeftButton,
                            Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease
                            else Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(logo, event)


@pytest.mark.parametrize("second_press", ["replaced", "kept"])
def test_five_quick_taps_on_the_logo_open_the_staff_panel(window, second_press: str) -> None:
    from PySide6.QtCore import QEvent

    press, release = QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease
    double = QEvent.Type.MouseButtonDblClick
    # Every second quick tap is a double-click: instead of its press, or after it.
    second = (double,) if second_press == "replaced" else (press, double)
    for tap_number in range(1, 6):
        assert window.current.name == "home", f"opened after {tap_number - 1} taps"
        _tap_logo(window, *(second if tap_number % 2 == 0 else (press,)), release)
    assert window.current.name == "staff"


def test_the_header_keeps_its_size_through_modes_and_idle(qtbot, window) -> None:
    from ui.theme import LANGUAGE_BUTTON, SMALLEST

    header = window.header

    def places():
        return [(w.geometry().getRect()) for w in (header.clock, header.id_button, header.en_button)]

    before = places()
    assert header.id_button.size().toTuple() == tuple(map(window.theme.px, LANGUAGE_BUTTON))
    for button in (header.id_button, header.en_button):
        assert button.font().pixelSize() >= SMALLEST
    tap(qtbot, window.footer.large_button)
    assert places() == before
    tap(qtbot, window.footer.contrast_button)
    assert places() == before
    window.reset()  # idle
    QApplication.processEvents()
    assert places() == before


def test_a_finished_visit_starts_the_next_one_afresh(qtbot, window) -> None:
    tap(qtbot, find_button(window.header, "EN"))
    tap(qtbot, window.footer.large_button)
    window.go("ticket", ticket=window.model.plaza.issue_ticket("ktp-el"))
    tap(qtbot, window.current.done_button)
    assert window.current.name == "home"
    assert window.model.language == "id" and not window.theme.large_text


def test_the_ticket_countdown_ends_the_visit_too(qtbot, window) -> None:
    tap(qtbot, find_button(window.header, "EN"))
    window.go("ticket", ticket=window.model.plaza.issue_ticket("ktp-el"))
    window.screens["ticket"].seconds_left = 1
    qtbot.waitUntil(lambda: window.current.name == "home", timeout=3000)
    assert window.model.language == "id"


def test_no_cursor_over_any_widget_in_kiosk_mode(make_window) -> None:
    window = make_window()
    window.go("search")  # a text field: Qt would show its I-beam
    assert QApplication.overrideCursor() is not None
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    window.dispose()
    assert QApplication.overrideCursor() is None  # a closed kiosk gives the cursor back


def _pixels_near(widget, colour: str, distance: int = 40) -> int:
    """How many of the widget's painted pixels are within `distance` of `colour`."""
    from PySide6.QtGui import QColor

    image = widget.grab().toImage()
    target = QColor(colour)
    near = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() < 128:
                continue  # nothing painted there
            if (abs(pixel.red() - target.red()) + abs(pixel.green() - target.green())
                    + abs(pixel.blue() - target.blue())) <= distance:
                near += 1
    return near


def test_high_contrast_outlines_the_search_field(qtbot, window) -> None:
    tap(qtbot, window.footer.contrast_button)
    window.go("search")
    QApplication.processEvents()
    field = window.current.field
    edge = field.grab().toImage().pixelColor(field.width() // 2, 1)
    assert edge.lightness() > 200, "a white outline on black, like every control"


def test_high_contrast_shows_an_inert_back_as_inert(qtbot, window) -> None:
    tap(qtbot, window.footer.contrast_button)
    footer = window.footer
    assert not footer.back_button.isEnabled()  # nowhere to go back to from home
    white = window.theme.colors.text
    assert _pixels_near(footer.home_button, white) > 0
    assert _pixels_near(footer.back_button, white) == 0  # grey words, icon and dashed outline


def test_a_checked_mode_shows_its_icon_in_the_checked_colours(qtbot, window) -> None:
    tap(qtbot, window.footer.large_button)
    assert window.footer.large_button.isChecked()
    dark = window.theme.colors.text  # the unchecked icon's colour, dark on dark blue if kept
    assert _pixels_near(window.footer.large_button, dark, distance=30) == 0
    assert _pixels_near(window.footer.large_button, window.theme.colors.on_selected) > 0
