"""The period report on a seeded day with known answers (tests/cityapi/report_seed.py): the
figures, the admin page, the CSV's stable columns, the PDF; a visitor's HTML stays text."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from cityapi.report import CSV_COLUMNS, build_report
from tests.city_server import CityServer
from tests.cityapi.report_seed import COMMENT, DAY, seed_day


@pytest.fixture
def seeded(city: CityServer) -> dict:
    kiosk = city.enrol("kiosk", "kiosk-1")
    tickets = seed_day(city, kiosk)
    admin = city.enrol("admin", "office-pc")
    return {"tickets": tickets, "admin": admin["token"], "kiosk": kiosk["token"]}


def report_of(city: CityServer):
    with city.sessions() as session:
        return build_report(session, "test-plaza", DAY, DAY, city.clock())


def test_the_seeded_days_figures(city: CityServer, seeded) -> None:
    report = report_of(city)
    plaza = report.ikm.plaza
    assert (plaza.respondents, plaza.index, plaza.grade) == (5, Decimal("80.00"), "B")
    assert (plaza.with_ticket, plaza.without_ticket) == (5, 1)  # B-001's phone rating counts
    assert plaza.quick == (1, 1, 2, 2) and plaza.quick_mean == Decimal("2.833")  # 17 / 6
    assert plaza.too_few
    services = {table.code: table for table in report.ikm.services}
    assert services["ktp-el"].index == Decimal("80.56") and services["ktp-el"].respondents == 4
    assert services["kk"].respondents == 0 and services["kk"].quick == (1, 0, 0, 0)
    agencies = {table.code: table for table in report.ikm.agencies}
    assert agencies["disdukcapil"].respondents == 5  # the office named without a ticket too
    assert report.ikm.channels == {"kiosk_ticket": 4, "kiosk_no_ticket": 1, "phone": 1}
    assert [c.text for c in report.ikm.comments] == [COMMENT.replace("  ", " ")]

    figures = {row.service: row for row in report.service.services}
    ktp, kk = figures["ktp-el"], figures["kk"]
    assert (ktp.arrivals, ktp.by_hour, kk.arrivals, kk.by_hour) == (5, {8: 3, 9: 2}, 1, {8: 1})
    assert (ktp.wait_median, ktp.wait_p90, ktp.waited) == (Decimal("25.0"), Decimal("40.0"), 4)
    assert (kk.wait_median, kk.wait_p90) == (Decimal("5.0"), Decimal("5.0"))
    assert (ktp.service_median, ktp.service_p90, ktp.served) == (Decimal("9.0"),
                                                                Decimal("20.0"), 4)
    assert (ktp.no_show, ktp.no_show_rate, kk.no_show_rate) == (1, Decimal("20.0"), None)
    assert (kk.transferred_out, ktp.transferred_in) == (1, 1)
    assert [(c.who, c.served) for c in report.service.counters] == [("1", 3), ("2", 1)]
    assert [(s.who, s.served) for s in report.service.staff] == [("Siti Aminah", 3),
                                                                ("Budi Santoso", 1)]


def fetch(city: CityServer, token: str, **query) -> requests.Response:
    return requests.get(f"{city.url}/v1/report", timeout=60, params=query,
                        headers={"Authorization": f"Bearer {token}"})


def test_the_admin_page_escapes_what_visitors_wrote(city: CityServer, seeded) -> None:
    page = fetch(city, seeded["admin"], **{"from": DAY.isoformat(), "to": DAY.isoformat()})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "80,00" in text and "80,56" in text and "Baik" in text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text
    assert "<script>" not in text  # the report runs nothing
    assert text.count("data:image/svg+xml;base64,") == 3  # arrivals, waiting, IKM per element
    english = fetch(city, seeded["admin"], **{"from": DAY.isoformat(), "to": DAY.isoformat(),
                                              "lang": "en"}).text
    assert "80.00" in english and "Public Satisfaction Index" in english


def test_only_an_admin_reads_the_report_and_a_bad_period_is_refused(city: CityServer,
                                                                     seeded) -> None:
    day = DAY.isoformat()
    assert fetch(city, seeded["kiosk"], **{"from": day, "to": day}).status_code == 403
    assert fetch(city, "", **{"from": day, "to": day}).status_code == 401
    backwards = fetch(city, seeded["admin"], **{"from": day, "to": "2026-11-01"})
    assert backwards.status_code == 422 and "before it starts" in backwards.json()["error"]
    for query in ({"from": day}, {"from": day, "to": "2027-12-31"},
                  {"from": "24-11-2026", "to": day}, {"from": day, "to": day, "format": "xls"}):
        answer = fetch(city, seeded["admin"], **query)
        assert answer.status_code == 422 and answer.json()["error"], query


def test_the_csv_has_stable_columns(city: CityServer, seeded) -> None:
    answer = fetch(city, seeded["admin"], **{"from": DAY.isoformat(), "to": DAY.isoformat(),
                                             "format": "csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert tuple(rows[0]) == CSV_COLUMNS == (
        "plaza", "period_from", "period_to", "table", "scope", "code", "name", "item",
        "measure", "value")
    records = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]

    def value(table: str, scope: str, code: str, item: str, measure: str) -> str:
        found = [r["value"] for r in records if (r["table"], r["scope"], r["code"], r["item"],
                                                  r["measure"]) == (table, scope, code, item, measure)]
        assert len(found) == 1, (table, scope, code, item, measure)
        return found[0]

    assert value("ikm", "plaza", "test-plaza", "total", "index") == "80.00"
    assert value("ikm", "plaza", "test-plaza", "total", "grade") == "B"
    assert value("ikm", "plaza", "test-plaza", "waktu", "mean") == "2.600"
    assert value("ikm", "service", "ktp-el", "total", "index") == "80.56"
    assert value("service", "service", "ktp-el", "", "wait_p90") == "40.0"
    assert value("arrivals", "service", "ktp-el", "08", "arrivals") == "3"
    assert value("served", "counter", "1", "", "served") == "3"
    comment = [r for r in records if r["table"] == "comment"]
    assert comment[0]["value"].startswith("<script>")  # text as written; a spreadsheet shows it
    assert all(r["period_from"] == r["period_to"] == DAY.isoformat() for r in records)


def test_a_formula_in_a_comment_never_runs_in_a_spreadsheet(city: CityServer, seeded) -> None:
    from cityapi.report import _safe

    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _safe("+1") == "'+1"
    assert _safe("Bagus") == "Bagus" and _safe(Decimal("80.00")) == "80.00"


def test_the_pdf(city: CityServer, seeded, tmp_path: Path) -> None:
    answer = fetch(city, seeded["admin"], **{"from": DAY.isoformat(), "to": DAY.isoformat(),
                                             "format": "pdf"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(answer.content)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's words are unread")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Indeks Kepuasan Masyarakat" in text and "80,00" in text and "Siti Aminah" in text
    assert '<script>alert("x")</script>' in text  # shown as the visitor wrote it, as text
