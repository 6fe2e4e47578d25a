"""Languages: Bahasa Indonesia by default, English a tap away, through Qt's translators.

UI text is written in English in the code and wrapped in `translate("Context", "…")`
so `pyside6-lupdate` finds it (`make translations`); the .ts files in
assets/translations hold the Indonesian (and English plural) forms.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from kiosk.paths import ASSETS

log = logging.getLogger(__name__)

TRANSLATIONS = ASSETS / "translations"
LANGUAGES = ("id", "en")
translate = QCoreApplication.translate


class Languages:
    """Installs the translator for the visitor's language."""

    def __init__(self) -> None:
        self.current = ""
        self._translators: dict[str, QTranslator] = {}
        for lang in LANGUAGES:
            translator = QTranslator()
            path = TRANSLATIONS / f"plaza_{lang}.qm"
            if not translator.load(str(path)):
                log.error("translation %s is missing; run `make` to build it", path.name)
            self._translators[lang] = translator

    def switch(self, lang: str) -> bool:
        """Returns True if the language changed."""
        if lang == self.current:
            return False
        app = QCoreApplication.instance()
        if self.current:
            app.removeTranslator(self._translators[self.current])
        app.installTranslator(self._translators[lang])
        self.current = lang
        return True


def locale(lang: str) -> QLocale:
    if lang == "en":
        return QLocale(QLocale.Language.English, QLocale.Territory.UnitedKingdom)
    return QLocale(QLocale.Language.Indonesian, QLocale.Territory.Indonesia)


def rupiah(amount: int) -> str:
    """Rp 50.000 — the dot as thousands separator, in both languages (it is the currency's form)."""
    return "Rp " + f"{amount:,}".replace(",", ".")
