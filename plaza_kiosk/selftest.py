"""`plaza-kiosk selftest`: does this build have everything it needs? From source or from the
bundle, offscreen, in a throwaway folder: a new store migrated by the bundled scripts, the
sample catalog, translations, each mode's main screen rendered and checked for paint, a QR
code, the voice clips assembled into a call (played nowhere). Exit 0, or name what failed.

CI runs it from the bundle, so a frozen app that cannot find a file fails CI, not a kiosk.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from plaza_kiosk.version import version

MIN_COLOURS = 12  # a screen with fewer distinct colours than this was not really painted


class Failed(Exception):
    """A step found something missing or wrong; the message names it."""


def main(out: Callable[[str], None] = print) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt loads: no screen needed
    # Only errors: the sample calls seeded for the screens log notes a kiosk's IT needs not read.
    logging.basicConfig(level=logging.ERROR, format="      log: %(name)s: %(message)s")
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    out(f"Plaza Kiosk {version()} selftest ({frozen}, {sys.executable})")
    failures = []
    with tempfile.TemporaryDirectory(prefix="plaza-selftest-") as scratch:
        steps = Steps(Path(scratch))
        for name, step in steps.all():
            started = time.perf_counter()
            try:
                detail = step()
            except Exception as error:  # each failure is named, then the next step
                failures.append(name)
                out(f"FAIL  {name}: {type(error).__name__}: {error}")
                if not isinstance(error, Failed):
                    out("      " + traceback.format_exc().strip().splitlines()[-2].strip())
                continue
            out(f"ok    {name}: {detail} ({(time.perf_counter() - started) * 1000:.0f} ms)")
        steps.close()
    if failures:
        out(f"selftest FAILED: {', '.join(failures)}")
        return 1
    out("selftest passed")
    return 0


class Steps:
    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.config = None
        self.plaza = None

    def all(self) -> list[tuple[str, Callable[[], str]]]:
        return [("files", self.files), ("store", self.store), ("catalog", self.catalog),
                ("qr", self.qr), ("voice", self.voice), ("ticket printer", self.slip),
                ("translations", self.translations),
                ("kiosk screen", lambda: self.screen("kiosk")),
                ("counter screen", lambda: self.screen("counter")),
                ("display screen", lambda: self.screen("display"))]

    def files(self) -> str:
        from kiosk.paths import ASSETS, SAMPLE_CATALOG
        from kiosk.store.db import MIGRATIONS

        wanted = [SAMPLE_CATALOG, ASSETS / "translations" / "plaza_id.qm",
                  ASSETS / "fonts" / "NotoSans-Regular.ttf", ASSETS / "branding" / "logo.svg",
                  MIGRATIONS / "env.py"]
        missing = [str(path) for path in wanted if not path.is_file()]
        if missing:
            raise Failed(f"missing: {', '.join(missing)}")
        icons = len(list((ASSETS / "icons").glob("*.svg")))
        scripts = len(list((MIGRATIONS / "versions").glob("0*.py")))
        return f"assets in {ASSETS}, {icons} icons, {scripts} migration scripts"

    def store(self) -> str:
        from kiosk.config import load_config
        from kiosk.store.db import HEAD, current_revision, head_revision, open_store

        # The store module skips Alembic when a store is current; the scripts must agree with it.
        if head_revision() != HEAD:
            raise Failed(f"the migration scripts end at {head_revision()}, the code expects {HEAD}")
        file = self.scratch / "config.toml"
        file.write_text(f'[data]\ndir = "{(self.scratch / "data").as_posix()}"\n', encoding="utf-8")
        self.config = load_config(file, environ={})
        store = open_store(self.config.data_dir / "kiosk.db")  # new: every migration runs
        try:
            revision = current_revision(store.engine)
        finally:
            store.close()
        if revision != HEAD:
            raise Failed(f"the new store is at {revision}, not {HEAD}")
        return f"created and migrated to {HEAD} by Alembic from the bundled scripts"

    def catalog(self) -> str:
        from plaza_kiosk.startup import open_plaza

        if self.config is None:
            raise Failed("no store (see above)")
        self.plaza, problems = open_plaza(self.config)  # loads the bundled sample catalog
        catalog = self.plaza.catalog()
        if not catalog.services:
            raise Failed("the sample catalog loaded no service")
        return f"sample catalog: {len(catalog.services)} services, {len(problems)} problems"

    def qr(self) -> str:
        from ui.widgets.qr import qr_matrix

        matrix = qr_matrix("https://antrian.banjarmasinkota.go.id/t/K7QF2XRP")
        if len(matrix) < 21:
            raise Failed("the QR matrix is too small")
        return f"{len(matrix)}x{len(matrix)} modules"

    def voice(self) -> str:
        from kiosk.voice import assemble, call_clips, clip_paths, missing_clips

        missing = missing_clips()
        if missing:
            raise Failed(f"voice clips missing: {', '.join(missing[:8])}")
        wav = assemble(clip_paths(call_clips("A-012", "3")))
        if not wav.startswith(b"RIFF"):
            raise Failed("the call did not assemble into a WAV")
        return f"'A-012 to counter 3' assembled ({len(wav) // 1024} KiB WAV, not played)"

    def slip(self) -> str:
        """A test slip made into ESC/POS bytes (python-escpos and its printer database), sent
        nowhere."""
        (self.scratch / "escpos").mkdir()
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(self.scratch / "escpos")
        from kiosk.printing.layout import render_test_page

        data = render_test_page(80, False, ["selftest"], "https://antrian.banjarmasinkota.go.id/t/X")
        if not data.startswith(b"\x1b@") or b"\x1dV" not in data:
            raise Failed("the test slip has no printer start or cut")
        return f"80 mm test slip: {len(data)} bytes of ESC/POS, printed nowhere"

    def translations(self) -> str:
        from PySide6.QtCore import QTranslator

        from ui.app import application
        from ui.i18n import TRANSLATIONS, languages

        application()
        path = TRANSLATIONS / "plaza_id.qm"
        translator = QTranslator()
        if not translator.load(str(path)) or translator.isEmpty():
            raise Failed(f"Qt cannot load {path}")
        languages().switch("id")
        return f"{path.name} loads ({path.stat().st_size // 1024} KiB)"

    def screen(self, mode: str) -> str:
        from PySide6.QtGui import QFontDatabase, QImage

        if self.plaza is None:
            raise Failed("no catalog (see above)")
        from plaza_kiosk.cli import DEFAULT_SIZES

        size = DEFAULT_SIZES[mode]
        out = self.scratch / f"{mode}.png"
        if mode == "kiosk":
            from ui.screenshot import take_screenshot

            take_screenshot(self.config, self.plaza, [], screen="home", lang="id", size=size, out=out)
        else:
            from ui.device_shots import device_screenshot

            device_screenshot(self.config, self.plaza, mode=mode, screen="home", lang="id",
                              size=size, out=out)
        image = QImage(str(out))
        if image.isNull() or (image.width(), image.height()) != size:
            raise Failed(f"the {mode} screen was not rendered at {size[0]}x{size[1]}")
        colours = _colours(image)
        if colours < MIN_COLOURS:
            raise Failed(f"the {mode} screen is blank ({colours} colours)")
        if "Noto Sans" not in QFontDatabase.families():
            raise Failed("the bundled Noto Sans font did not load")
        return f"{size[0]}x{size[1]} painted, {colours} colours"

    def close(self) -> None:
        if self.plaza is not None:
            self.plaza.store.close()


def _colours(image, step: int = 7) -> int:
    """Distinct colours on a grid of sample points (enough to tell paint from a blank)."""
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})
