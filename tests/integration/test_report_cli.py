"""`plaza-kiosk server report` and `plaza-kiosk screenshot --screen survey` as IT runs them:
real processes over a real database."""

from __future__ import annotations

from pathlib import Path

from tests.city_server import CityServer
from tests.cityapi.report_seed import DAY, seed_day
from tests.integration.test_cli import png_size, run


def test_the_report_command_writes_each_format(city: CityServer, database_url: str,
                                               tmp_path: Path) -> None:
    seed_day(city, city.enrol("kiosk", "kiosk-1"))
    day = DAY.isoformat()
    base = ("server", "--db", database_url, "report", "--plaza", "test-plaza", "--from", day,
            "--to", day)
    listed = run(*base, "--format", "csv", tmp_path=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "plaza,period_from,period_to,table,scope,code,name,item,measure,value"
    assert "test-plaza,2026-11-24,2026-11-24,ikm,plaza,test-plaza,Plaza Uji,total,index,80.00" in lines
    pdf = tmp_path / "report.pdf"
    made = run(*base, "--format", "pdf", "--out", str(pdf), tmp_path=tmp_path)
    assert made.returncode == 0, made.stderr
    assert pdf.read_bytes().startswith(b"%PDF-") and "report.pdf" in made.stderr
    page = run(*base, "--lang", "en", tmp_path=tmp_path)
    assert page.returncode == 0 and "Public Satisfaction Index (IKM)" in page.stdout
    unknown = run("server", "--db", database_url, "report", "--plaza", "nowhere", "--from", day,
                  "--to", day, tmp_path=tmp_path)
    assert unknown.returncode == 2 and "no plaza 'nowhere'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    backwards = run("server", "--db", database_url, "report", "--plaza", "test-plaza", "--from",
                    day, "--to", "2026-11-01", tmp_path=tmp_path)
    assert backwards.returncode == 2 and "before it starts" in backwards.stderr
    typo = run(*base[:-4], "--from", "24/11/2026", "--to", day, tmp_path=tmp_path)
    assert typo.returncode == 2 and "2026-11-24" in typo.stderr


def test_the_survey_screenshot(tmp_path: Path) -> None:
    out = tmp_path / "survey.png"
    result = run("screenshot", "--screen", "survey", "--lang", "en", "--size", "1920x1080",
                 "--at", "2026-11-24T10:00", "--out", str(out), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1920, 1080)
