"""The kiosk's survey use case: one transaction with its outbox op; a kiosk rating rates an
office or the plaza, never a ticket; bad answers refused with nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kiosk.feedback import Survey, record_survey
from kiosk.ikm import OVERALL, Profile, feedback_id
from kiosk.local_plaza import LocalPlaza
from kiosk.store.models import FeedbackRow, OutboxRow
from sync.protocol import PAYLOADS


def stored(plaza: LocalPlaza) -> tuple[int, int]:
    with plaza.store.read() as session:
        return (session.scalar(select(func.count()).select_from(FeedbackRow)),
                session.scalar(select(func.count()).select_from(OutboxRow)
                               .where(OutboxRow.kind == "feedback.give")))


def test_an_offices_rating_is_kept_with_its_op_and_no_ticket(plaza: LocalPlaza) -> None:
    ticket = plaza.issue_ticket("ktp-el")  # taken just before: the rating is not the ticket's
    rating = record_survey(plaza, Survey({OVERALL: 4, "waktu": 3}, agency="disdukcapil",
                                         comment=" Cepat\nsekali ",
                                         profile=Profile(age_band="60+")))
    assert rating != feedback_id(ticket.id)
    with plaza.store.read() as session:
        row = session.get(FeedbackRow, rating)
        op = session.scalars(select(OutboxRow).where(OutboxRow.kind == "feedback.give")).one()
        assert session.get(FeedbackRow, feedback_id(ticket.id)) is None
    assert row.service_code is None and row.answers == {OVERALL: 4, "waktu": 3}
    give = PAYLOADS["feedback.give"].model_validate(op.payload)  # what the server will read
    assert str(give.id) == rating and give.ticket is None and give.agency == "disdukcapil"
    assert give.answers == {OVERALL: 4, "waktu": 3}
    assert give.comment == "Cepat sekali" and give.profile.age_band == "60+"
    assert give.device_id == "kiosk-test" and give.given_at == plaza.clock()


def test_ratings_without_a_ticket_are_each_their_own(plaza: LocalPlaza) -> None:
    first = record_survey(plaza, Survey({OVERALL: 3}, agency="disdukcapil"))
    second = record_survey(plaza, Survey({OVERALL: 3}, agency="disdukcapil"))
    whole = record_survey(plaza, Survey({OVERALL: 3}))
    assert len({first, second, whole}) == 3 and stored(plaza) == (3, 3)


@pytest.mark.parametrize("survey", [
    Survey({OVERALL: 5}), Survey({"waktu": 0}), Survey({}), Survey({"nama": 3}),
    Survey({OVERALL: 3}, comment="x" * 10_000), Survey({OVERALL: 3}, comment="a\u202eb"),
])
def test_bad_answers_are_refused_and_nothing_is_kept(plaza: LocalPlaza, survey: Survey) -> None:
    with pytest.raises(ValueError, match="survey refused"):
        record_survey(plaza, survey)
    assert stored(plaza) == (0, 0)
