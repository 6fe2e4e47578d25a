"""Counter consoles and kiosks without screens, talking to a real city API over HTTP."""

from __future__ import annotations

import uuid
from datetime import datetime

from cityapi.counters import add_staff
from kiosk.service_day import service_day
from sync.client import CityClient
from sync.protocol import CounterAct, OpResult, TicketActed, TicketTake
from tests.city_server import CityServer

PIN = "2468"


def add_clerk(city: CityServer, name: str = "Siti Aminah", pin: str = PIN) -> str:
    with city.sessions.begin() as session:
        return add_staff(session, "test-plaza", name, pin, city.clock())


def take(city: CityServer, client: CityClient, service: str, priority: str | None = None,
         issued_at: datetime | None = None) -> OpResult:
    """A ticket from an online kiosk, numbered by the server, issued now by the city's clock."""
    moment = issued_at or city.clock()
    ticket = TicketTake(id=uuid.uuid4(), public_code=uuid.uuid4().hex[:10].upper(), service=service,
                        service_day=service_day(moment, "Asia/Makassar"), priority=priority,
                        issued_at=moment, device_id="kiosk-test")
    answer = client.take_number(ticket, within=10)
    assert answer.status == "applied", answer
    return answer


class Console:
    """A counter console: its own enrolment, a staff member signed in at `counter`."""

    def __init__(self, city: CityServer, counter: str, staff: str, pin: str = PIN,
                 name: str | None = None) -> None:
        enrolment = city.enrolment("counter", name or f"console-{counter}")
        self.client = CityClient(city.url, enrolment.token)
        answer = self.client.sign_in(staff, pin, counter)
        assert answer.ok, answer
        self.session = answer.session
        self.counter = counter

    def act(self, action: str, ticket: str | None = None, service: str | None = None,
            act_id: uuid.UUID | None = None) -> OpResult:
        request = CounterAct(id=act_id or uuid.uuid4(), action=action,
                             ticket=uuid.UUID(ticket) if ticket else None, service=service)
        return self.client.act(self.session, request, within=10)

    def close(self) -> None:
        self.client.close()


def number_of(answer: OpResult) -> str:
    # A counter action answers with the whole ticket; a kiosk's take with its id and number.
    result = answer.result
    return result.ticket.number if isinstance(result, TicketActed) else result.number


def id_of(answer: OpResult) -> str:
    result = answer.result
    return result.ticket.id if isinstance(result, TicketActed) else str(result.ticket)
