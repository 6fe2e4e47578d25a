"""The report's charts as SVG, drawn by matplotlib (no pyplot, no window): arrivals per hour,
waiting time per service, the IKM per element. Text is drawn as outlines in the bundled Noto
Sans, so a chart looks the same in a browser and in the PDF."""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence

from matplotlib import font_manager
from matplotlib.figure import Figure

from kiosk.paths import ASSETS

PRIMARY, SECONDARY, ACCENT, MUTED, TEXT = "#0E5A7A", "#178F8F", "#F2B134", "#55656F", "#1B2630"
SERIES = (PRIMARY, ACCENT, SECONDARY, "#8E5A9B", "#C77700", "#2E8B57", "#9AA5AD")
GRADE_LINES = ((65.0, "C"), (76.61, "B"), (88.31, "A"))  # lowest index of each grade
_lock = threading.Lock()  # matplotlib's font and text caches are shared by every thread
_fonts_loaded = False


def _figure(width: float, height: float) -> Figure:
    global _fonts_loaded
    if not _fonts_loaded:
        for font in sorted((ASSETS / "fonts").glob("NotoSans-*.ttf")):
            font_manager.fontManager.addfont(str(font))
        _fonts_loaded = True
    figure = Figure(figsize=(width, height), dpi=96)
    return figure


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(MUTED)
    axes.tick_params(colors=TEXT, labelsize=9)
    axes.grid(axis="x" if axes.get_xlim()[1] > 1 else "y", color="#D5DCE1", linewidth=0.6)
    axes.set_axisbelow(True)


def _svg(figure: Figure) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg"):]  # no XML prologue: the SVG goes inside an HTML page


RC = {"font.family": "Noto Sans", "svg.fonttype": "path", "svg.hashsalt": "plaza-report"}


def arrivals_per_hour(series: Sequence[tuple[str, dict[int, int]]], title: str,
                      hour_label: str, count_label: str) -> str:
    """Stacked bars: numbers taken in each hour of the day, one colour per service."""
    import matplotlib

    with _lock, matplotlib.rc_context(RC):
        figure = _figure(7.2, 3.2)
        axes = figure.add_subplot()
        hours = sorted({hour for _, counts in series for hour in counts}) or list(range(8, 16))
        hours = list(range(min(hours), max(hours) + 1))
        bottom = [0] * len(hours)
        for index, (name, counts) in enumerate(series):
            values = [counts.get(hour, 0) for hour in hours]
            axes.bar(hours, values, bottom=bottom, color=SERIES[index % len(SERIES)], label=name,
                     width=0.8)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        axes.set_xticks(hours, [f"{hour:02d}" for hour in hours])
        axes.set_xlabel(hour_label, color=TEXT, fontsize=9)
        axes.set_ylabel(count_label, color=TEXT, fontsize=9)
        axes.set_title(title, color=TEXT, fontsize=11, loc="left")
        axes.yaxis.get_major_locator().set_params(integer=True)
        _style(axes)
        if series:
            axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _svg(figure)


def waiting_per_service(rows: Sequence[tuple[str, float, float]], title: str,
                        median_label: str, p90_label: str, minutes_label: str) -> str:
    """Horizontal bars: the median wait per service, with its 90th percentile beside it."""
    import matplotlib

    with _lock, matplotlib.rc_context(RC):
        figure = _figure(7.2, 0.9 + 0.42 * max(len(rows), 1))
        axes = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        axes.barh([p + 0.2 for p in positions], [row[1] for row in rows], height=0.38,
                  color=PRIMARY, label=median_label)
        axes.barh([p - 0.2 for p in positions], [row[2] for row in rows], height=0.38,
                  color=ACCENT, label=p90_label)
        axes.set_yticks(positions, [_short(row[0]) for row in rows])
        axes.set_xlabel(minutes_label, color=TEXT, fontsize=9)
        axes.set_title(title, color=TEXT, fontsize=11, loc="left")
        _style(axes)
        axes.legend(fontsize=8, frameon=False, loc="lower right")
        return _svg(figure)


def ikm_per_element(rows: Sequence[tuple[str, float]], title: str, index_label: str,
                    decimal: str = ",") -> str:
    """Horizontal bars: each element's mean x 25, with the grade bands marked."""
    import matplotlib

    with _lock, matplotlib.rc_context(RC):
        figure = _figure(7.2, 0.9 + 0.36 * max(len(rows), 1))
        axes = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        axes.barh(positions, [row[1] for row in rows], height=0.6, color=SECONDARY)
        for position, (_, value) in zip(positions, rows, strict=True):
            # Inside the bar's end, clear of the grade lines; beside a bar too short for it.
            inside = value >= 40
            axes.text(value - 1 if inside else value + 1, position,
                      f"{value:.2f}".replace(".", decimal), va="center",
                      ha="right" if inside else "left", fontsize=8,
                      color="#FFFFFF" if inside else TEXT, fontweight="bold")
        for lowest, letter in GRADE_LINES:
            axes.axvline(lowest, color=MUTED, linewidth=0.8, linestyle="--")
            axes.text(lowest + 0.5, len(rows) - 0.4, letter, color=MUTED, fontsize=8)
        axes.set_xlim(25, 101)
        axes.set_yticks(positions, [_short(row[0]) for row in rows])
        axes.set_xlabel(index_label, color=TEXT, fontsize=9)
        axes.set_title(title, color=TEXT, fontsize=11, loc="left")
        _style(axes)
        return _svg(figure)


def _short(name: str, most: int = 42) -> str:
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"
