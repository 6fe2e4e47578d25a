"""The kiosk's rating and the ticket's, end to end with a real city API: a visitor rates from
the ticket screen right after taking a number, which rates the office of the service chosen,
counted apart; once served, the same ticket is still rated from its phone page, once."""

from __future__ import annotations

import requests
from sqlalchemy import select

from cityapi.models import Feedback
from kiosk import ikm
from tests.city_server import CityServer
from tests.cityapi.counter_helpers import Console, add_clerk
from tests.ui.helpers import find_button, tap
from tests.ui.test_survey import face
from ui.i18n import translate

DELIVERY_MS = 5000  # a write reaches the server within 5 s (as a ticket does)


def test_a_kiosk_rating_leaves_the_ticket_to_its_phone_page(qtbot, make_window,
                                                           city: CityServer) -> None:
    window = make_window(enrolment=city.enrolment())
    qtbot.waitUntil(lambda: window.model.sync is not None and window.model.sync.online,
                    timeout=DELIVERY_MS)
    window.go("service", code="ktp-el")
    with qtbot.waitSignal(window.model.ticketIssued, timeout=5000) as issued:
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    ticket = issued.args[0]
    tap(qtbot, find_button(window.current, translate("Ticket", "Rate our service")))
    tap(qtbot, face(window, ikm.SCALE_WORDS[2].id))
    tap(qtbot, find_button(window.current, translate("Survey", "Finish")))
    qtbot.waitUntil(lambda: window.model.plaza.pending_outbox() == 0, timeout=DELIVERY_MS)

    with city.sessions() as session:
        [kiosk] = session.scalars(select(Feedback)).all()
        assert (kiosk.ticket_id, kiosk.service_code, kiosk.agency_code, kiosk.channel) == (
            None, None, "disdukcapil", "kiosk")
    status = requests.get(f"{city.url}/t/{ticket.public_code}/status", timeout=5).json()
    assert not status["rated"] and not status["can_rate"]  # not served yet

    desk = Console(city, "1", add_clerk(city))
    assert desk.act("call_next").status == "applied"
    assert desk.act("done", ticket.id).status == "applied"
    desk.close()
    status = requests.get(f"{city.url}/t/{ticket.public_code}/status", timeout=5).json()
    assert status["can_rate"] and not status["rated"]
    rated = requests.post(f"{city.url}/t/{ticket.public_code}/rating", timeout=5,
                          json={"answers": {ikm.OVERALL: 4, "perilaku": 4}})
    assert rated.status_code == 200 and rated.json()["ok"], rated.text
    with city.sessions() as session:
        phone = session.get(Feedback, ikm.feedback_id(ticket.id))
        assert (phone.ticket_id, phone.service_code, phone.channel) == (
            ticket.id, "ktp-el", "phone")
        assert len(session.scalars(select(Feedback)).all()) == 2
