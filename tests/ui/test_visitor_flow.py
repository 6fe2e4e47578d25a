"""A visitor goes from home to a queue number, in both languages and both orientations."""

from __future__ import annotations

import pytest

from tests.ui.helpers import cards, find_button, tap, visible_texts
from ui.i18n import translate
from ui.widgets.painted_row import PaintedRow
from ui.widgets.service_row import waiting_text

SIZES = [(1080, 1920), (1920, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_home_to_ticket(qtbot, make_window, lang: str, size) -> None:
    window = make_window(size)
    tap(qtbot, find_button(window.header, lang.upper()))
    assert window.model.language == lang

    tap(qtbot, find_button(window, translate("Home", "Take a queue number")))
    assert window.current.name == "services"
    agency_tiles = cards(window.current)
    tap(qtbot, agency_tiles[0])  # the first office
    assert window.current.params == {"agency": "disdukcapil"}

    rows = [c for c in cards(window.current) if isinstance(c, PaintedRow)]
    tap(qtbot, next(r for r in rows if r.key == "ktp-el"))
    assert window.current.name == "service"
    assert "Layanan ktp-el" in visible_texts(window.current) or "Service ktp-el" in visible_texts(
        window.current)

    with qtbot.waitSignal(window.model.ticketIssued, timeout=5000):
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    assert window.current.name == "ticket"
    texts = visible_texts(window.current)
    assert "A-001" in texts
    assert translate("Ticket", "Your queue number") in texts
    qr = window.current.qr
    assert qr.data.startswith("https://antrian.banjarmasinkota.go.id/t/")
    assert len(qr.data.rsplit("/", 1)[1]) == 10


def test_indonesian_is_the_default_and_really_indonesian(window) -> None:
    assert window.model.language == "id"
    texts = visible_texts(window)
    assert "Take a queue number" not in texts  # translated, not the English source
    assert any("Antrian" in t or "antrian" in t for t in texts)


def test_switching_language_changes_catalog_text(qtbot, window) -> None:
    window.go("service", code="ktp-el")
    assert "Layanan ktp-el" in visible_texts(window.current)
    tap(qtbot, find_button(window.header, "EN"))
    assert "Service ktp-el" in visible_texts(window.current)


def test_priority_choice_goes_on_the_ticket(qtbot, window) -> None:
    window.go("service", code="ktp-el")
    tap(qtbot, find_button(window.current, translate("Wording", "Pregnant")))
    with qtbot.waitSignal(window.model.ticketIssued, timeout=5000) as issued:
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    assert issued.args[0].priority == "ibu_hamil"


def test_a_closed_service_says_why_in_words(qtbot, window, clock) -> None:
    from datetime import timedelta

    clock.moment -= timedelta(hours=3)  # 07:00 in Banjarmasin
    window.model.refresh_states()
    window.model.store.wait_idle()
    window.go("service", code="ktp-el")
    texts = " ".join(visible_texts(window.current))
    assert translate("Wording", "This service opens at %1.").replace("%1", "08:00") in texts
    with pytest.raises(LookupError):
        find_button(window.current, translate("Service", "Take a number"))


def test_search_with_the_on_screen_keyboard(qtbot, window) -> None:
    window.go("search")
    for key in "KK":
        tap(qtbot, find_button(window.current, key))
    rows = [c for c in cards(window.current) if isinstance(c, PaintedRow)]
    assert [r.key for r in rows] == ["kk", "ktp-el"]  # by name, then by requirement
    tap(qtbot, find_button(window.current, translate("Keyboard", "Clear")))
    assert window.current.field.text() == ""


def test_queue_screen_counts_waiting(qtbot, window) -> None:
    for _ in range(2):
        window.model.plaza.issue_ticket("kk")
    window.model.refresh_states()
    window.model.store.wait_idle()
    window.go("queue")
    assert waiting_text(2) in " ".join(visible_texts(window.current))


def test_back_and_home(qtbot, window) -> None:
    window.go("services")
    window.go("services", agency="disdukcapil")
    window.go("service", code="kk")
    tap(qtbot, window.footer.back_button)
    assert window.current.params == {"agency": "disdukcapil"}
    tap(qtbot, window.footer.home_button)
    assert window.current.name == "home"
    assert not window.footer.back_button.isEnabled()


def test_a_store_failure_gets_a_plain_apology_and_a_staff_note(qtbot, window) -> None:
    from sqlalchemy import text

    window.go("service", code="ktp-el")
    with window.model.plaza.store.engine.begin() as connection:  # a real failure: the table is gone
        connection.execute(text("DROP TABLE ticket_event"))
    with qtbot.waitSignal(window.model.issueFailed, timeout=5000):
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    apology = translate("Service", "Sorry, a number could not be given just now. Please try "
                        "again, or ask the information desk.")
    qtbot.waitUntil(lambda: apology in " ".join(visible_texts(window.current)), timeout=3000)
    texts = " ".join(visible_texts(window.current))
    assert "Traceback" not in texts and "OperationalError" not in texts
    assert window.current.name == "service"
    assert any("ticket_event" in line for line in window.model.notes.errors)  # for staff


def test_a_refusal_says_why_at_once(qtbot, window) -> None:
    from kiosk.availability import StaffOverride

    window.go("service", code="ktp-el")
    window.model.plaza.set_override("ktp-el", StaffOverride.CLOSED)  # another device closed it
    with qtbot.waitSignal(window.model.issueRefused, timeout=5000):
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    qtbot.waitUntil(lambda: translate("Wording", "This service is closed today.") in " ".join(
        visible_texts(window.current)), timeout=3000)
