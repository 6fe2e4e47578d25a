"""The ticket's phone page in a real headless browser (Debian's chromium driven by Playwright):
it fits a 360x740 phone, follows the ticket without reloading, alerts when the visitor is
almost up and again when called, and takes the rating once the ticket is done."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from cityapi.models import Feedback, FeedbackAnswer
from tests.city_server import CityServer
from tests.cityapi.counter_helpers import Console, add_clerk
from tests.cityapi.test_api import post_ops, ticket_op

PHONE = {"width": 360, "height": 740}
# Headless, as root, on a machine with no network but loopback: no sandbox, no background
# connections (they would be refused, many at a time).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--autoplay-policy=no-user-gesture-required"]
# The page's vibrations, recorded: a headless browser has no motor to ask.
RECORD_VIBRATIONS = """
window.__vibrations = [];
Object.defineProperty(navigator, "vibrate", {configurable: true,
  value: (pattern) => { window.__vibrations.push(pattern); return true; }});
"""


def chromium() -> str:
    found = os.environ.get("PLAZA_TEST_CHROMIUM") or shutil.which("chromium")
    if found is None:
        message = "Debian's chromium is not installed (scripts/install-test-tools.sh installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture
def phone() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                      has_touch=True, locale="id-ID")
        context.add_init_script(RECORD_VIBRATIONS)
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def test_the_phone_page_follows_the_ticket_and_takes_the_rating(
        city: CityServer, phone, tmp_path: Path) -> None:
    page = phone
    token = city.enrol()["token"]
    before, mine = ticket_op("A-001"), ticket_op("A-002")
    assert [r["status"] for r in post_ops(city, token, [before, mine]).json()["results"]] == \
        ["applied", "applied"]
    desk = Console(city, "1", add_clerk(city))
    code = mine["payload"]["public_code"]

    page.goto(f"{city.url}/t/{code}")
    assert page.locator("#number").inner_text() == "A-002"
    assert page.locator("#ahead").inner_text() == "1 orang di depan Anda"
    # One ahead is "almost up": the open page says so, and vibrates once.
    assert "Giliran Anda hampir tiba" in page.locator("#alert").inner_text()
    page.wait_for_function("document.body.dataset.alert === 'near'")
    assert page.evaluate("window.__vibrations.length") == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#remind").click()  # the visitor allows sound (and vibration where allowed)
    assert page.evaluate("window.__vibrations") == [[400, 200, 400], 80]  # the alert, the tap
    page.screenshot(path=str(tmp_path / "waiting.png"), full_page=True)
    page.evaluate("window.__loaded = true")  # gone if the page reloads

    assert desk.act("call_next").status == "applied"
    page.wait_for_function("document.getElementById('ahead').textContent === 'Anda berikutnya'")
    assert page.evaluate("window.__vibrations.length") == 2  # no new alert for the same level
    assert desk.act("done", before["payload"]["id"]).status == "applied"
    assert desk.act("call_next").status == "applied"  # mine
    page.wait_for_function("document.body.dataset.alert === 'called'")
    assert page.locator("#state").inner_text() == "Dipanggil ke Loket 1"
    assert "Silakan menuju Loket 1" in page.locator("#alert").inner_text()
    assert page.evaluate("window.__vibrations[2]") == [500, 200, 500, 200, 500]  # called
    assert page.evaluate("window.__loaded") is True  # updated in place, never reloaded
    page.screenshot(path=str(tmp_path / "called.png"), full_page=True)

    assert desk.act("done", mine["payload"]["id"]).status == "applied"
    page.locator("#rating").wait_for(state="visible")
    page.locator("fieldset[data-question='keseluruhan'] .choice").nth(3).click()
    page.locator("details summary").first.click()
    page.locator("fieldset[data-question='perilaku'] .choice").nth(2).click()
    page.locator("#comment").fill('Petugas ramah <img src=x onerror="alert(1)">')
    page.locator("details summary").nth(1).click()  # "About you (optional)"
    page.locator("#age_band").select_option("60+")
    page.screenshot(path=str(tmp_path / "rating.png"), full_page=True)
    page.locator("#send").click()
    page.wait_for_function("document.body.dataset.rated === 'yes'")
    assert page.locator("#thanks-text").inner_text() == "Terima kasih atas penilaian Anda."
    assert page.locator("#rating").is_hidden()
    assert "lapor.go.id" in page.locator("#lapor").inner_text()
    desk.close()

    with city.sessions() as session:
        rating = session.scalars(select(Feedback)).one()
        answers = dict(session.execute(select(FeedbackAnswer.question, FeedbackAnswer.value)).all())
    assert rating.ticket_id == mine["payload"]["id"] and rating.channel == "phone"
    assert rating.age_band == "60+" and rating.comment.startswith("Petugas ramah <img")
    assert answers == {"keseluruhan": 4, "perilaku": 3}
    # Opened again later: the page says it was rated, and offers no second form.
    page.goto(f"{city.url}/t/{code}?lang=en")
    assert page.locator("#rating").is_hidden()
    assert page.locator("#thanks-text").inner_text() == "This ticket has been rated. Thank you."
