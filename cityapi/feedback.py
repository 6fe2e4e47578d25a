"""Keeping a visitor's satisfaction survey (IKM): from a kiosk's outbox or from the ticket's
phone page. At most one rating per ticket; a rating without a ticket is kept apart."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cityapi.models import Feedback, FeedbackAnswer, Plaza, Ticket
from cityapi.rules import catalog_of
from kiosk.ikm import Profile
from kiosk.service_day import service_day
from kiosk.vocabulary import TicketState

log = logging.getLogger(__name__)
EARLIEST = timedelta(days=60)  # a kiosk offline this long is a kiosk to look at, not data


class FeedbackRefused(Exception):
    """The rating cannot be kept; `problem` says why in one stable word."""

    def __init__(self, reason: str, problem: str) -> None:
        super().__init__(reason)
        self.problem = problem  # unknown_ticket, already_rated, not_done, unknown_agency, ...


@dataclass(frozen=True)
class Survey:
    id: str
    ticket_id: str | None
    agency: str | None
    answers: dict[str, int]
    comment: str
    profile: Profile
    given_at: datetime
    channel: str  # kiosk or phone
    device_id: str | None = None


@dataclass(frozen=True)
class Kept:
    feedback: str
    ticket: str | None
    service: str | None
    again: bool = False  # the same survey sent again: nothing new was stored


def _answers(session: Session, feedback_id: str) -> dict[str, int]:
    return dict(session.execute(select(FeedbackAnswer.question, FeedbackAnswer.value)
                                .where(FeedbackAnswer.feedback_id == feedback_id)).all())


def rated(session: Session, ticket_id: str) -> bool:
    return session.scalar(select(Feedback.id).where(Feedback.ticket_id == ticket_id)) is not None


def keep(session: Session, plaza_code: str, survey: Survey, now: datetime) -> Kept:
    """Store `survey` for the plaza, by element, in the caller's transaction; or refuse it."""
    earlier = session.get(Feedback, survey.id)
    if earlier is not None:
        if (survey.device_id is not None and earlier.device_id == survey.device_id
                and earlier.plaza_code == plaza_code and earlier.ticket_id == survey.ticket_id
                and _answers(session, earlier.id) == survey.answers):
            # The same survey resent under another op id (a kiosk that salvaged its store).
            return Kept(earlier.id, earlier.ticket_id, earlier.service_code, again=True)
        raise FeedbackRefused("this ticket was rated already", "already_rated")
    if not now - EARLIEST <= survey.given_at <= now + timedelta(days=1):
        raise FeedbackRefused(f"given at {survey.given_at.isoformat()}, which is not plausible "
                              f"now ({now.isoformat()})", "bad_time")
    plaza = session.get(Plaza, plaza_code)
    catalog = catalog_of(plaza) if plaza is not None and plaza.catalog else None
    service, agency = None, survey.agency
    if survey.ticket_id is not None:
        ticket = session.get(Ticket, survey.ticket_id)
        if ticket is None or ticket.plaza_code != plaza_code:
            raise FeedbackRefused("no such ticket at this plaza", "unknown_ticket")
        if ticket.state == TicketState.CANCELLED:
            raise FeedbackRefused(f"ticket {ticket.number} was withdrawn", "unknown_ticket")
        if rated(session, ticket.id):
            raise FeedbackRefused(f"ticket {ticket.number} was rated already", "already_rated")
        service = ticket.service_code  # the service the visitor came for
        agency = next((s.agency for s in catalog.services if s.code == service),
                      None) if catalog else None
    elif agency is not None and (catalog is None or agency not in
                                 {a.code for a in catalog.agencies}):
        raise FeedbackRefused(f"no office {agency!r} at this plaza", "unknown_agency")
    profile = survey.profile
    session.add(Feedback(
        id=survey.id, plaza_code=plaza_code, ticket_id=survey.ticket_id, service_code=service,
        agency_code=agency, channel=survey.channel, device_id=survey.device_id,
        given_at=survey.given_at,
        service_day=service_day(survey.given_at, plaza.timezone if plaza else "UTC"),
        comment=survey.comment, age_band=profile.age_band, sex=profile.sex,
        education=profile.education, occupation=profile.occupation))
    session.flush()  # the survey's row first: its answers refer to it
    session.add_all(FeedbackAnswer(feedback_id=survey.id, question=question, value=value)
                    for question, value in survey.answers.items())
    log.info("rating %s kept for %s (%s, %d answers)", survey.id, service or agency or plaza_code,
             survey.channel, len(survey.answers))
    return Kept(survey.id, survey.ticket_id, service)
