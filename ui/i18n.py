"""Languages: Bahasa Indonesia by default, English a tap away, through Qt's translators.

UI text is written in English in the code and wrapped in `translate("Context", "…")`
so `pyside6-lupdate` finds it (`make translations`); assets/translations/plaza_id.ts
holds the Indonesian. Counts are written as "…: %1" or as separate singular and plural
strings, because lupdate's Python reader cannot mark plural forms for a variable count.

Qt's translators belong to the whole application, so the language does too: one switch per
QApplication (`languages()`), installing exactly one translator. A switch sends every widget
`QEvent.LanguageChange`; widgets word themselves again in `changeEvent`, and catalog texts
(both languages in the data) follow `languages().current`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, QTranslator

from kiosk.paths import ASSETS

log = logging.getLogger(__name__)

TRANSLATIONS = ASSETS / "translations"
LANGUAGES = ("id", "en")
SOURCE_LANGUAGE = "en"  # the texts in the code; no translator needed
translate = QCoreApplication.translate


class Languages(QObject):
    """The application's language: owned by the QApplication, reached through `languages()`."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(type(self).__name__)
        self.current = SOURCE_LANGUAGE  # no translator installed yet: the code's own words
        self._translators: dict[str, QTranslator] = {}
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
            translator = QTranslator(self)
            path = TRANSLATIONS / f"plaza_{lang}.qm"
            if not translator.load(str(path)):
                log.error("translation %s is missing; run `make` to build it", path.name)
            self._translators[lang] = translator

    def switch(self, lang: str) -> bool:
        """Make `lang` the application's language. Returns True if it changed; by then every
        widget has had its LanguageChange and shows the new language."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        if lang == self.current:
            return False
        app = QCoreApplication.instance()
        old, new = self._translators.get(self.current), self._translators.get(lang)
        self.current = lang  # before Qt announces the change: handlers read it
        announced = old is not None and app.removeTranslator(old)
        if new is not None:
            announced = app.installTranslator(new) or announced
        if not announced:  # Qt stays quiet for an empty (missing) translation; catalog texts still change
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        # Qt posts LanguageChange to each window; deliver it now, so the switch is whole on return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return True


def languages() -> Languages:
    """The one language switch of the running QApplication (made on first use)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the QApplication must exist before its language (ui.app.application)")
    found = app.findChild(Languages, Languages.__name__, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else Languages(app)


def locale(lang: str) -> QLocale:
    return QLocale("en_GB" if lang == "en" else "id_ID")


def rupiah(amount: int) -> str:
    """Rp 50.000 — the dot as thousands separator, in both languages (it is the currency's form)."""
    return "Rp " + f"{amount:,}".replace(",", ".")
