"""The server commits, then its answer is lost on the way back: the retry gets the original
answer ("duplicate", same ticket, same number) and the server holds one row."""

from __future__ import annotations

from sqlalchemy import func, select

from cityapi.models import AppliedOp, Ticket
from kiosk import outbox
from kiosk.local_plaza import LocalPlaza
from sync.client import CityClient
from sync.engine import push_outbox
from tests.city_server import CityServer
from tests.reliability.lossy_proxy import LossyProxy


def test_a_lost_answer_is_retried_and_applied_once(city: CityServer, plaza: LocalPlaza) -> None:
    ticket = plaza.issue_ticket("ktp-el")
    proxy = LossyProxy(city.port, drop_answers=1)
    try:
        client = CityClient(f"http://127.0.0.1:{proxy.port}", city.enrol()["token"], retries=2,
                            sleep=lambda _: None)
        report = push_outbox(plaza, client)
        client.close()
    finally:
        proxy.close()
    assert proxy.dropped == 1  # the first answer really was lost
    assert report.acknowledged == 1 and not report.offline
    assert outbox.counts(plaza.store) == (0, 0)
    with city.sessions() as session:
        rows = session.execute(select(Ticket.id, Ticket.number)).all()
        ops = session.scalar(select(func.count()).select_from(AppliedOp))
    assert rows == [(ticket.id, "A-001")] and ops == 1
