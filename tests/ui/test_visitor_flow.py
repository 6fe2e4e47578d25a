"""A visitor goes from home to a queue number, in both languages and both orientations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

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


def _called_at_counter(plaza, service: str, sequence: int, counter: str, state) -> str:
    """A ticket another kiosk issued and a counter called, as the city server's feed brings
    it (the same path as a real call). Returns its number."""
    import uuid
    from datetime import timedelta

    from kiosk import feed
    from kiosk.numbering import format_number, new_public_code

    now = plaza.clock()
    number = format_number(plaza.service(service).prefix, sequence)
    change = feed.TicketChange(
        id=str(uuid.uuid4()), public_code=new_public_code(), service=service,
        service_day=plaza.today(), sequence=sequence, number=number, state=state,
        issued_at=now - timedelta(minutes=30), device_id="kiosk-2", queue=service,
        counter=counter, called_at=now - timedelta(minutes=5), changed_at=now)
    feed.apply(plaza.store, [change], None, now)
    return number


def _home_after_refresh(window) -> str:
    window.model.refresh_states()
    window.model.store.wait_idle()
    window.go("home")
    QApplication.processEvents()  # new labels are shown from the event loop
    return " ".join(visible_texts(window.current))


def test_home_shows_who_is_served_and_where(qtbot, window) -> None:
    from kiosk.vocabulary import TicketState

    number = _called_at_counter(window.model.plaza, "kk", 50, "2", TicketState.CALLED)
    home = window.screens["home"]
    shown = _home_after_refresh(window)
    assert number in shown
    counter = translate("Wording", "Counter %1").replace("%1", "2")
    assert counter in visible_texts(home)  # the number with the counter to walk to
    assert translate("Home", "No numbers have been called yet today.") not in shown


def test_home_says_the_last_call_when_nobody_is_being_served(qtbot, window) -> None:
    from kiosk.vocabulary import TicketState

    shown = _home_after_refresh(window)
    assert translate("Home", "No numbers have been called yet today.") in shown
    number = _called_at_counter(window.model.plaza, "kk", 51, "3", TicketState.DONE)
    shown = _home_after_refresh(window)
    assert translate("Home", "No numbers have been called yet today.") not in shown
    last = translate("Home", "No number is being served right now. Last called: %1 at %2.") \
        .replace("%1", number).replace("%2", translate("Wording", "Counter %1").replace("%1", "3"))
    assert last in shown


def test_a_closed_service_gives_one_message(qtbot, window) -> None:
    from kiosk.availability import StaffOverride

    window.model.plaza.set_override("ktp-el", StaffOverride.CLOSED)
    window.model.refresh_states()
    window.model.store.wait_idle()
    window.go("service", code="ktp-el")
    texts = visible_texts(window.current)
    assert texts.count(translate("Badge", "Closed")) == 1
    assert not any(t.startswith(translate("Wording", "Today %1–%2").split("%1")[0]) for t in texts)
    assert translate("Wording", "Closed today") not in texts  # not beside "Closed" again
    assert translate("Wording", "This service is closed today.") in " ".join(texts)  # why


def test_the_services_screen_has_a_search_field_on_top(qtbot, window) -> None:
    window.go("services")
    QApplication.processEvents()
    (field,) = [f for f in window.current.findChildren(QPushButton, "search-field") if f.isVisible()]
    others = [w for w in window.current.findChildren(QWidget) if w.isVisible() and w is not field
              and isinstance(w, QLabel | QPushButton | PaintedRow)]
    assert all(field.mapTo(window, field.rect().topLeft()).y() < w.mapTo(window, w.rect().topLeft()).y()
               for w in others)
    tap(qtbot, field)
    assert window.current.name == "search"


def test_the_search_title_is_above_its_field_on_one_edge(qtbot, make_window) -> None:
    for size in SIZES:
        window = make_window(size)
        window.go("search", query="kk")
        QApplication.processEvents()
        page = window.current
        title, field = page.title, page.field
        row = next(r for r in cards(page) if isinstance(r, PaintedRow))

        def left(widget, window=window):
            return widget.mapTo(window, widget.rect().topLeft()).x()

        assert title.mapTo(window, title.rect().topLeft()).y() < field.mapTo(window, QPoint(0, 0)).y()
        assert left(title) + title.contentsMargins().left() == left(field) == left(row)


def test_a_name_never_breaks_at_its_hyphen(qapp) -> None:
    from tests.ui.layout_guard import lay_out_text
    from ui.widgets.common import NON_BREAKING_HYPHEN, label

    name = label("Perekaman KTP-el Baru")
    assert name.text() == "Perekaman KTP-el Baru"  # as given: tests, search and readers see it
    shown = QLabel.text(name)
    assert shown == f"Perekaman KTP{NON_BREAKING_HYPHEN}el Baru"
    narrow = name.fontMetrics().horizontalAdvance("Perekaman KTP-") + 4  # "el" does not fit
    assert lay_out_text("Perekaman KTP-el Baru", name.font(), narrow, wrap=True).breaks  # premise
    assert not lay_out_text(shown, name.font(), narrow, wrap=True).breaks


def test_the_sample_fee_notes_say_more_than_the_fee() -> None:
    """A note under "Rp 30.000" that only says "Rp 30.000" again reads as a mistake."""
    import re

    from kiosk.catalog_format import load_catalog_file
    from kiosk.paths import SAMPLE_CATALOG
    from ui.i18n import rupiah

    for service in load_catalog_file(SAMPLE_CATALOG, ()).catalog.services:
        if not service.fee or not service.fee_note:
            continue
        amounts = set(re.findall(r"Rp ?[\d.,]+\d", service.fee_note.id))
        assert amounts != {rupiah(service.fee)}, f"{service.code}: {service.fee_note.id!r}"
