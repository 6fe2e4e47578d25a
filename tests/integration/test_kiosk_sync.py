"""An enrolled kiosk and a real city API: tickets reach the server within seconds, the kiosk
says honestly when it is offline, keeps issuing, and catches up when the server returns."""

from __future__ import annotations

from sqlalchemy import func, select

from cityapi.models import Ticket
from kiosk import leases
from tests.city_server import CityServer
from tests.ui.helpers import find_button, tap, visible_texts
from ui.i18n import translate

DELIVERY_MS = 5000  # issue 3: a ticket issued offline reaches the server within 5 s


def tickets_on_server(city: CityServer) -> int:
    with city.sessions() as session:
        return session.scalar(select(func.count()).select_from(Ticket)) or 0


def take_number(qtbot, window) -> str:
    window.go("service", code="ktp-el")
    with qtbot.waitSignal(window.model.ticketIssued, timeout=5000) as issued:
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    window.home()
    return issued.args[0].number


def test_online_offline_and_back(qtbot, make_window, city: CityServer) -> None:
    window = make_window(enrolment=city.enrolment())
    store = window.model.plaza.store
    # The kiosk takes its leases for offline numbers as soon as it reaches the server.
    qtbot.waitUntil(lambda: bool(leases.numbers_left(store, [window.model.plaza.today()])),
                    timeout=DELIVERY_MS)

    assert take_number(qtbot, window) == "A-001"  # numbered by the city server
    assert tickets_on_server(city) == 1  # already there: it made the number
    qtbot.waitUntil(lambda: window.model.sync is not None and window.model.sync.online,
                    timeout=DELIVERY_MS)
    assert not window.offline_bar.isVisible()

    city.stop()  # the network to the city drops
    assert take_number(qtbot, window) == "A-501"  # the visitor still gets a number: leased
    qtbot.waitUntil(lambda: window.offline_bar.isVisible(), timeout=DELIVERY_MS)
    offline = window.offline_bar.text()
    assert translate("Shell", "Offline — data from %1. You can still take a number.").split(
        "%1")[0] in offline
    assert "A-002" not in " ".join(visible_texts(window.offline_bar))

    city.start()  # back
    qtbot.waitUntil(lambda: tickets_on_server(city) == 2, timeout=DELIVERY_MS + 2000)
    qtbot.waitUntil(lambda: not window.offline_bar.isVisible(), timeout=DELIVERY_MS)
    # Everything reaches the server (the withdrawal of the take that got no answer too).
    qtbot.waitUntil(lambda: window.model.plaza.pending_outbox() == 0, timeout=DELIVERY_MS)


def test_a_revoked_kiosk_tells_staff_and_gives_no_number(qtbot, make_window, city) -> None:
    """The server answers no (this kiosk's token was revoked): no number that nobody would
    ever call; the visitor is sent to the information desk and staff see why."""
    from cityapi.devices import revoke
    from kiosk.availability import Reason

    enrolment = city.enrolment()
    with city.sessions.begin() as session:
        revoke(session, enrolment.device_id, city.clock())
    window = make_window(enrolment=enrolment)
    window.go("service", code="ktp-el")
    with qtbot.waitSignal(window.model.issueRefused, timeout=5000) as refused:
        tap(qtbot, find_button(window.current, translate("Service", "Take a number")))
    assert refused.args[0].availability.reason is Reason.NOT_AVAILABLE
    desk_words = translate("Wording", "No number can be given for this service here right now. "
                                      "Please ask at the information desk.")
    qtbot.waitUntil(lambda: desk_words in " ".join(visible_texts(window.current)), timeout=3000)
    qtbot.waitUntil(lambda: any("refused this device's token" in e
                                for e in window.model.notes.errors), timeout=DELIVERY_MS)
    assert window.offline_bar.isVisible()
    assert window.model.plaza.last_ticket() is None  # nothing issued
    assert window.model.plaza.pending_outbox() == 0


def test_now_serving_follows_a_call_within_a_second(qtbot, make_window, city: CityServer) -> None:
    """A counter calls the kiosk's ticket: the kiosk's long-poll brings the call and its screens
    redraw at once (DESIGN §7: a call on screens within 1 s), not at the next timed refresh."""
    import time

    from tests.cityapi.counter_helpers import Console, add_clerk

    window = make_window(enrolment=city.enrolment())
    qtbot.waitUntil(lambda: window.model.sync is not None and window.model.sync.online,
                    timeout=DELIVERY_MS)
    number = take_number(qtbot, window)
    qtbot.wait(300)  # the kiosk is back in its long-poll, as between real calls
    desk = Console(city, "1", add_clerk(city))
    called = time.monotonic()
    assert desk.act("call_next").status == "applied"
    qtbot.waitUntil(lambda: number in window.model.states["ktp-el"].now_serving, timeout=3000)
    took = time.monotonic() - called
    desk.close()
    assert took < 1.0, f"the kiosk showed the call after {took:.2f} s"
