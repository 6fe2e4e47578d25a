"""Every visitor screen, laid out as a visitor sees it: both languages, both orientations, large
text and high contrast, with the sample catalog's longest names. Nothing may be cut off, leave
the window, overlap, or be smaller than the guide allows (tests/ui/layout_guard.py).

One window per orientation and mode, reused for every screen and language."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.config import load_config
from kiosk.local_plaza import LocalPlaza
from kiosk.paths import SAMPLE_CATALOG
from kiosk.store.db import open_store
from tests.conftest import TUESDAY_10, FixedClock
from tests.kiosk_window import _PIN_HASH
from tests.ui.layout_guard import Rules, check_layout
from ui.app import build_kiosk
from ui.display.shot import seed_sample_calls
from ui.i18n import languages
from ui.kiosk_model import StaffNotes
from ui.shell import KioskWindow
from ui.theme import PRIMARY_HEIGHT, SMALLEST

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
MODES = {
    "plain": {},
    "large-text": {"large_text": True},
    "high-contrast": {"high_contrast": True},
    "large-text+high-contrast": {"large_text": True, "high_contrast": True},
}
# The guide: text never under 24 px, every target at least 80x80, primary actions 120 tall;
# and a page or list keeps room to be read in (about five rows of a list).
RULES = Rules(min_text_px=SMALLEST, min_target_px=80, min_scroll_view_px=600)
CLOSED_SERVICE = "skck-perpanjangan"  # closed by staff for the day: its page says why


@pytest.fixture(scope="module")
def sample_plaza(tmp_path_factory) -> Iterator[LocalPlaza]:
    """The sample catalog on a Tuesday morning: numbers called to counters, people waiting,
    one service closed by staff."""
    folder = tmp_path_factory.mktemp("layout")
    store = open_store(folder / "kiosk.db")
    plaza = LocalPlaza(store, device_id="kiosk-layout", timezone="Asia/Makassar",
                       clock=FixedClock(TUESDAY_10))
    config = _config(folder)
    plaza.import_catalog(SAMPLE_CATALOG, config.qr.allowed_hosts)
    seed_sample_calls(plaza)
    from kiosk.availability import StaffOverride

    plaza.set_override(CLOSED_SERVICE, StaffOverride.CLOSED)
    yield plaza
    store.close()


def _config(folder):
    return load_config(None, environ={"PLAZA_KIOSK_CONFIG": ""}).with_values(
        staff={"pin_hash": _PIN_HASH}, data={"dir": str(folder)})


def longest(plaza: LocalPlaza, lang: str) -> str:
    """The code of the service with the longest name in `lang`."""
    return max(plaza.catalog().services, key=lambda s: len(s.name.get(lang))).code


def screens(window: KioskWindow, lang: str) -> Iterator[str]:
    """Bring each visitor screen up in turn; yields what is on show."""
    model = window.model
    code = longest(model.plaza, lang)
    agency = model.service(code).agency
    window.go("home")
    yield "home"
    window.go("services")
    yield "services"
    window.go("services", agency=agency)
    yield f"services of {agency}"
    window.go("service", code=code)
    yield f"service {code}"
    window.go("service", code=CLOSED_SERVICE)
    yield f"service {CLOSED_SERVICE} (closed)"
    window.go("search")
    yield "search (empty)"
    window.go("search", query=model.agency(agency).short_name.lower())
    yield "search"
    ticket = model.plaza.issue_ticket(code)
    window.go("ticket", ticket=ticket)
    yield "ticket"
    window.go("queue")
    yield "queue"
    window.go("info")
    yield "info"
    window.go("attract")
    yield "attract"
    yield from survey_steps(window, ticket)
    window.go("staff")
    yield "staff (PIN pad)"
    staff = window.screens["staff"]
    staff.unlocked = True  # the panel behind the PIN (the PIN itself is tested elsewhere)
    staff.render()
    yield "staff (panel)"


# The survey's steps, with the elements whose questions and answer words are longest.
SURVEY_ELEMENTS = (0, 4, 6, 7)


def survey_steps(window: KioskWindow, ticket) -> Iterator[str]:
    from ui.screens import survey

    window.go("survey")
    yield "survey: which office"
    window.go("ticket", ticket=ticket)
    window.current.rate_button.click()  # the office of the longest-named service
    assert window.current.step == survey.QUICK
    yield "survey: quick rating"
    page = window.current
    page._go(survey.MORE)
    yield "survey: nine more?"
    for index in SURVEY_ELEMENTS:
        page._go(survey.ELEMENT, index)
        yield f"survey: element {index + 1}"
    page._go(survey.COMMENT)
    yield "survey: comment"
    page._go(survey.PROFILE)
    yield "survey: profile"
    page._go(survey.THANKS)
    yield "survey: thanks"
    window.home()


def settle() -> None:
    """What the event loop does before the next frame: queued shows, then layouts."""
    for _ in range(4):
        QApplication.processEvents()


def kiosk_rules(window: KioskWindow, screen: str) -> list[str]:
    """The guide's rules beyond the generic guard."""
    theme = window.theme
    found = []
    for widget in window.findChildren(QPushButton):
        if (widget.isVisibleTo(window) and widget.property("role") == "accent"
                and widget.height() < theme.px(PRIMARY_HEIGHT)):
            found.append(f"{widget.text()!r}: a primary action {widget.height()} px tall, under "
                         f"{theme.px(PRIMARY_HEIGHT)}")
    if screen == "ticket":
        page = window.current
        view = page.scroll.viewport()
        for name, widget in (("the number", page.number), ("its counter", page.where),
                             ("Done", page.done_button), ("the countdown", page.countdown_label)):
            if not _on_screen(widget, window, view if page.scroll.isAncestorOf(widget) else None):
                found.append(f"{name} is not on screen without scrolling")
    return found


def _on_screen(widget: QWidget, window: QWidget, view: QWidget | None) -> bool:
    corner = widget.mapTo(window, widget.rect().topLeft())
    box = widget.rect().translated(corner)
    if view is not None:
        shown = view.rect().translated(view.mapTo(window, view.rect().topLeft()))
        return widget.isVisible() and shown.contains(box)
    return widget.isVisible() and window.rect().contains(box)


@pytest.fixture
def kiosk(qtbot, kiosk_app, sample_plaza, tmp_path) -> Iterator[Callable[..., KioskWindow]]:
    windows: list[KioskWindow] = []

    def make(size: tuple[int, int], **modes) -> KioskWindow:
        window = build_kiosk(_config(tmp_path), sample_plaza, StaffNotes(), kiosk_mode=False)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(*size)
        window.show()
        window.model.store.wait_idle()
        window.set_theme(**modes)
        return window

    yield make
    for window in windows:
        window.dispose()
    languages().switch("id")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("orientation", SIZES)
def test_every_visitor_screen_fits(kiosk, orientation: str, mode: str) -> None:
    window = kiosk(SIZES[orientation], **MODES[mode])
    rules = RULES.scaled(window.theme.scale)
    problems: list[str] = []
    checked = 0
    for lang in ("id", "en"):
        window.set_language(lang)
        for screen in screens(window, lang):
            settle()
            assert window.size().toTuple() == SIZES[orientation], f"{screen} resized the window"
            found = check_layout(window, rules) + kiosk_rules(window, screen)
            problems += [f"[{lang}] {screen}: {problem}" for problem in found]
            checked += 1
    assert checked == 2 * (13 + 6 + len(SURVEY_ELEMENTS))
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems[:40])


def test_the_guard_sees_each_kind_of_problem(qtbot, kiosk_app) -> None:
    """The premise of the test above: a window with one of every fault is reported in full."""
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    root.setStyleSheet("QWidget { font-family: 'Noto Sans'; font-size: 28px; }")
    root.resize(400, 300)
    column = QVBoxLayout(root)
    cut = QLabel("A label far too long for its box")
    cut.setObjectName("cut")
    cut.setFixedWidth(120)
    hyphen = QLabel("Penggantian KTP-el")
    hyphen.setObjectName("hyphen")
    hyphen.setWordWrap(True)
    small = QLabel("tiny")
    small.setObjectName("small")
    small.setStyleSheet("font-size: 12px;")
    tap = QPushButton("OK")
    tap.setObjectName("tap")
    tap.setFixedSize(40, 40)
    row = QHBoxLayout()
    for widget in (cut, hyphen, small, tap):
        row.addWidget(widget) if widget is not hyphen else column.addWidget(widget)
    column.addLayout(row)
    hyphen.ensurePolished()  # the stylesheet's font: room for "Penggantian KTP-", not "el"
    hyphen.setFixedWidth(hyphen.fontMetrics().horizontalAdvance("Penggantian KTP-") + 4)
    outside = QLabel("out", root)
    outside.setObjectName("outside")
    outside.setGeometry(380, 280, 60, 40)
    root.show()
    settle()
    problems = "\n".join(check_layout(root, Rules(min_text_px=24, min_target_px=80)))
    for expected in ("cut: text cut off at the side", "hyphen: word broken inside: 'KTP-|el'",
                     "small: text 12 px, under the 24 px minimum",
                     "tap: touch target 40x40 px, under the 80 px minimum",
                     "outside: leaves the window"):
        name, _, what = expected.partition(": ")
        assert any(name in line and what in line for line in problems.splitlines()), \
            f"{expected!r} not found in:\n{problems}"
