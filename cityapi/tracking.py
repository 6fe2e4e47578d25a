"""The page behind a ticket's QR code: a visitor's phone follows the queue, in id or en.

The page shows where the ticket stands and keeps itself current without reloading (it reads
`/t/CODE/status`); when the visitor is almost up it vibrates and sounds where the phone
allows; once the ticket is done it takes the visitor's rating (kiosk.ikm), once."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from cityapi import feedback
from cityapi.models import Plaza, Service, Ticket
from cityapi.rules import catalog_of
from cityapi.templates import render
from kiosk import ikm
from kiosk.numbering import QueuedTicket, in_call_order
from kiosk.vocabulary import LAPOR_URL, TicketState
from kiosk.waiting import estimate_wait, mean_service_minutes
from sync.protocol import Wire

log = logging.getLogger(__name__)

ALMOST_AHEAD = 3  # this many people ahead, or fewer: "almost up", the page alerts

RECENT_SERVED = 20  # finished tickets the wait estimate averages, as on a kiosk

WORDS = {
    "id": {
        "title": "Nomor antrian Anda", "ahead": "{n} orang di depan Anda",
        "ahead_one": "1 orang di depan Anda",
        "next": "Anda berikutnya",
        "waiting": "Menunggu", "called": "Silakan menuju loket",
        "called_to": "Dipanggil ke Loket {counter}",
        "serving_at": "Sedang dilayani di Loket {counter}",
        "moved": "Dipindahkan ke layanan: {service}", "serving": "Sedang dilayani",
        "done": "Selesai dilayani", "no_show": "Tidak hadir saat dipanggil",
        "cancelled": "Dibatalkan", "transferred": "Dipindahkan ke layanan lain",
        "refresh": "Halaman ini diperbarui otomatis.", "other": "English",
        "missing": "Tiket tidak ditemukan. Periksa kode pada layar kios.",
        "wait": "Perkiraan {low}–{high} menit", "wait_soon": "Sebentar lagi",
        "wait_unknown": "Perkiraan waktu tunggu belum tersedia",
        "almost": "Giliran Anda hampir tiba. Bersiaplah di dekat loket.",
        "go_now": "Giliran Anda! Silakan menuju Loket {counter}.",
        "remind": "Ingatkan saya saat giliran dekat",
        "reminding": "Pengingat aktif: ponsel bergetar dan berbunyi saat giliran Anda dekat.",
        "rate_title": "Beri penilaian",
        "rate_more": "Jawab 9 pertanyaan lagi (boleh dilewati)",
        "comment": "Komentar singkat (tidak wajib)",
        "comment_hint": "Jangan tulis nama, NIK atau nomor telepon.",
        "profile": "Tentang Anda (tidak wajib)", "skip": "Tidak diisi",
        "send": "Kirim penilaian", "sending": "Mengirim…",
        "thanks": "Terima kasih atas penilaian Anda.",
        "rated": "Tiket ini sudah dinilai. Terima kasih.",
        "choose": "Pilih satu jawaban untuk pertanyaan pertama.",
        "failed": "Penilaian belum terkirim. Periksa sambungan lalu coba lagi.",
        "lapor": "Ada keluhan? Laporkan ke SP4N-LAPOR!: lapor.go.id atau SMS ke 1708.",
        "not_done": "Penilaian bisa diberikan setelah Anda selesai dilayani.",
        "refused": "Penilaian ini tidak dapat diterima. Silakan tanyakan ke meja informasi.",
    },
    "en": {
        "title": "Your queue number", "ahead": "{n} people ahead of you",
        "ahead_one": "1 person ahead of you", "next": "You are next",
        "waiting": "Waiting", "called": "Please go to the counter",
        "called_to": "Called to Counter {counter}",
        "serving_at": "Being served at Counter {counter}",
        "moved": "Moved to: {service}", "serving": "Being served",
        "done": "Served", "no_show": "Missed when called", "cancelled": "Cancelled",
        "transferred": "Moved to another service", "refresh": "This page updates by itself.",
        "other": "Bahasa Indonesia",
        "missing": "Ticket not found. Check the code shown on the kiosk.",
        "wait": "About {low}–{high} minutes", "wait_soon": "Any moment now",
        "wait_unknown": "No wait estimate yet",
        "almost": "You are almost up. Please stay near the counter.",
        "go_now": "It is your turn! Please go to Counter {counter}.",
        "remind": "Remind me when my turn is near",
        "reminding": "Reminder on: your phone vibrates and sounds when your turn is near.",
        "rate_title": "Rate our service",
        "rate_more": "Answer 9 more questions (you may skip them)",
        "comment": "A short comment (optional)",
        "comment_hint": "Please do not write names, ID or phone numbers.",
        "profile": "About you (optional)", "skip": "Not given",
        "send": "Send my rating", "sending": "Sending…",
        "thanks": "Thank you for your rating.",
        "rated": "This ticket has been rated. Thank you.",
        "choose": "Please choose an answer to the first question.",
        "failed": "Your rating was not sent. Check your connection and try again.",
        "lapor": "A complaint? Report it to SP4N-LAPOR!: lapor.go.id or SMS 1708.",
        "not_done": "You can rate the service once you have been served.",
        "refused": "This rating could not be accepted. Please ask at the information desk.",
    },
}


class TrackingStatus(BaseModel):
    """`GET /t/CODE/status`: what the phone page shows, worded in the page's language."""

    number: str
    service: str
    state: str
    state_text: str
    counter: str | None
    moved_to: str | None = None
    people_ahead: int | None
    ahead_text: str
    wait_low: int | None
    wait_high: int | None
    wait_text: str
    almost: bool  # ALMOST_AHEAD or fewer ahead: the page alerts
    called: bool  # called to a counter now: the page alerts again, louder
    alert_text: str
    can_rate: bool  # done and not yet rated
    rated: bool


class PhoneRating(Wire):
    """`POST /t/CODE/rating`: the visitor's rating of a ticket that is done (kiosk.ikm)."""

    answers: ikm.Answers
    comment: ikm.Comment = ""
    profile: ikm.Profile = ikm.Profile()


def _find(session: Session, code: str) -> Ticket | None:
    return session.scalars(select(Ticket).where(Ticket.public_code == code)).first()


def _wait(session: Session, ticket: Ticket, ahead: int) -> tuple[int | None, int | None]:
    """The kiosk's estimate (kiosk.waiting): today's recent service times of the queue, else
    the catalog's typical time, over the service's counters."""
    plaza = session.get(Plaza, ticket.plaza_code)
    entry = next((s for s in catalog_of(plaza).services if s.code == ticket.queue),
                 None) if plaza is not None and plaza.catalog else None
    if entry is None:
        return None, None
    finished = session.execute(
        select(Ticket.serving_at, Ticket.finished_at)
        .where(Ticket.plaza_code == ticket.plaza_code, Ticket.queue == ticket.queue,
               Ticket.service_day == ticket.service_day, Ticket.state == TicketState.DONE,
               Ticket.serving_at.is_not(None))
        .order_by(Ticket.finished_at.desc()).limit(RECENT_SERVED)).all()
    minutes = [(done - start).total_seconds() / 60 for start, done in finished]
    estimate = estimate_wait(ahead, mean_service_minutes(minutes, entry.duration_minutes),
                             len(entry.counters))
    return (estimate.low_minutes, estimate.high_minutes) if estimate else (None, None)


def ticket_status(session: Session, code: str, lang: str) -> TrackingStatus | None:
    """Where the ticket with public code `code` stands, or None for no such ticket."""
    words = WORDS[lang if lang in WORDS else "id"]
    ticket = _find(session, code)
    if ticket is None:
        return None
    service = session.get(Service, (ticket.plaza_code, ticket.queue))
    service_name = (service.name.get(lang) or service.name.get("id")) if service else ""
    state_text = words.get(ticket.state, ticket.state)
    called = ticket.state == TicketState.CALLED
    if ticket.counter and ticket.state in (TicketState.CALLED, TicketState.SERVING):
        key = "called_to" if called else "serving_at"
        state_text = words[key].format(counter=ticket.counter)
    ahead: int | None = None
    ahead_text, wait_text, low, high = "", "", None, None
    if ticket.state == TicketState.WAITING:
        waiting = session.execute(
            select(Ticket.id, Ticket.number, Ticket.issued_at, Ticket.priority)
            .where(Ticket.plaza_code == ticket.plaza_code, Ticket.queue == ticket.queue,
                   Ticket.service_day == ticket.service_day,
                   Ticket.state == TicketState.WAITING)).all()
        order = [t.id for t in in_call_order(QueuedTicket(*row) for row in waiting)]
        if ticket.id in order:
            ahead = order.index(ticket.id)
            ahead_text = {0: words["next"], 1: words["ahead_one"]}.get(
                ahead, words["ahead"].format(n=ahead))
            low, high = _wait(session, ticket, ahead)
            wait_text = (words["wait_unknown"] if high is None else words["wait_soon"]
                         if high == 0 else words["wait"].format(low=low, high=high))
    almost = called or (ahead is not None and ahead <= ALMOST_AHEAD)
    alert = (words["go_now"].format(counter=ticket.counter) if called and ticket.counter
             else words["almost"] if almost else "")
    is_rated = feedback.rated(session, ticket.id)
    return TrackingStatus(
        number=ticket.number, service=service_name, state=ticket.state, state_text=state_text,
        counter=ticket.counter,
        moved_to=service_name if ticket.queue != ticket.service_code
        and ticket.state == TicketState.WAITING else None,
        people_ahead=ahead, ahead_text=ahead_text, wait_low=low, wait_high=high,
        wait_text=wait_text, almost=almost, called=called, alert_text=alert,
        can_rate=ticket.state == TicketState.DONE and not is_rated, rated=is_rated)


def _survey_words(lang: str) -> dict[str, Any]:
    """The survey's wording for the page's form: the quick question, the nine elements with
    their own answer words, the profile fields (all from kiosk.ikm)."""
    return {
        "overall": {"code": ikm.OVERALL, "question": ikm.OVERALL_QUESTION.get(lang),
                    "words": [w.get(lang) for w in ikm.SCALE_WORDS]},
        "elements": [{"code": e.code, "number": e.number, "name": e.name.get(lang),
                      "question": e.question.get(lang), "words": [w.get(lang) for w in e.words]}
                     for e in ikm.ELEMENTS],
        "profile": [{"field": field, "title": title.get(lang),
                     "choices": [(code, text.get(lang)) for code, text in choices.items()]}
                    for field, (title, choices) in ikm.PROFILE_FIELDS.items()],
        "comment_max": ikm.COMMENT_MAX,
    }


def tracking_page(session: Session, code: str, lang: str) -> tuple[int, str]:
    """(HTTP status, HTML) for the ticket with public code `code`."""
    lang = lang if lang in WORDS else "id"
    status = ticket_status(session, code, lang)
    plaza_name = "Plaza"
    if status is not None:
        plaza = session.get(Plaza, _find(session, code).plaza_code)
        if plaza is not None:
            plaza_name = plaza.name.get(lang) or plaza.name.get("id") or plaza_name
    html = render("tracking.html", lang=lang, other="en" if lang == "id" else "id",
                  words=WORDS[lang], code=code, plaza=plaza_name, status=status,
                  status_json=status.model_dump() if status else None,
                  survey=_survey_words(lang), lapor=LAPOR_URL, almost_ahead=ALMOST_AHEAD)
    return (200 if status is not None else 404), html


def rate(session: Session, code: str, rating: PhoneRating, now: datetime,
         lang: str = "id") -> tuple[int, str]:
    """Keep the visitor's rating of a done ticket: (HTTP status, words for the visitor)."""
    words = WORDS[lang if lang in WORDS else "id"]
    ticket = _find(session, code)
    if ticket is None:
        return 404, words["missing"]
    if ticket.state != TicketState.DONE:
        return 422, words["not_done"]
    try:
        feedback.keep(session, ticket.plaza_code, feedback.Survey(
            id=ikm.feedback_id(ticket.id), ticket_id=ticket.id, agency=None,
            answers=dict(rating.answers), comment=rating.comment, profile=rating.profile,
            given_at=now, channel="phone"), now)
    except feedback.FeedbackRefused as refused:
        if refused.problem == "already_rated":
            return 409, words["rated"]
        log.info("rating for %s refused: %s", code, refused)  # the reason is for IT, not the page
        return 422, words["refused"]
    return 200, words["thanks"]



def rate_refusal(lang: str) -> str:
    return WORDS[lang if lang in WORDS else "id"]["rated"]
