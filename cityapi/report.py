"""The plaza's report for a period: the IKM table per element in the format plazas and
kecamatan publish, the IKM of each office and service, charts, and the service figures from
the tickets. As an HTML page (the API's admin page), a PDF (WeasyPrint) or a CSV with stable
columns for the offices' own spreadsheets."""

from __future__ import annotations

import base64
import csv
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from cityapi import charts
from cityapi.ikm_figures import IkmFigures, IkmTable, ikm_figures
from cityapi.models import Plaza
from cityapi.service_figures import PeriodFigures, service_figures
from cityapi.templates import render
from kiosk import ikm
from kiosk.paths import ASSETS
from kiosk.service_day import local_time

Format = Literal["html", "pdf", "csv"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "csv")
LONGEST = 366  # days in one report: a year at most
CSV_COLUMNS = ("plaza", "period_from", "period_to", "table", "scope", "code", "name", "item",
               "measure", "value")
LAPOR = "SP4N-LAPOR!: lapor.go.id, SMS 1708"

WORDS = {
    "id": {
        "title": "Laporan Survei Kepuasan Masyarakat dan Kinerja Layanan",
        "period": "Periode", "made": "Dibuat", "ikm": "Indeks Kepuasan Masyarakat (IKM)",
        "no": "No", "element": "Unsur pelayanan", "respondents": "Responden",
        "mean": "Nilai rata-rata (NRR)", "weighted": "NRR tertimbang",
        "index": "IKM", "grade": "Mutu", "total": "IKM unit pelayanan",
        "weighted_sum": "Jumlah NRR tertimbang",
        "too_few": "Responden terlalu sedikit (kurang dari {n}): angka ini belum dapat dipercaya.",
        "too_few_short": "terlalu sedikit",
        "incomplete": "Hanya {k} dari 9 unsur yang dijawab; indeks dihitung dari unsur itu.",
        "none": "Belum ada penilaian pada periode ini.",
        "method": "IKM = jumlah (NRR tiap unsur × 1/9) × 25, sesuai PermenPANRB 14/2017. "
                  "Mutu: A sangat baik 88,31–100; B baik 76,61–88,30; C kurang baik 65,00–76,60; "
                  "D tidak baik 25,00–64,99.",
        "quick": "Penilaian cepat (satu pertanyaan, tidak termasuk IKM)",
        "quick_mean": "Rata-rata", "answers": "Jawaban",
        "channels": "Asal penilaian", "kiosk_ticket": "Kios, dengan tiket",
        "kiosk_no_ticket": "Kios, tanpa tiket (dihitung terpisah)", "phone": "Ponsel (halaman tiket)",
        "by_agency": "IKM per instansi", "by_service": "IKM per layanan", "name": "Nama",
        "service_figures": "Kinerja layanan dari tiket", "service": "Layanan",
        "arrivals": "Kedatangan", "wait": "Waktu tunggu (menit)", "serve": "Waktu layanan (menit)",
        "median": "median", "p90": "p90", "served": "Dilayani", "no_show": "Tidak hadir",
        "no_show_rate": "Tidak hadir (%)", "moved_out": "Dialihkan keluar",
        "moved_in": "Dialihkan masuk", "counters": "Dilayani per loket", "counter": "Loket",
        "staff": "Dilayani per petugas", "person": "Petugas",
        "arrivals_chart": "Kedatangan per jam", "hour": "Jam", "count": "Nomor diambil",
        "wait_chart": "Waktu tunggu per layanan", "minutes": "menit",
        "ikm_chart": "IKM per unsur", "ikm_axis": "NRR × 25",
        "profile": "Profil responden", "comments": "Komentar pengunjung (terbaru)",
        "day": "Tanggal", "about": "Tentang", "comment": "Komentar",
        "no_data": "Tidak ada data.", "lapor": "Pengaduan: " + LAPOR, "not_given": "Tidak diisi",
        "plaza": "Plaza",
        "months": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                   "September", "Oktober", "November", "Desember"),
    },
    "en": {
        "title": "Public Satisfaction Survey and Service Performance Report",
        "period": "Period", "made": "Made", "ikm": "Public Satisfaction Index (IKM)",
        "no": "No", "element": "Service element", "respondents": "Respondents",
        "mean": "Mean (NRR)", "weighted": "Weighted mean", "index": "IKM", "grade": "Grade",
        "total": "IKM of the service unit", "weighted_sum": "Sum of weighted means",
        "too_few": "Too few respondents (under {n}): this figure is not yet reliable.",
        "too_few_short": "too few",
        "incomplete": "Only {k} of the 9 elements were answered; the index is over those.",
        "none": "No ratings in this period yet.",
        "method": "IKM = sum of (each element's mean × 1/9) × 25, as PermenPANRB 14/2017 sets. "
                  "Grades: A very good 88.31–100; B good 76.61–88.30; C fair 65.00–76.60; "
                  "D poor 25.00–64.99.",
        "quick": "Quick rating (one question, not part of the IKM)",
        "quick_mean": "Mean", "answers": "Answers",
        "channels": "Where the ratings came from", "kiosk_ticket": "Kiosk, with a ticket",
        "kiosk_no_ticket": "Kiosk, without a ticket (counted apart)",
        "phone": "Phone (the ticket's page)",
        "by_agency": "IKM per office", "by_service": "IKM per service", "name": "Name",
        "service_figures": "Service performance from the tickets", "service": "Service",
        "arrivals": "Arrivals", "wait": "Waiting time (minutes)", "serve": "Service time (minutes)",
        "median": "median", "p90": "p90", "served": "Served", "no_show": "No-show",
        "no_show_rate": "No-show (%)", "moved_out": "Transferred out",
        "moved_in": "Transferred in", "counters": "Served per counter", "counter": "Counter",
        "staff": "Served per staff member", "person": "Staff member",
        "arrivals_chart": "Arrivals per hour", "hour": "Hour", "count": "Numbers taken",
        "wait_chart": "Waiting time per service", "minutes": "minutes",
        "ikm_chart": "IKM per element", "ikm_axis": "mean × 25",
        "profile": "Respondents' profile", "comments": "Visitors' comments (latest)",
        "day": "Date", "about": "About", "comment": "Comment",
        "no_data": "No data.", "lapor": "Complaints: " + LAPOR, "not_given": "Not given",
        "plaza": "Plaza",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"),
    },
}


class ReportError(ValueError):
    """A report that cannot be made as asked (an unknown plaza, a period backwards)."""


class Report(BaseModel):
    plaza: str
    plaza_name: dict[str, str]
    start: date
    end: date
    made_at: datetime
    timezone: str
    ikm: IkmFigures
    service: PeriodFigures


def build_report(session: Session, plaza_code: str, start: date, end: date,
                 now: datetime) -> Report:
    plaza = session.get(Plaza, plaza_code)
    if plaza is None:
        raise ReportError(f"no plaza {plaza_code!r}")
    if end < start:
        raise ReportError(f"the period ends ({end}) before it starts ({start})")
    if (end - start).days >= LONGEST:
        raise ReportError(f"a report covers at most {LONGEST} days")
    return Report(plaza=plaza_code, plaza_name={"id": plaza.name.get("id", plaza_code),
                                                "en": plaza.name.get("en", plaza_code)},
                  start=start, end=end, made_at=now, timezone=plaza.timezone,
                  ikm=ikm_figures(session, plaza_code, start, end),
                  service=service_figures(session, plaza_code, start, end))


# --- HTML and PDF ---

def _number(lang: str):
    def show(value: Decimal | float | int | None, places: int = 2) -> str:
        if value is None:
            return "–"
        text = f"{value:.{places}f}" if places else f"{value}"
        return text.replace(".", ",") if lang == "id" else text
    return show


def _day(lang: str):
    def show(day: date) -> str:
        return f"{day.day} {WORDS[lang]['months'][day.month - 1]} {day.year}"
    return show


def _period(start: date, end: date, lang: str) -> str:
    show = _day(lang)
    return show(start) if start == end else f"{show(start)} – {show(end)}"


def _image(svg: str) -> str:
    """A chart as an <img> source: an SVG in an image can run nothing, whatever its text."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _charts(report: Report, lang: str) -> dict[str, str]:
    words = WORDS[lang]
    services = sorted(report.service.services, key=lambda s: -s.arrivals)
    shown = services[:6]
    series = [(s.name[lang], s.by_hour) for s in shown if s.arrivals]
    rest: dict[int, int] = {}
    for s in services[6:]:
        for hour, count in s.by_hour.items():
            rest[hour] = rest.get(hour, 0) + count
    if rest:
        series.append(("…", rest))
    waits = [(s.name[lang], float(s.wait_median), float(s.wait_p90))
             for s in services if s.wait_median is not None]
    elements = {row.element: row for row in report.ikm.plaza.elements}
    made = {"arrivals": charts.arrivals_per_hour(series, words["arrivals_chart"], words["hour"],
                                                 words["count"]) if series else ""}
    made["wait"] = charts.waiting_per_service(
        waits, words["wait_chart"], words["median"], words["p90"], words["minutes"]) if waits else ""
    made["ikm"] = charts.ikm_per_element(
        [(f"U{e.number} {e.name.get(lang)}", float(elements[e.code].index))
         for e in ikm.ELEMENTS if e.code in elements],
        words["ikm_chart"], words["ikm_axis"], "," if lang == "id" else ".") if elements else ""
    return {name: _image(svg) for name, svg in made.items() if svg}


def report_html(report: Report, lang: str = "id", for_pdf: bool = False) -> str:
    lang = lang if lang in WORDS else "id"
    words = WORDS[lang]
    grades = {grade.letter: grade.words.get(lang) for grade in ikm.GRADES}
    fonts = {"regular": (ASSETS / "fonts" / "NotoSans-Regular.ttf").as_uri(),
             "bold": (ASSETS / "fonts" / "NotoSans-Bold.ttf").as_uri()} if for_pdf else None
    return render(
        "report.html", lang=lang, words=words, report=report, charts=_charts(report, lang),
        elements={e.code: e for e in ikm.ELEMENTS}, grades=grades, num=_number(lang),
        too_few=ikm.TOO_FEW, profile_fields=ikm.PROFILE_FIELDS, fonts=fonts,
        made=_day(lang)(local_time(report.made_at, report.timezone).date()) + " "
        + local_time(report.made_at, report.timezone).strftime("%H:%M"),
        tables=_scope_tables(report.ikm), for_pdf=for_pdf, day=_day(lang),
        period=_period(report.start, report.end, lang))


def _scope_tables(figures: IkmFigures) -> list[tuple[str, list[IkmTable]]]:
    return [("by_agency", figures.agencies), ("by_service", figures.services)]


def report_pdf(report: Report, lang: str = "id") -> bytes:
    try:
        from weasyprint import HTML
    except OSError as error:  # WeasyPrint is installed but Pango, its text library, is not
        raise ReportError(f"PDF needs the Pango library (Debian: libpango-1.0-0 "
                          f"libpangoft2-1.0-0): {error}") from None
    return HTML(string=report_html(report, lang, for_pdf=True),
                base_url=str(ASSETS)).write_pdf()


# --- CSV ---

def _safe(value: object) -> str:
    """A cell a spreadsheet shows as text: a visitor's comment that starts like a formula
    (=, +, -, @) is prefixed with an apostrophe, so it is never run."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(report: Report) -> str:
    """One long table with fixed columns (CSV_COLUMNS): each figure one row, decimals with a
    point, so a spreadsheet can filter and pivot it whatever the period."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    head = (report.plaza, report.start.isoformat(), report.end.isoformat())

    def row(table: str, scope: str, code: str, name: str, item: str, measure: str,
            value: object) -> None:
        writer.writerow([*head, table, scope, code, _safe(name), item, measure, _safe(value)])

    figures = report.ikm
    for table in (figures.plaza, *figures.agencies, *figures.services):
        name = table.name["id"]
        for element in table.elements:
            for measure in ("respondents", "mean", "weighted", "index", "grade"):
                row("ikm", table.scope, table.code, name, element.element, measure,
                    getattr(element, measure))
        for measure, value in (("respondents", table.respondents),
                               ("with_ticket", table.with_ticket),
                               ("without_ticket", table.without_ticket),
                               ("weighted", table.weighted), ("index", table.index),
                               ("grade", table.grade), ("too_few", int(table.too_few))):
            row("ikm", table.scope, table.code, name, "total", measure, value)
        for answer, count in zip(ikm.SCALE, table.quick, strict=True):
            row("ikm", table.scope, table.code, name, ikm.OVERALL, f"answers_{answer}", count)
        row("ikm", table.scope, table.code, name, ikm.OVERALL, "mean", table.quick_mean)
    for channel, count in figures.channels.items():
        row("channel", "plaza", report.plaza, report.plaza_name["id"], channel, "ratings", count)
    for field, bands in figures.profile.items():
        for band, count in bands.items():
            row("profile", "plaza", report.plaza, report.plaza_name["id"], field, band, count)
    for service in report.service.services:
        name = service.name["id"]
        for measure in ("arrivals", "waited", "wait_median", "wait_p90", "served",
                        "service_median", "service_p90", "no_show", "no_show_rate",
                        "transferred_out", "transferred_in"):
            row("service", "service", service.service, name, "", measure, getattr(service, measure))
        for hour, count in service.by_hour.items():
            row("arrivals", "service", service.service, name, f"{hour:02d}", "arrivals", count)
    for counter in report.service.counters:
        row("served", "counter", counter.who, counter.who, "", "served", counter.served)
    for person in report.service.staff:
        row("served", "staff", "", person.who, "", "served", person.served)
    for comment in figures.comments:
        row("comment", "plaza", report.plaza, comment.scope["id"], comment.service_day.isoformat(),
            "comment", comment.text)
    return out.getvalue()
