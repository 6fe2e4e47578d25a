"""A visitor rates the service at the kiosk, never a ticket: from home (naming the office), or
from the ticket screen (the office of the service chosen); the quick rating, the nine
questions, a comment typed on the on-screen keyboard, the profile; kept once, into the
outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.ikm import ELEMENTS, OVERALL, SCALE_WORDS, feedback_id
from kiosk.store.models import FeedbackRow, OutboxRow
from tests.ui.helpers import find_button, tap, visible_texts
from ui.i18n import translate
from ui.screens.survey import FaceButton

SIZES = [(1080, 1920), (1920, 1080)]


def surveys(window) -> list[tuple[FeedbackRow, dict]]:
    window.model.store.wait_idle()
    with window.model.plaza.store.read() as session:
        rows = session.scalars(select(FeedbackRow).order_by(FeedbackRow.created_at)).all()
        ops = {op.payload["id"]: op.payload for op in session.scalars(
            select(OutboxRow).where(OutboxRow.kind == "feedback.give"))}
    return [(row, ops[row.id]) for row in rows]


def face(window, words: str) -> FaceButton:
    found = [f for f in window.current.findChildren(FaceButton)
             if f.isVisibleTo(window.current) and f.text() == words]
    assert len(found) == 1, [f.text() for f in window.current.findChildren(FaceButton)]
    return found[0]


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
def test_the_full_survey_from_home(qtbot, make_window, size) -> None:
    window = make_window(size)
    tap(qtbot, find_button(window, translate("Home", "Rate our service")))
    assert window.current.name == "survey"
    tap(qtbot, find_button(window.current, "Disdukcapil"))  # the office, by its short name
    assert ELEMENTS[0].question.id not in visible_texts(window.current)
    tap(qtbot, face(window, SCALE_WORDS[3].id))  # "Sangat baik", in Indonesian by default
    tap(qtbot, find_button(window.current, translate("Survey", "Yes, 9 questions")))
    for index, element in enumerate(ELEMENTS):
        texts = visible_texts(window.current)
        assert element.question.id in texts
        assert translate("Survey", "Question %1 of %2").replace("%1", str(index + 1)).replace(
            "%2", "9") in texts
        if element.code == "biaya":
            tap(qtbot, find_button(window.current, translate("Survey", "Skip this question")))
        else:
            tap(qtbot, face(window, element.words[2].id))  # the element's own word for 3
    keyboard = window.current.keyboard
    for key in "ramah":
        tap(qtbot, find_button(keyboard, key.upper()))
    assert window.current.field.text() == "ramah"
    tap(qtbot, find_button(window.current, translate("Survey", "Continue")))
    tap(qtbot, find_button(window.current, "60 ke atas"))
    tap(qtbot, find_button(window.current, "Wirausaha"))
    tap(qtbot, find_button(window.current, translate("Survey", "Send")))
    assert translate("Survey", "Thank you for your rating") in visible_texts(window.current)
    [(row, payload)] = surveys(window)
    assert row.answers == {OVERALL: 4} | {e.code: 3 for e in ELEMENTS if e.code != "biaya"}
    assert payload["ticket"] is None and payload["agency"] == "disdukcapil"
    assert payload["comment"] == "ramah"
    assert payload["profile"] == {"age_band": "60+", "occupation": "wirausaha"}
    tap(qtbot, find_button(window.current, translate("Survey", "Done")))
    assert window.current.name == "home"
    assert len(surveys(window)) == 1  # leaving after the thanks keeps nothing twice


def test_the_ticket_screen_rates_the_office_never_the_ticket(qtbot, make_window) -> None:
    """Just after taking a number the visitor has not been served: the kiosk rates the office
    of the service chosen, without the ticket, whose one rating stays for its phone page."""
    window = make_window()
    window.go("service", code="ktp-el")
    with qtbot.waitSignal(window.model.ticketIssued, timeout=5000) as issued:
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    ticket = issued.args[0]
    tap(qtbot, find_button(window.current, translate("Ticket", "Rate our service")))
    assert window.current.name == "survey"
    texts = visible_texts(window.current)
    office = window.model.agency("disdukcapil").name.id
    assert translate("Survey", "About: %1").replace("%1", office) in texts  # says what is rated
    assert ticket.number not in " ".join(texts)
    with pytest.raises(LookupError):  # no office to choose: it is known
        find_button(window.current, "Disdukcapil")
    tap(qtbot, face(window, SCALE_WORDS[1].id))
    window.home()  # walks away before finishing: the one answer counts, once
    [(row, payload)] = surveys(window)
    assert row.id != feedback_id(ticket.id) and payload["ticket"] is None
    assert payload["agency"] == "disdukcapil" and row.service_code is None
    assert row.answers == {OVERALL: 2}
    window.go("ticket", ticket=ticket)  # rated again from the same ticket: a rating of its own
    tap(qtbot, find_button(window.current, translate("Ticket", "Rate our service")))
    tap(qtbot, face(window, SCALE_WORDS[3].id))
    tap(qtbot, find_button(window.current, translate("Survey", "Finish")))
    assert translate("Survey", "Thank you for your rating") in visible_texts(window.current)
    ratings = surveys(window)
    assert len(ratings) == 2 and len({row.id for row, _ in ratings}) == 2
    assert [(p["ticket"], p["agency"]) for _, p in ratings] == [(None, "disdukcapil")] * 2
    window.go("survey")  # nothing answered: nothing kept
    window.home()
    assert len(surveys(window)) == 2


def test_an_office_the_catalog_no_longer_has_is_asked_for(qtbot, make_window) -> None:
    window = make_window()
    window.go("survey", agency="no-such-office")
    find_button(window.current, "Disdukcapil")  # the visitor picks the office
    assert translate("Survey", "Which office served you? Your answers are anonymous: we never "
                     "ask your name or number.") in visible_texts(window.current)


def test_english_words_and_the_faces_follow_the_language(qtbot, make_window) -> None:
    window = make_window()
    tap(qtbot, find_button(window.header, "EN"))
    window.go("survey")
    tap(qtbot, find_button(window.current, translate("Survey", "The plaza as a whole")))
    assert "How was the service you received today?" in visible_texts(window.current)
    assert [f.text() for f in window.current.findChildren(FaceButton)] == [
        "Poor", "Fair", "Good", "Very good"]
    tap(qtbot, find_button(window.header, "ID"))
    assert [f.text() for f in window.current.findChildren(FaceButton)] == [
        "Tidak baik", "Kurang baik", "Baik", "Sangat baik"]
