"""The packaged bundle's figures against DESIGN §7, printed as JSON (medians of repeated runs,
taken side by side in one run so the machine's load hits all alike):

    make package && python bench/bundle.py [--bundle dist/plaza-kiosk-VERSION] [--runs 7]

cold start: process launch to the first painted frame, offscreen: a minimal PySide6 window
(a QLabel, from source: the floor), the bundle's kiosk home screen and the same from source,
each the second start in its data folder (the store exists, as every morning); sizes: the
bundle unpacked and its tarball, in MiB and in MB (10^6 bytes, the budget's unit).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from startup import MINIMAL_WINDOW, start_marks

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if args.bundle is None:
        args.bundle = max(ROOT.glob("dist/plaza-kiosk-*/"), key=lambda p: p.stat().st_mtime)
    app = args.bundle / "plaza-kiosk"
    kiosk = ["kiosk", "--windowed", "--quit-after-first-paint"]
    marks: dict[str, list[dict[str, float]]] = {"minimal_window": [], "bundle_kiosk": [],
                                                "source_kiosk": []}
    with tempfile.TemporaryDirectory() as bundle_data, tempfile.TemporaryDirectory() as source_data:
        base = {k: v for k, v in os.environ.items() if not k.startswith("PLAZA_KIOSK")}
        base["QT_QPA_PLATFORM"] = "offscreen"
        commands = {
            "minimal_window": (MINIMAL_WINDOW, base),
            "bundle_kiosk": ([str(app), *kiosk], base | {"PLAZA_KIOSK__DATA__DIR": bundle_data,
                                                        "XDG_CACHE_HOME": f"{bundle_data}/cache"}),
            "source_kiosk": ([sys.executable, "-m", "plaza_kiosk", *kiosk],
                             base | {"PLAZA_KIOSK__DATA__DIR": source_data,
                                     "XDG_CACHE_HOME": f"{source_data}/cache"}),
        }
        for command, env in commands.values():
            start_marks(command, env)  # the first start makes the store and the first frame
        for _ in range(args.runs):
            for name, (command, env) in commands.items():
                marks[name].append(start_marks(command, env))
    medians = {f"{mark}_ms_median_{name}": statistics.median(run[mark] for run in runs)
               for name, runs in marks.items() for mark in ("first_paint", "ready")
               if name != "minimal_window" or mark == "first_paint"}
    floor = medians["first_paint_ms_median_minimal_window"]
    figures = {name: round(value, 1) for name, value in medians.items()}
    figures |= {name.replace("_ms_median_", "_vs_minimal_window_"): round(value / floor, 2)
                for name, value in medians.items() if not name.endswith("minimal_window")}
    unpacked = sum(p.lstat().st_size for p in args.bundle.rglob("*"))
    tarballs = list(args.bundle.parent.glob(f"{args.bundle.name}-linux-*.tar.gz"))
    figures |= {
        "bundle_mib_unpacked": round(unpacked / 2**20, 1),
        "bundle_mb_unpacked": round(unpacked / 1e6, 1),  # the budget's unit: 120 MB (issue 12)
        "tarball_mib": round(tarballs[0].stat().st_size / 2**20, 1) if tarballs else None,
        "tarball_mb": round(tarballs[0].stat().st_size / 1e6, 1) if tarballs else None,
        "runs": args.runs,
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
