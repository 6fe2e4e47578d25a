"""A visitor's satisfaction survey (IKM, kiosk.ikm) given at the kiosk: kept in the local
store and its outbox in one transaction, so it reaches the city server like every other write,
offline too.

A kiosk rating never rates a ticket: the visitor at the kiosk has not been served yet (or is
not holding a ticket), so it rates the office they name, or the plaza as a whole, and is
counted apart from the tickets' ratings. A ticket's one rating (kiosk.ikm.feedback_id) is
given on its phone page once the ticket is done (cityapi.tracking)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import TypeAdapter, ValidationError

from kiosk.ikm import Answers, Comment, Profile
from kiosk.local_plaza import LocalPlaza
from kiosk.store.models import FeedbackRow, OutboxRow

log = logging.getLogger(__name__)
OP_KIND = "feedback.give"
_ANSWERS = TypeAdapter(Answers)
_COMMENT = TypeAdapter(Comment)


@dataclass(frozen=True)
class Survey:
    """What the visitor answered, about the office (`agency`) they rate, or none: the plaza
    as a whole."""

    answers: Mapping[str, int]
    agency: str | None = None
    comment: str = ""
    profile: Profile = field(default_factory=Profile)


def record_survey(plaza: LocalPlaza, survey: Survey) -> str:
    """Keep the survey and queue it for the city server; returns its id, its own (a rating
    without a ticket is never the same as another). Raises ValueError for answers the rules
    refuse (kiosk.ikm)."""
    try:
        answers = _ANSWERS.validate_python(dict(survey.answers))
        comment = _COMMENT.validate_python(survey.comment)
    except ValidationError as error:
        raise ValueError(f"survey refused: {error.errors()[0]['msg']}") from None
    rating_id = str(uuid.uuid4())
    now = plaza.clock()
    with plaza.store.transaction() as session:
        session.add(FeedbackRow(id=rating_id, service_code=None, answers=dict(answers),
                                created_at=now))
        session.add(OutboxRow(op_id=str(uuid.uuid4()), kind=OP_KIND, created_at=now, attempts=0,
                              payload={
                                  "id": rating_id, "ticket": None, "agency": survey.agency,
                                  "answers": dict(answers), "comment": comment,
                                  "profile": survey.profile.model_dump(exclude_none=True),
                                  "given_at": now.isoformat(), "device_id": plaza.device_id}))
    log.info("rating %s kept (%d answers, %s)", rating_id, len(answers),
             f"office {survey.agency}" if survey.agency else "the plaza as a whole")
    return rating_id
