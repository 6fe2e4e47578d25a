"""`plaza-kiosk screenshot --mode counter|display`: the hall's devices rendered offscreen, from
a throwaway store with a morning's calls written through the change feed's own path."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import Config
from kiosk.hall import board_state, counter_view, counters
from kiosk.local_plaza import LocalPlaza
from kiosk.service_day import local_time
from kiosk.voice import call_text
from ui.theme import Palette, Theme


def device_screenshot(config: Config, plaza: LocalPlaza, *, mode: str, screen: str, lang: str,
                      size: tuple[int, int], out: Path, high_contrast: bool = False) -> None:
    from ui.display.shot import render_board, seed_sample_calls

    theme = Theme(Palette.from_config(config.theme), landscape=True, high_contrast=high_contrast)
    seed_sample_calls(plaza)
    now = plaza.clock()
    if mode == "display":
        state = board_state(plaza, online=True, last_sync=now)
        spoken = call_text(state.current.number, state.current.counter) if state.current else ""
        render_board(state, size, out, lang, theme, plaza.name.get(lang),
                     lambda: local_time(plaza.clock(), plaza.timezone),
                     logo_path=config.plaza.logo, spoken=spoken if lang == "id" else "")
        return
    from ui.counter.shot import render_counter, render_sign_in

    names = counters(plaza.catalog())
    if screen == "staff":  # the sign-in panel
        render_sign_in([("1", "Siti Aminah"), ("2", "Muhammad Rizky Pratama"), ("3", "Nurhayati")],
                       names, size, out, lang, theme)
        return
    latest = board_state(plaza, True, now).current  # a counter with a ticket called
    counter = latest.counter if latest else names[0]
    view = counter_view(plaza, counter, "Siti Aminah", "open", True, now)
    render_counter(view, size, out, lang, theme, now=plaza.clock, timezone=plaza.timezone)
