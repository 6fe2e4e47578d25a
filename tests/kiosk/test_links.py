"""A QR link may only point where the plaza allows, however the address is written (issue 10,
item 4): the one check in kiosk.links serves the kiosk's import, the server's import and
`PUT /v1/services`."""

from __future__ import annotations

import json

import pytest
import requests

from cityapi.catalog_import import check_document
from kiosk.catalog_format import load_catalog_data, url_allowed
from kiosk.links import link_problem
from tests.city_server import CityServer
from tests.conftest import ALLOWED, catalog_data, service_entry

BYPASS = "https://evil.example\\.banjarmasinkota.go.id/layanan"

LEGITIMATE = [
    "https://banjarmasinkota.go.id",
    "https://banjarmasinkota.go.id/",
    "https://disdukcapil.banjarmasinkota.go.id/layanan",
    "https://Disdukcapil.BanjarmasinKota.GO.ID/layanan",  # hosts compare without case
    "HTTPS://disdukcapil.banjarmasinkota.go.id/layanan",
    "https://a.b-c.banjarmasinkota.go.id/akta?jenis=kelahiran&lang=id#syarat",
    "https://disdukcapil.banjarmasinkota.go.id/cari?q=akta%20kelahiran%2Fkematian",
    "https://disdukcapil.banjarmasinkota.go.id/a/b/../c",
    "https://skck.polri.go.id/",
    "https://disdukcapil.banjarmasinkota.go.id/path@with-at",  # '@' after the host is a path
]

BYPASSES = [
    BYPASS,
    "https://evil.example\\@banjarmasinkota.go.id/",
    "https:\\\\evil.example/.banjarmasinkota.go.id",
    "https://banjarmasinkota.go.id@evil.example/",
    "https://user@banjarmasinkota.go.id/",
    "https://user:pass@banjarmasinkota.go.id/",
    "https://evil.example%5C.banjarmasinkota.go.id/",
    "https://evil.example%5c.banjarmasinkota.go.id/",
    "https://evil.example%2F.banjarmasinkota.go.id/",
    "https://evil.example%2f.banjarmasinkota.go.id/",
    "https://evil%2eexample.banjarmasinkota.go.id/",
    "https://banjarmasinkota.go.id./",  # a trailing dot: another name to a browser's cookies
    "https://banjarmasinkota.go.id../",
    "https://.banjarmasinkota.go.id/",
    "https://disdukcapil..banjarmasinkota.go.id/",
    "https://banjarmasinkota.go.id:8443/",
    "https://banjarmasinkota.go.id:443/",
    "https://banjarmasinkota.go.id:/",
    "https://xn--bnjarmasinkota-lkb.go.id/",  # punycode, not on the list
    "https://xn--80ak6aa92e.banjarmasinkota.go.id/",  # punycode label under an allowed host
    "https://bаnjarmasinkota.go.id/",  # a Cyrillic 'а'
    "https://ｂanjarmasinkota.go.id/",  # full-width: browsers map it to 'b'
    "https://evil.example。banjarmasinkota.go.id/",  # ideographic full stop: a dot to browsers
    "javascript:alert(1)",
    "JavaScript://banjarmasinkota.go.id/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://banjarmasinkota.go.id/",
    "ftp://banjarmasinkota.go.id/",
    "//evil.example/.banjarmasinkota.go.id",
    "https:///evil.example/.banjarmasinkota.go.id",
    "https:/evil.example/.banjarmasinkota.go.id",
    "https:evil.example/.banjarmasinkota.go.id",
    "https://evil.example#.banjarmasinkota.go.id",
    "https://evil.example?.banjarmasinkota.go.id",
    "https://evil.example/.banjarmasinkota.go.id",
    "https://banjarmasinkota.go.id.evil.example/",
    "https://evilbanjarmasinkota.go.id/",
    "https://ev\til.example.banjarmasinkota.go.id/",  # browsers drop tabs: still a control char
    "https://disdukcapil.banjarmasinkota.go.id/\nx",
    " https://disdukcapil.banjarmasinkota.go.id/",
    "https://disdukcapil.banjarmasinkota.go.id/ x",
    "https://disdukcapil.banjarmasinkota.go.id/\u202egnp.exe",  # right-to-left override
    "https://[::1]/",
    "https://127.0.0.1/",
    "https://0x7f.1/",
    "https://evil.example\x00.banjarmasinkota.go.id/",
    "https://evil_example.banjarmasinkota.go.id/",
    "https://-evil.banjarmasinkota.go.id/",
    "https://",
    "",
    "https://disdukcapil.banjarmasinkota.go.id/" + "a" * 300,
]


@pytest.mark.parametrize("url", LEGITIMATE)
def test_plain_links_on_allowed_hosts_pass(url: str) -> None:
    assert link_problem(url, ALLOWED) is None


@pytest.mark.parametrize("url", BYPASSES)
def test_ambiguous_or_foreign_links_are_refused(url: str) -> None:
    assert not url_allowed(url, ALLOWED), url


def test_not_a_string_is_refused() -> None:
    assert not url_allowed(None, ALLOWED)
    assert not url_allowed(["https://banjarmasinkota.go.id/"], ALLOWED)


def test_the_reason_is_said_for_it() -> None:
    assert "backslash" in link_problem(BYPASS, ALLOWED)
    assert "user" in link_problem("https://a@banjarmasinkota.go.id/", ALLOWED)
    assert "port" in link_problem("https://banjarmasinkota.go.id:8443/", ALLOWED)
    assert "percent" in link_problem("https://a%5C.banjarmasinkota.go.id/", ALLOWED)
    assert "dot" in link_problem("https://banjarmasinkota.go.id./", ALLOWED)
    assert "not on the plaza's list" in link_problem("https://evil.example/", ALLOWED)


def test_an_internationalised_host_passes_only_when_listed_exactly() -> None:
    listed = ("xn--80ak6aa92e.go.id", "banjarmasinkota.go.id")
    assert url_allowed("https://xn--80ak6aa92e.go.id/layanan", listed)
    assert url_allowed("https://XN--80AK6AA92E.go.id/layanan", listed)
    assert not url_allowed("https://sub.xn--80ak6aa92e.go.id/", listed)
    assert not url_allowed("https://xn--80ak6aa92e.banjarmasinkota.go.id/", listed)


def test_the_list_itself_compares_without_case() -> None:
    assert url_allowed("https://dukcapil.banjarmasinkota.go.id/", ("BanjarmasinKota.go.id",))


def _catalog_with_link(url: str) -> dict:
    return catalog_data([service_entry("ktp-el", "A", info_url=url),
                         service_entry("kk", "B")])


def test_the_kiosk_import_drops_a_bypass_link_and_keeps_the_service() -> None:
    report = load_catalog_data(_catalog_with_link(BYPASS), ALLOWED, "test")
    service = next(s for s in report.catalog.services if s.code == "ktp-el")
    assert service.info_url == ""
    assert any("link dropped" in problem for problem in report.problems)


def test_the_server_import_drops_a_bypass_link() -> None:
    report = check_document(_catalog_with_link(BYPASS), "test")
    assert next(s for s in report.catalog.services if s.code == "ktp-el").info_url == ""
    assert any("link dropped" in problem for problem in report.problems)


def test_a_bypass_link_put_on_the_server_reaches_no_kiosk(city: CityServer) -> None:
    admin = {"Authorization": f"Bearer {city.enrol('admin', 'city-admin')['token']}"}
    answer = requests.put(f"{city.url}/v1/services/kk", headers=admin, timeout=5,
                          json=service_entry("kk", "B", info_url=BYPASS))
    assert answer.status_code == 200, answer.text
    document = requests.get(f"{city.url}/v1/catalog", headers=admin, timeout=5).json()
    # The server keeps the catalog as it checked it: the link is gone before any kiosk sees it.
    assert "evil.example" not in json.dumps(document)
    report = load_catalog_data(document, ALLOWED, "from the server")
    assert next(s for s in report.catalog.services if s.code == "kk").info_url == ""
