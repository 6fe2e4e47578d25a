"""Every UI string exists in both languages, and the Indonesian file is current with the code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.paths import ASSETS
from ui.i18n import languages, translate

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ASSETS / "translations" / "plaza_id.ts"
PLACEHOLDER = re.compile(r"%\d")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    return {
        (context.findtext("name"), message.findtext("source")): message
        for context in tree.iter("context")
        for message in context.iter("message")
    }


def test_every_indonesian_translation_is_finished() -> None:
    found = messages(TS_FILE)
    assert len(found) > 80
    for (context, source), message in found.items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)
        text = translation.text or ""
        assert text.strip(), f"{context}: {source!r} has no Indonesian text"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source


def test_the_translation_file_lists_every_string_in_the_code(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate, "pyside6-lupdate comes with PySide6"
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, "-extensions", "py", str(ROOT / "ui"), "-ts", str(fresh)],
                   check=True, capture_output=True)
    in_code = set(messages(fresh))
    in_file = set(messages(TS_FILE))
    assert in_code - in_file == set(), "run `make translations` and translate the new strings"
    assert in_file - in_code == set(), "the .ts file has strings the code no longer uses"


def test_switching_language_installs_the_translator(qapp) -> None:
    languages().switch("id")
    indonesian = translate("Home", "Take a queue number")
    assert indonesian != "Take a queue number"
    languages().switch("en")
    assert translate("Home", "Take a queue number") == "Take a queue number"
    languages().switch("id")
    assert translate("Home", "Take a queue number") == indonesian
    assert languages() is languages()  # one switch for the whole application


@pytest.mark.parametrize("english", ["Open", "Closed", "Quota full"])
def test_badges_are_words_not_just_colours(qapp, english: str) -> None:
    languages().switch("id")
    assert translate("Badge", english) not in ("", english)
