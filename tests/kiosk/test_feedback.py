"""The kiosk's survey use case: one transaction with its outbox op, a ticket rated once,
bad answers refused with nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kiosk.feedback import AlreadyRated, Survey, rated, record_survey
from kiosk.ikm import OVERALL, Profile, feedback_id
from kiosk.local_plaza import LocalPlaza
from kiosk.store.models import FeedbackRow, OutboxRow
from sync.protocol import PAYLOADS


def stored(plaza: LocalPlaza) -> tuple[int, int]:
    with plaza.store.read() as session:
        return (session.scalar(select(func.count()).select_from(FeedbackRow)),
                session.scalar(select(func.count()).select_from(OutboxRow)
                               .where(OutboxRow.kind == "feedback.give")))


def test_a_tickets_rating_is_kept_once_with_its_op(plaza: LocalPlaza) -> None:
    ticket = plaza.issue_ticket("ktp-el")
    assert not rated(plaza, ticket.id)
    rating = record_survey(plaza, Survey({OVERALL: 4, "waktu": 3}, ticket_id=ticket.id,
                                         service_code="ktp-el", comment=" Cepat\nsekali ",
                                         profile=Profile(age_band="60+")))
    assert rating == feedback_id(ticket.id) and rated(plaza, ticket.id)
    with plaza.store.read() as session:
        op = session.scalars(select(OutboxRow).where(OutboxRow.kind == "feedback.give")).one()
    give = PAYLOADS["feedback.give"].model_validate(op.payload)  # what the server will read
    assert str(give.ticket) == ticket.id and give.answers == {OVERALL: 4, "waktu": 3}
    assert give.comment == "Cepat sekali" and give.profile.age_band == "60+"
    assert give.agency is None and give.device_id == "kiosk-test"
    with pytest.raises(AlreadyRated):
        record_survey(plaza, Survey({OVERALL: 1}, ticket_id=ticket.id, service_code="ktp-el"))
    assert stored(plaza) == (1, 1)


def test_ratings_without_a_ticket_are_each_their_own(plaza: LocalPlaza) -> None:
    first = record_survey(plaza, Survey({OVERALL: 3}, agency="disdukcapil"))
    second = record_survey(plaza, Survey({OVERALL: 3}))
    assert first != second and stored(plaza) == (2, 2)


@pytest.mark.parametrize("survey", [
    Survey({OVERALL: 5}), Survey({"waktu": 0}), Survey({}), Survey({"nama": 3}),
    Survey({OVERALL: 3}, comment="x" * 10_000), Survey({OVERALL: 3}, comment="a\u202eb"),
])
def test_bad_answers_are_refused_and_nothing_is_kept(plaza: LocalPlaza, survey: Survey) -> None:
    with pytest.raises(ValueError, match="survey refused"):
        record_survey(plaza, survey)
    assert stored(plaza) == (0, 0)
