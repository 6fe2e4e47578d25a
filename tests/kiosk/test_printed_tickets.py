"""A ticket's paper slip in the store: born "not printed" on a kiosk with a printer, "printed"
only on the printer's word, and nothing at all on a kiosk without one."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from kiosk.local_plaza import IssuedTicket
from kiosk.store.models import TicketRow


def _stored(plaza, ticket_id: str) -> bool | None:
    with plaza.store.read() as session:
        return session.scalar(select(TicketRow.printed).where(TicketRow.id == ticket_id))


def test_a_kiosk_without_a_printer_stores_no_paper_state(plaza) -> None:
    ticket = plaza.issue_ticket("ktp-el")
    assert ticket.printed is None and _stored(plaza, ticket.id) is None


def test_with_a_printer_a_ticket_is_born_not_printed(plaza) -> None:
    printing = plaza.with_paper_tickets()
    ticket = printing.issue_ticket("ktp-el")
    assert ticket.printed is False and _stored(plaza, ticket.id) is False
    assert printing.enrolled("K7").paper_tickets  # enrolling keeps the printer


def test_only_the_printers_word_marks_it_printed(plaza) -> None:
    printing = plaza.with_paper_tickets()
    ticket = printing.issue_ticket("ktp-el")
    printing.mark_printed(ticket.id, False)
    assert _stored(plaza, ticket.id) is False
    printing.mark_printed(ticket.id, True)
    assert _stored(plaza, ticket.id) is True
    printing.mark_printed(ticket.id, False)  # a failed reprint never undoes a printed slip
    assert _stored(plaza, ticket.id) is True


def test_staff_get_the_last_tickets_newest_first(plaza, clock) -> None:
    printing = plaza.with_paper_tickets()
    issued = []
    for _ in range(7):
        issued.append(printing.issue_ticket("kk" if len(issued) % 2 else "ktp-el"))
        clock.moment += timedelta(seconds=30)
    printing.mark_printed(issued[-1].id, True)
    recent = printing.recent_tickets(5)
    assert [t.number for t in recent] == [t.number for t in reversed(issued)][:5]
    assert all(isinstance(t, IssuedTicket) for t in recent)
    assert [t.printed for t in recent] == [True, False, False, False, False]
    assert recent[0].people_ahead == 3  # kk: three waiting before it
    assert printing.last_ticket() == recent[0]
