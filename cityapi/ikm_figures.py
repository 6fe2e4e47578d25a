"""A plaza's satisfaction figures (IKM, kiosk.ikm) over a period: for the plaza, each office
and each service, the mean of each element, the weighted index and its grade, with the number
of respondents and a mark when they are too few; the quick rating's own counts; the profile of
the respondents; their comments (kept as text, escaped wherever shown)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from cityapi.models import Feedback, FeedbackAnswer, Plaza
from cityapi.rules import catalog_of
from kiosk import ikm

COMMENTS_SHOWN = 50  # the latest comments in a report; all are in the database


class ElementRow(BaseModel):
    element: str
    number: int  # U1-U9 in the regulation
    respondents: int
    mean: Decimal  # nilai rata-rata (NRR), 1-4
    weighted: Decimal  # NRR x 1/9 (NRR tertimbang)
    index: Decimal  # NRR x 25
    grade: str


class IkmTable(BaseModel):
    """The IKM of one scope (the plaza, an office, a service) in the published format."""

    scope: str  # plaza, agency, service
    code: str
    name: dict[str, str]  # {"id": ..., "en": ...}
    respondents: int  # surveys with at least one element answered
    with_ticket: int  # all ratings of the scope (quick ones too), by how they came
    without_ticket: int
    elements: list[ElementRow]
    weighted: Decimal | None
    index: Decimal | None
    grade: str | None
    too_few: bool
    complete: bool  # all nine elements have answers
    quick: tuple[int, int, int, int]  # the quick rating's answers 1, 2, 3, 4
    quick_mean: Decimal | None


class CommentRow(BaseModel):
    service_day: date
    scope: dict[str, str]  # the service's or office's name, or the plaza's, in id and en
    text: str


class IkmFigures(BaseModel):
    plaza: IkmTable
    agencies: list[IkmTable]
    services: list[IkmTable]
    channels: dict[str, int]  # kiosk_ticket, kiosk_no_ticket, phone
    profile: dict[str, dict[str, int]]  # field -> band -> respondents
    comments: list[CommentRow]


def _table(scope: str, code: str, name: dict[str, str], rows: list[tuple[Feedback, dict]]
           ) -> IkmTable:
    answer_sets = [answers for _, answers in rows]
    result = ikm.ikm(answer_sets)
    quick = ikm.quick_score(answer_sets)
    with_ticket = sum(1 for feedback, _ in rows if feedback.ticket_id)
    return IkmTable(
        scope=scope, code=code, name=name, respondents=result.respondents,
        with_ticket=with_ticket, without_ticket=len(rows) - with_ticket,
        elements=[ElementRow(element=s.element.code, number=s.element.number,
                             respondents=s.respondents, mean=s.mean, weighted=s.weighted,
                             index=s.index, grade=s.grade.letter) for s in result.elements],
        weighted=result.weighted, index=result.index,
        grade=result.grade.letter if result.grade else None, too_few=result.too_few,
        complete=result.complete, quick=quick.counts, quick_mean=quick.mean)


def _names(items: Iterable, attribute: str = "name") -> dict[str, dict[str, str]]:
    return {item.code: {"id": getattr(item, attribute).id, "en": getattr(item, attribute).en}
            for item in items}


def ikm_figures(session: Session, plaza_code: str, start: date, end: date) -> IkmFigures:
    """The plaza's IKM figures for the service days `start` to `end`, both included."""
    plaza = session.get(Plaza, plaza_code)
    catalog = catalog_of(plaza) if plaza is not None and plaza.catalog else None
    services = _names(catalog.services) if catalog else {}
    agencies = _names(catalog.agencies) if catalog else {}
    surveys = session.scalars(select(Feedback).where(
        Feedback.plaza_code == plaza_code, Feedback.service_day >= start,
        Feedback.service_day <= end).order_by(Feedback.given_at)).all()
    answers: dict[str, dict[str, int]] = defaultdict(dict)
    for feedback_id, question, value in session.execute(
            select(FeedbackAnswer.feedback_id, FeedbackAnswer.question, FeedbackAnswer.value)
            .join(Feedback, Feedback.id == FeedbackAnswer.feedback_id)
            .where(Feedback.plaza_code == plaza_code, Feedback.service_day >= start,
                   Feedback.service_day <= end)):
        answers[feedback_id][question] = value
    rows = [(survey, answers[survey.id]) for survey in surveys]
    by_service, by_agency = defaultdict(list), defaultdict(list)
    for row in rows:
        if row[0].service_code:
            by_service[row[0].service_code].append(row)
        if row[0].agency_code:
            by_agency[row[0].agency_code].append(row)
    plaza_name = {"id": plaza.name.get("id", plaza_code), "en": plaza.name.get("en", plaza_code)
                  } if plaza else {"id": plaza_code, "en": plaza_code}

    def name(names: dict[str, dict[str, str]], code: str) -> dict[str, str]:
        return names.get(code, {"id": code, "en": code})

    profile: dict[str, dict[str, int]] = {}
    for field in ikm.PROFILE_FIELDS:
        counted = Counter(getattr(survey, field) for survey in surveys)
        profile[field] = {band: counted.get(band, 0)
                          for band in (*ikm.PROFILE_FIELDS[field][1], None)}
        profile[field]["none"] = profile[field].pop(None)
    comments = [CommentRow(service_day=survey.service_day, scope=(
        name(services, survey.service_code) if survey.service_code
        else name(agencies, survey.agency_code) if survey.agency_code else plaza_name),
        text=survey.comment) for survey in reversed(surveys) if survey.comment][:COMMENTS_SHOWN]
    channels = Counter("phone" if s.channel == "phone" else
                       "kiosk_ticket" if s.ticket_id else "kiosk_no_ticket" for s in surveys)
    return IkmFigures(
        plaza=_table("plaza", plaza_code, plaza_name, rows),
        agencies=[_table("agency", code, name(agencies, code), by_agency[code])
                  for code in sorted(by_agency, key=lambda c: name(agencies, c)["id"])],
        services=[_table("service", code, name(services, code), by_service[code])
                  for code in sorted(by_service, key=lambda c: name(services, c)["id"])],
        channels={kind: channels.get(kind, 0) for kind in ("kiosk_ticket", "kiosk_no_ticket",
                                                           "phone")},
        profile=profile, comments=comments)
