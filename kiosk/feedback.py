"""A visitor's satisfaction survey (IKM, kiosk.ikm) given at the kiosk: kept in the local
store and its outbox in one transaction, so it reaches the city server like every other write,
offline too. A ticket is rated at most once (its rating has one id, kiosk.ikm.feedback_id);
a rating without a ticket is its own."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from kiosk.ikm import Answers, Comment, Profile, feedback_id
from kiosk.local_plaza import LocalPlaza
from kiosk.store.models import FeedbackRow, OutboxRow

log = logging.getLogger(__name__)
OP_KIND = "feedback.give"
_ANSWERS = TypeAdapter(Answers)
_COMMENT = TypeAdapter(Comment)


class AlreadyRated(Exception):
    """This ticket was rated already (on this kiosk)."""


@dataclass(frozen=True)
class Survey:
    """What the visitor answered. `ticket_id` and `service_code` when rating a ticket; else
    optionally the office (`agency`) they name, or none: the plaza as a whole."""

    answers: Mapping[str, int]
    ticket_id: str | None = None
    service_code: str | None = None
    agency: str | None = None
    comment: str = ""
    profile: Profile = field(default_factory=Profile)


def record_survey(plaza: LocalPlaza, survey: Survey) -> str:
    """Keep the survey and queue it for the city server; returns its id. Raises ValueError for
    answers the rules refuse (kiosk.ikm) and AlreadyRated for a ticket rated before."""
    try:
        answers = _ANSWERS.validate_python(dict(survey.answers))
        comment = _COMMENT.validate_python(survey.comment)
    except ValidationError as error:
        raise ValueError(f"survey refused: {error.errors()[0]['msg']}") from None
    rating_id = feedback_id(survey.ticket_id) if survey.ticket_id else str(uuid.uuid4())
    now = plaza.clock()
    with plaza.store.transaction() as session:
        if session.get(FeedbackRow, rating_id) is not None:
            raise AlreadyRated(survey.ticket_id)
        session.add(FeedbackRow(id=rating_id, service_code=survey.service_code,
                                answers=dict(answers), created_at=now))
        session.add(OutboxRow(op_id=str(uuid.uuid4()), kind=OP_KIND, created_at=now, attempts=0,
                              payload={
                                  "id": rating_id, "ticket": survey.ticket_id,
                                  "agency": None if survey.ticket_id else survey.agency,
                                  "answers": dict(answers), "comment": comment,
                                  "profile": survey.profile.model_dump(exclude_none=True),
                                  "given_at": now.isoformat(), "device_id": plaza.device_id}))
    log.info("rating %s kept (%d answers, %s)", rating_id, len(answers),
             f"ticket {survey.ticket_id}" if survey.ticket_id else "no ticket")
    return rating_id


def rated(plaza: LocalPlaza, ticket_id: str) -> bool:
    """Whether this kiosk already holds a rating of the ticket."""
    with plaza.store.read() as session:
        return session.get(FeedbackRow, feedback_id(ticket_id)) is not None
