import json
from pathlib import Path

import pytest

from kiosk.catalog import CATALOG_MAX_BYTES, CatalogError
from kiosk.catalog_format import (
    load_catalog_file,
    parse_catalog,
    read_catalog_file,
    url_allowed,
)
from kiosk.config import OPTIONS
from kiosk.paths import SAMPLE_CATALOG
from tests.conftest import ALLOWED, catalog_data, service_entry


def test_the_sample_catalog_loads_whole() -> None:
    hosts = OPTIONS["qr"]["allowed_hosts"].default
    report = load_catalog_file(SAMPLE_CATALOG, hosts)
    assert report.problems == []
    catalog = report.catalog
    assert catalog.sample
    assert len(catalog.agencies) >= 12
    assert len(catalog.services) >= 40
    for service in catalog.services:
        assert service.name.id and service.name.en
        assert len(service.requirements.id) == len(service.requirements.en)


def test_bad_entries_are_refused_alone(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    data = catalog_data([
        service_entry("good", "A"),
        {"code": "no-fields", "prefix": "B"},
        service_entry("too-long", "C", name={"id": "x" * 500, "en": "long"}),
        service_entry("http-url", "D", info_url="http://banjarmasinkota.go.id/x"),
        service_entry("evil-host", "E", info_url="https://banjarmasinkota.go.id.evil.example/x"),
        service_entry("same-prefix", "A"),
        service_entry("bad-hours", "F", hours={"mon": ["15:00", "08:00"]}),
        service_entry("lopsided", "G", steps={"id": ["a", "b"], "en": ["a"]}),
        service_entry("no-agency", "H", agency="nowhere"),
        "not an object",
    ])
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data))
    with caplog.at_level("WARNING"):
        report = load_catalog_file(path, ALLOWED)
    # A link to a host the plaza did not allow loses the link, never the service.
    assert [s.code for s in report.catalog.services] == ["good", "http-url", "evil-host"]
    assert all(not s.info_url for s in report.catalog.services[1:])
    assert len(report.problems) == 9
    text = "\n".join(report.problems)
    for expected in ("(no-fields): missing", "longer than 120",
                     "not https on an allowed host; link dropped",
                     "prefix 'A' is already used", "closes before it opens",
                     "2 items in 'id' but 1 in 'en'", "agency 'nowhere'", "not an object"):
        assert expected in text
    assert len([r for r in caplog.records if "refused" in r.getMessage()]) == 7


def test_one_problem_line_names_everything_wrong_with_an_entry() -> None:
    entry = service_entry("untidy", "B", fee=-5, counters=[], name={"id": " ", "en": "Name"})
    del entry["hours"], entry["description"]
    report = parse_catalog(catalog_data([service_entry("good", "A"), entry]), ALLOWED)
    assert [s.code for s in report.catalog.services] == ["good"]
    assert report.problems == [
        "services #2 (untidy): missing 'description', 'hours'; 'name.id' is empty; 'fee' must be at "
        "least 0; 'counters' must have at least 1 item(s); refused"
    ]


def test_keys_a_newer_catalog_adds_are_ignored() -> None:
    data = catalog_data([service_entry("ktp-el", "A", queue_screen={"colour": "red"})])
    data["plaza"]["website"] = "https://banjarmasinkota.go.id"
    report = parse_catalog(data, ALLOWED)
    assert report.problems == []
    assert [s.code for s in report.catalog.services] == ["ktp-el"]


def test_a_file_that_is_not_a_catalog_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text("{not json")
    with pytest.raises(CatalogError, match="not valid JSON"):
        load_catalog_file(path, ALLOWED)
    with pytest.raises(CatalogError, match="unknown catalog format"):
        parse_catalog({"format": "other"}, ALLOWED)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://banjarmasinkota.go.id/a", True),
        ("https://dukcapil.banjarmasinkota.go.id/a", True),
        ("http://banjarmasinkota.go.id/a", False),
        ("https://evilbanjarmasinkota.go.id/a", False),
        ("https://user@banjarmasinkota.go.id/a", False),
        ("javascript:alert(1)", False),
    ],
)
def test_qr_urls_must_be_https_on_an_allowed_host(url: str, ok: bool) -> None:
    assert url_allowed(url, ALLOWED) is ok


def test_a_plaza_names_its_own_link_hosts_in_its_catalog() -> None:
    """Tanah Laut's services link to its own domain: its catalog says so, and every device and
    the server read the same list from it, whatever their own defaults."""
    data = catalog_data([service_entry("izin", "A", info_url="https://dpmptsp.tanahlautkab.go.id/x"),
                         service_entry("ktp-el", "B")])
    data["plaza"]["link_hosts"] = ["tanahlautkab.go.id"]
    report = parse_catalog(data, ALLOWED)
    links = {s.code: s.info_url for s in report.catalog.services}
    assert links["izin"] == "https://dpmptsp.tanahlautkab.go.id/x"
    assert links["ktp-el"] == ""  # the Banjarmasin default no longer applies here
    assert any("link dropped" in p for p in report.problems)
    data["plaza"]["link_hosts"] = ["not a host"]
    with pytest.raises(CatalogError, match="link_hosts"):
        parse_catalog(data, ALLOWED)


@pytest.mark.parametrize("text", ["KTP\u202eel", "KTP\x00", "KTP\x1b[31m", "KTP\r\nBaru",
                                  "\u2067KTP\u2069"])
def test_control_and_text_direction_characters_are_refused(text) -> None:
    data = catalog_data([service_entry("ktp-el", "A", name={"id": text, "en": "ID card"}),
                         service_entry("kk", "B")])
    report = parse_catalog(data, ALLOWED)
    assert [s.code for s in report.catalog.services] == ["kk"]
    assert any("ktp-el" in p and "control or text-direction" in p for p in report.problems)


def test_an_unknown_time_zone_refuses_the_catalog() -> None:
    data = catalog_data()
    data["plaza"]["timezone"] = "Mars/Olympus"
    with pytest.raises(CatalogError, match="Mars/Olympus"):
        parse_catalog(data, ALLOWED)


def test_deeply_nested_or_huge_files_are_refused_cleanly(tmp_path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CatalogError, match="nested too deeply"):
        read_catalog_file(deep)
    huge = tmp_path / "huge.json"
    huge.write_text('{"junk": "' + "x" * (CATALOG_MAX_BYTES + 1) + '"}')
    with pytest.raises(CatalogError, match="larger than"):
        read_catalog_file(huge)


def test_only_the_formats_fields_of_accepted_entries_are_kept_for_devices() -> None:
    data = catalog_data([service_entry("ktp-el", "A", junk={"deep": [1] * 50}),
                         service_entry("kk", "B", agency="nowhere")])
    data["junk"] = "x" * 10_000
    report = parse_catalog(data, ALLOWED)
    assert [s["code"] for s in report.document["services"]] == ["ktp-el"]
    assert "junk" not in json.dumps(report.document)
    assert parse_catalog(report.document, ()).catalog == report.catalog  # reads back the same
