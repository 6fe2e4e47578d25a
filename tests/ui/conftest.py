import pytest


@pytest.fixture(autouse=True)
def _fonts(kiosk_app):
    """Every UI test runs with the kiosk's own fonts loaded."""


@pytest.fixture(autouse=True)
def _source_language(kiosk_app):
    """Every UI test starts in the code's language: Qt's translators are app-wide, and a
    window of an earlier test may still hold one (its owner not yet collected)."""
    from ui.i18n import reset_languages

    reset_languages()
