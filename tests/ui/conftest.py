import pytest


@pytest.fixture(autouse=True)
def _fonts(kiosk_app):
    """Every UI test runs with the kiosk's own fonts loaded."""
