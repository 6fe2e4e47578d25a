"""The packaged bundle's figures against DESIGN §7, printed as JSON (medians of repeated runs,
taken side by side in one run so the machine's load hits all alike):

    make package && python bench/bundle.py [--bundle dist/plaza-kiosk-VERSION] [--runs 7]

cold start: process launch to the first painted frame, offscreen: a minimal PySide6 window
(a QLabel, from source: the floor), the bundle's kiosk home screen and the same from source,
each the second start in its data folder (the store exists, as every morning); sizes: the
bundle unpacked and its tarball.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
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


def first_paint(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)
    painted = next(float(line.split()[1]) for line in out.stdout.splitlines()
                   if line.startswith("first_paint"))
    return (painted - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.bundle is None:
        args.bundle = max(ROOT.glob("dist/plaza-kiosk-*/"), key=lambda p: p.stat().st_mtime)
    app = args.bundle / "plaza-kiosk"
    times: dict[str, list[float]] = {"minimal_window": [], "bundle_kiosk": [], "source_kiosk": []}
    kiosk = ["kiosk", "--windowed", "--quit-after-first-paint"]
    with tempfile.TemporaryDirectory() as bundle_data, tempfile.TemporaryDirectory() as source_data:
        base = {k: v for k, v in os.environ.items() if not k.startswith("PLAZA_KIOSK")}
        base["QT_QPA_PLATFORM"] = "offscreen"
        commands = {
            "minimal_window": ([sys.executable, "-c", MINIMAL], base),
            "bundle_kiosk": ([str(app), *kiosk], base | {"PLAZA_KIOSK__DATA__DIR": bundle_data}),
            "source_kiosk": ([sys.executable, "-m", "plaza_kiosk", *kiosk],
                             base | {"PLAZA_KIOSK__DATA__DIR": source_data}),
        }
        for command, env in commands.values():
            first_paint(command, env)  # the first start makes the store; not counted
        for _ in range(args.runs):
            for name, (command, env) in commands.items():
                times[name].append(first_paint(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    unpacked = sum(p.lstat().st_size for p in args.bundle.rglob("*"))
    tarballs = list(args.bundle.parent.glob(f"{args.bundle.name}-linux-*.tar.gz"))
    figures = {f"cold_start_ms_median_{name}": round(value, 1) for name, value in medians.items()}
    figures |= {
        "bundle_vs_minimal_window": round(medians["bundle_kiosk"] / medians["minimal_window"], 2),
        "source_vs_minimal_window": round(medians["source_kiosk"] / medians["minimal_window"], 2),
        "bundle_mib_unpacked": round(unpacked / 2**20, 1),
        "tarball_mib": round(tarballs[0].stat().st_size / 2**20, 1) if tarballs else None,
        "runs": args.runs,
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
