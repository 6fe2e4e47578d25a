"""Timing a device's start from outside, the same way for every bench: the process is launched
with `--quit-after-first-paint` and reports when its first frame was painted (`first_paint`)
and when it was ready to serve (`ready`); a minimal PySide6 window, started the same way,
is the floor each start is compared with (DESIGN §7)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Plaza")
class First(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first_paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
first = First()
label.installEventFilter(first)
label.show()
app.exec()
"""
MINIMAL_WINDOW = [sys.executable, "-c", MINIMAL]


def start_marks(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from the launch to each mark the process printed (`ready` is the first
    paint for a process that prints only that)."""
    started = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)
    marks = {line.split()[0]: (float(line.split()[1]) - started) * 1000
             for line in out.stdout.splitlines() if line.startswith(("first_paint", "ready"))}
    if "first_paint" not in marks:
        raise RuntimeError(f"{command[0]} painted nothing: {out.stderr[-2000:]}")
    marks.setdefault("ready", marks["first_paint"])
    return marks
