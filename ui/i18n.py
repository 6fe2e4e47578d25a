"""Languages: Bahasa Indonesia by default, English a tap away, through Qt's translators.

UI text is written in English in the code and wrapped in `translate("Context", "…")`
so `pyside6-lupdate` finds it (`make translations`); assets/translations/plaza_id.ts
holds the Indonesian. Counts are written as "…: %1" or as separate singular and plural
strings, because lupdate's Python reader cannot mark plural forms for a variable count.
"""

from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from kiosk.paths import ASSETS

log = logging.getLogger(__name__)

TRANSLATIONS = ASSETS / "translations"
LANGUAGES = ("id", "en")
SOURCE_LANGUAGE = "en"  # the texts in the code; no translator needed
translate = QCoreApplication.translate
# Qt's translators belong to the whole application; every one installed through `Languages`
# is listed here, so `reset_languages()` can bring the app back to the source language.
_INSTALLED: weakref.WeakSet[QTranslator] = weakref.WeakSet()  # never keeps one alive


class Languages:
    """Installs the translator for the visitor's language."""

    def __init__(self) -> None:
        self.current = ""
        self._translators: dict[str, QTranslator] = {}
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
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
        if self.current in self._translators:
            app.removeTranslator(self._translators[self.current])
            _INSTALLED.discard(self._translators[self.current])
        if lang in self._translators:
            app.installTranslator(self._translators[lang])
            _INSTALLED.add(self._translators[lang])
        self.current = lang
        return True

    def uninstall(self) -> None:
        if self.current in self._translators:
            QCoreApplication.instance().removeTranslator(self._translators[self.current])
            _INSTALLED.discard(self._translators[self.current])
        self.current = ""


def reset_languages() -> None:
    """Remove every translator installed through `Languages` (for tests: each starts in the
    source language, whatever an earlier window left behind)."""
    app = QCoreApplication.instance()
    for translator in list(_INSTALLED):
        app.removeTranslator(translator)
    _INSTALLED.clear()


def locale(lang: str) -> QLocale:
    return QLocale("en_GB" if lang == "en" else "id_ID")


def rupiah(amount: int) -> str:
    """Rp 50.000 — the dot as thousands separator, in both languages (it is the currency's form)."""
    return "Rp " + f"{amount:,}".replace(",", ".")
