"""One language switch per application: every window of the app follows it, and a switch
re-words what is on screen through Qt's LanguageChange, catalog texts included."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.ui.helpers import find_button, tap, visible_texts
from ui.counter.desk import CounterDesk
from ui.i18n import languages


def test_the_kiosk_en_tap_shows_english_beside_a_counter_console(qtbot, make_window, config,
                                                                   plaza) -> None:
    # A second device window in the same app, made first: it set the app to Indonesian.
    desk = CounterDesk(config, plaza, None)
    qtbot.addWidget(desk.window())
    desk.show(kiosk_mode=False)
    try:
        window = make_window()
        assert languages().current == "id"
        assert "Selamat datang" in visible_texts(window.current)
        assert "Masuk loket" in visible_texts(desk.sign_in)

        tap(qtbot, find_button(window.header, "EN"))
        home = visible_texts(window.current)
        assert "Welcome" in home and "Take a queue number" in home
        assert "Selamat datang" not in home and "Ambil Nomor Antrian" not in home
        assert window.header.en_button.isChecked() and not window.header.id_button.isChecked()
        # One language per app: the console beside it follows (each device runs alone for real).
        assert "Sign in at a counter" in visible_texts(desk.sign_in)

        window.reset()  # idle: back to Indonesian, for every window of the app
        assert "Selamat datang" in visible_texts(window.current)
        assert "Masuk loket" in visible_texts(desk.sign_in)
    finally:
        desk.dispose()


def test_a_switch_rewords_the_screen_on_show_through_language_change(qtbot, window) -> None:
    window.go("service", code="ktp-el")
    assert "Layanan ktp-el" in visible_texts(window.current)
    assert window.footer.back_button.text() == "Kembali"

    languages().switch("en")  # not through the window: only LanguageChange tells it
    QApplication.processEvents()  # the page's new widgets are shown from the event loop
    assert "Service ktp-el" in visible_texts(window.current)  # catalog text follows too
    assert "Layanan ktp-el" not in visible_texts(window.current)
    assert window.footer.back_button.text() == "Back"
    assert window.header.en_button.isChecked()
    assert window.windowTitle() == "Plaza Kiosk"

    languages().switch("id")
    QApplication.processEvents()
    assert "Layanan ktp-el" in visible_texts(window.current)
    assert window.footer.back_button.text() == "Kembali"


def test_tapping_the_language_on_show_keeps_its_button_checked(qtbot, window) -> None:
    tap(qtbot, find_button(window.header, "ID"))
    assert languages().current == "id" and window.header.id_button.isChecked()
