"""The paper ticket's bytes, read back as a printer would: 58 and 80 mm rolls, both languages,
native and raster QR codes (python-escpos rendered to its Dummy printer)."""

from __future__ import annotations

import dataclasses

import pytest
import qrcode

from kiosk.local_plaza import IssuedTicket
from kiosk.numbering import tracking_url
from kiosk.printing.decode import qr_matrix_of, read_job
from kiosk.printing.layout import PAPERS, plain, render_slip, render_test_page, slip_for
from kiosk.vocabulary import Priority

BASE = "https://antrian.banjarmasinkota.go.id"
SERVICE = {"id": "Layanan ktp-el", "en": "Service ktp-el"}
PLAZA = {"id": "Plaza Uji", "en": "Test Plaza"}  # the test catalog's plaza


def _qr_modules(payload: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


@pytest.fixture
def ticket(plaza) -> IssuedTicket:
    plaza.issue_ticket("ktp-el")
    plaza.issue_ticket("ktp-el")
    issued = plaza.issue_ticket("ktp-el")
    assert isinstance(issued, IssuedTicket)
    return issued


@pytest.mark.parametrize("native", [False, True], ids=["raster-qr", "native-qr"])
@pytest.mark.parametrize("paper_mm", [58, 80])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_slip_says_what_the_screen_says(plaza, ticket, lang: str, paper_mm: int,
                                          native: bool) -> None:
    job = render_slip(slip_for(plaza, ticket, lang, BASE), paper_mm, native)
    printed = read_job(job)
    text = printed.text
    url = tracking_url(BASE, ticket.public_code)

    assert ticket.number == "A-003"
    biggest = printed.biggest_line()
    assert biggest.text == "A-003" and biggest.scale >= 4  # the number, far larger than the rest
    assert PLAZA[lang] in text  # the plaza's name from the catalog, in the visitor's language
    assert SERVICE[lang] in text
    assert ("Loket 1 atau 2" if lang == "id" else "Counter 1 or 2") in text
    assert ("2 orang di depan Anda" if lang == "id" else "2 people are ahead of you") in text
    assert "24-11-2026 10:00 WITA" in text  # the plaza's zone, not the machine's
    assert "SP4N-LAPOR" in text and "1708" in text
    assert printed.cuts == 1
    if native:
        assert printed.native_qr == [url]
        assert not printed.rasters
    else:
        assert not printed.native_qr
        (code,) = printed.rasters
        assert code.width_bytes * 8 <= PAPERS[paper_mm].dots
        assert qr_matrix_of(code) == _qr_modules(url)  # the image says the tracking URL
    columns = PAPERS[paper_mm].columns
    for line in printed.blocks:
        if hasattr(line, "scale"):
            assert len(line.text) * line.scale <= columns, f"{line.text!r} is wider than the roll"


def test_a_priority_ticket_says_so(plaza) -> None:
    issued = plaza.issue_ticket("ktp-el", Priority.ELDERLY)
    for lang, words in (("id", "PRIORITAS: Lansia (60+)"), ("en", "PRIORITY: Elderly (60+)")):
        printed = read_job(render_slip(slip_for(plaza, issued, lang, BASE), 58, False))
        marked = [line for line in printed.blocks if getattr(line, "inverted", False)]
        assert [line.text.strip() for line in marked] == [words]


def test_an_ordinary_ticket_has_no_priority_line(plaza, ticket) -> None:
    printed = read_job(render_slip(slip_for(plaza, ticket, "id", BASE), 80, True))
    assert "PRIORITAS" not in printed.text
    assert not any(getattr(line, "inverted", False) for line in printed.blocks)


def test_a_tagged_number_still_fits_a_58_mm_roll(plaza, ticket) -> None:
    tagged = dataclasses.replace(ticket, number="A-K7-012")
    printed = read_job(render_slip(slip_for(plaza, tagged, "id", BASE), 58, True))
    biggest = printed.biggest_line()
    assert biggest.text == "A-K7-012" and len(biggest.text) * biggest.scale <= PAPERS[58].columns


def test_a_reprint_says_so(plaza, ticket) -> None:
    printed = read_job(render_slip(slip_for(plaza, ticket, "id", BASE, reprint=True), 80, True))
    assert "CETAK ULANG" in printed.lines


def test_a_service_gone_from_the_catalog_still_prints_its_ticket(plaza, ticket) -> None:
    gone = dataclasses.replace(ticket, service_code="no-longer-here")
    printed = read_job(render_slip(slip_for(plaza, gone, "en", BASE), 80, True))
    assert printed.biggest_line().text == "A-003"
    assert "no-longer-here" in printed.text


def test_the_slip_is_plain_ascii() -> None:
    assert plain("Loket 1–2 · “Café” ‘x’\u00a0y") == "Loket 1-2 - \"Cafe\" 'x' y"
    assert plain("\u4e2d\u6587 ok") == " ok"


def test_the_test_page_prints_every_part() -> None:
    printed = read_job(render_test_page(80, True, ["network 10.0.0.9", "80 mm"], BASE, "en"))
    assert "PRINTER TEST PAGE" in printed.lines
    assert printed.biggest_line().text == "A-000"
    assert printed.native_qr == [BASE] and printed.cuts == 1
