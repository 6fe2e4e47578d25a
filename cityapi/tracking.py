"""The page behind a ticket's QR code: a visitor's phone follows the queue, in id or en."""

from __future__ import annotations

from html import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from cityapi.models import Plaza, Service, Ticket
from kiosk.numbering import QueuedTicket, in_call_order
from kiosk.vocabulary import TicketState

REFRESH_SECONDS = 20

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
    },
}

STYLE = """
body{margin:0;font-family:"Noto Sans",system-ui,sans-serif;background:#F4F6F8;color:#1B2630}
header{background:#0E5A7A;color:#fff;padding:16px 20px;font-weight:700;font-size:20px}
main{max-width:520px;margin:0 auto;padding:20px}
.card{background:#fff;border-radius:16px;padding:24px;margin-bottom:16px;text-align:center}
.number{font-size:96px;font-weight:700;color:#0E5A7A;line-height:1.1}
.state{display:inline-block;background:#2E8B57;color:#fff;border-radius:10px;
 padding:4px 14px;font-weight:700;font-size:20px}
p{font-size:20px;margin:8px 0}.muted{color:#55656F;font-size:16px}
a{color:#0E5A7A;font-size:18px}
"""


def _page(lang: str, plaza_name: str, body: str, code: str) -> str:
    other = "en" if lang == "id" else "id"
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'
        f"<title>{escape(plaza_name)}</title><style>{STYLE}</style></head><body>"
        f"<header>{escape(plaza_name)}</header><main>{body}"
        f'<p class="muted">{WORDS[lang]["refresh"]}</p>'
        f'<p><a href="/t/{escape(code)}?lang={other}">{WORDS[lang]["other"]}</a></p>'
        f"</main></body></html>"
    )


def tracking_page(session: Session, code: str, lang: str) -> tuple[int, str]:
    """(HTTP status, HTML) for the ticket with public code `code`."""
    lang = lang if lang in WORDS else "id"
    words = WORDS[lang]
    ticket = session.scalars(select(Ticket).where(Ticket.public_code == code)).first()
    if ticket is None:
        return 404, _page(lang, "Plaza", f'<div class="card"><p>{words["missing"]}</p></div>', code)
    plaza = session.get(Plaza, ticket.plaza_code)
    service = session.get(Service, (ticket.plaza_code, ticket.queue))
    waiting = session.execute(select(Ticket.id, Ticket.number, Ticket.issued_at, Ticket.priority)
                              .where(Ticket.plaza_code == ticket.plaza_code,
                                     Ticket.queue == ticket.queue,
                                     Ticket.service_day == ticket.service_day,
                                     Ticket.state == TicketState.WAITING)).all()
    order = [t.id for t in in_call_order(QueuedTicket(*row) for row in waiting)]
    state = words.get(ticket.state, ticket.state)
    if ticket.counter and ticket.state in (TicketState.CALLED, TicketState.SERVING):
        key = "called_to" if ticket.state == TicketState.CALLED else "serving_at"
        state = words[key].format(counter=ticket.counter)
    lines = [f'<span class="state">{escape(state)}</span>']
    if ticket.state == TicketState.WAITING and ticket.id in order:
        ahead = order.index(ticket.id)
        text = {0: words["next"], 1: words["ahead_one"]}.get(ahead, words["ahead"].format(n=ahead))
        lines.append(f"<p>{text}</p>")
    service_name = (service.name.get(lang) or service.name.get("id")) if service else ""
    if ticket.queue != ticket.service_code and ticket.state == TicketState.WAITING:
        lines.insert(0, f'<p>{escape(words["moved"].format(service=service_name))}</p>')
    body = (f'<div class="card"><p>{words["title"]}</p><div class="number">'
            f"{escape(ticket.number)}</div><p>{escape(service_name)}</p>{''.join(lines)}</div>")
    plaza_name = plaza.name.get(lang) or plaza.name.get("id") if plaza else "Plaza"
    return 200, _page(lang, plaza_name, body, code)
