"""The look: palette from config, sizes scaled to the screen, large-text and high-contrast modes.

All sizes in UI-GUIDE.md are for a 1080x1920 portrait screen; `Theme.px` scales them to the
window, so a layout shrinks or grows instead of stretching. Only this module writes QSS.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

LARGE_TEXT = 1.3

# UI-GUIDE type scale (px at 1080x1920).
TICKET_NUMBER = 240
TICKET_NUMBER_LANDSCAPE = 200  # UI-GUIDE allows 200-280; landscape has less height
TICKET_NUMBER_MAX = 280  # large text grows the number up to the guide's largest, no further
ATTRACT_NAME = 96  # the plaza's name on the attract screen, read from across the hall
ATTRACT_NEWS = 40  # its announcements
TITLE = 60
SECTION = 44
BODY = 32
SECONDARY = 26
SMALLEST = 24
# Touch sizes.
PRIMARY_HEIGHT = 120
TARGET = 88
GAP = 16
KEY = (80, 96)  # an on-screen keyboard key: ten keys and their gaps fit a portrait row
LANGUAGE_BUTTON = (128, 96)  # ID | EN in the header
HEADER_HEIGHT = 140
FOOTER_HEIGHT = 120
MARGIN = 40
# Counter console and its sign-in: staff-facing, designed at 1280x800 landscape (scale 1
# there), denser than the visitor screens but still touch-sized (UI-GUIDE "Counter console").
CONSOLE_SIZE = (1280, 800)
CONSOLE_TEXT = 26
CONSOLE_NUMBER = 100
CONSOLE_TARGET = 80
CONSOLE_MAIN = 96
CONSOLE_BAR = 88


@dataclass(frozen=True)
class Palette:
    primary: str
    primary_pressed: str
    secondary: str
    accent: str
    background: str
    surface: str
    text: str
    muted: str
    open: str
    closed: str
    warning: str
    on_primary: str = "#FFFFFF"
    on_accent: str = "#1B2630"
    outline: str = "#D5DCE1"
    selected: str = ""  # pressed/checked controls; empty: the primary colour
    on_selected: str = "#FFFFFF"
    disabled: str = "#9AA5AD"  # an inert control's words and icon

    @classmethod
    def from_config(cls, theme: Any) -> Palette:
        """From the config's [theme] (every key of it is a colour here)."""
        return cls(**theme.model_dump())

    def high_contrast(self) -> Palette:
        """Black, white and yellow, per UI-GUIDE; meaning is never carried by colour alone."""
        return Palette(
            primary="#000000", primary_pressed="#333333", secondary="#FFFFFF", accent="#FFD400",
            background="#000000", surface="#000000", text="#FFFFFF", muted="#FFFFFF",
            open="#7CFC9A", closed="#FF8A80", warning="#FFD400", on_primary="#FFFFFF",
            on_accent="#000000", outline="#FFFFFF", selected="#FFD400", on_selected="#000000",
            disabled="#8C8C8C",
        )


@dataclass(frozen=True)
class Theme:
    palette: Palette
    scale: float = 1.0
    large_text: bool = False
    high_contrast: bool = False
    landscape: bool = False

    @property
    def colors(self) -> Palette:
        return self.palette.high_contrast() if self.high_contrast else self.palette

    def px(self, value: float) -> int:
        """A layout size (margins, touch targets) scaled to this window."""
        return max(1, round(value * self.scale))

    def font_px(self, value: float) -> int:
        """A text size: scaled, grown in large-text mode, never under the 24 px floor."""
        size = value * (LARGE_TEXT if self.large_text else 1.0)
        return max(round(max(size, SMALLEST) * self.scale), 9)

    def with_(self, **changes: Any) -> Theme:
        return replace(self, **changes)

    @staticmethod
    def scale_for(width: int, height: int) -> float:
        """Fit the 1080x1920 (or 1920x1080) design into the window without stretching."""
        if width >= height:
            return min(width / 1920, height / 1080)
        return min(width / 1080, height / 1920)

    def ticket_number_px(self) -> int:
        if self.landscape:  # the wide screen's height is short: the number stays at its size
            return self.with_(large_text=False).font_px(TICKET_NUMBER_LANDSCAPE)
        return min(self.font_px(TICKET_NUMBER), self.px(TICKET_NUMBER_MAX))

    def box(self, total: float, padding: float, line: int) -> int:
        """QSS min-width/min-height count the content only: a control `total` px across
        (scaled) less its padding and border on both sides."""
        return max(0, self.px(total) - 2 * round(padding * self.scale) - 2 * line)

    def stylesheet(self) -> str:
        c, px, fpx = self.colors, self.px, self.font_px
        selected, on_selected = c.selected or c.primary, c.on_selected
        line = max(px(2), 1)
        border = f"{px(2) if self.high_contrast else 0}px solid {c.outline}"
        card_border = f"{max(px(2), 2)}px solid {c.outline}" if self.high_contrast else "none"
        # High contrast: a white outline on every control; an inert one dashed and grey.
        footer_border = f"{line}px solid {c.outline}" if self.high_contrast else "none"
        footer_disabled = f"{line}px dashed {c.disabled}" if self.high_contrast else "none"
        field = c.outline if self.high_contrast else c.primary
        # The header keeps one size in every mode, so the clock and ID | EN never move.
        hpx = self.with_(large_text=False).font_px
        radius = px(20)
        return f"""
        QWidget {{ font-family: "Noto Sans"; color: {c.text}; font-size: {fpx(BODY)}px; }}
        QWidget#KioskWindow, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
            background: {c.background}; }}
        QLabel {{ background: transparent; }}
        QLabel[role="title"] {{ font-size: {fpx(TITLE)}px; font-weight: bold; }}
        QLabel[role="section"] {{ font-size: {fpx(SECTION)}px; font-weight: bold; }}
        QLabel[role="secondary"], QLabel[role="muted"] {{ font-size: {fpx(SECONDARY)}px;
            color: {c.muted}; }}
        QLabel[role="big-number"] {{ font-size: {self.ticket_number_px()}px; font-weight: bold;
            color: {c.primary if not self.high_contrast else c.accent}; }}
        QLabel[role="serving-number"] {{ font-size: {fpx(SECTION)}px; font-weight: bold;
            color: {c.primary if not self.high_contrast else c.accent}; }}
        QWidget#AttractScreen {{ background: {c.primary}; }}
        QLabel[role="attract-name"] {{ font-size: {hpx(ATTRACT_NAME)}px; font-weight: bold;
            color: {c.on_primary}; }}
        QLabel[role="attract-day"] {{ font-size: {hpx(SECTION)}px; color: {c.on_primary}; }}
        QLabel[role="attract-section"] {{ font-size: {hpx(SECTION)}px; font-weight: bold; }}
        QLabel[role="attract-news"] {{ font-size: {hpx(ATTRACT_NEWS)}px; }}
        QLabel[role="attract-dots"] {{ font-size: {hpx(SECONDARY)}px; color: {c.muted}; }}
        QFrame[role="attract-touch"] {{ background: {c.accent}; border-radius: {px(48)}px;
            border: {border}; }}
        QLabel[role="attract-invite"] {{ font-size: {hpx(TITLE)}px; font-weight: bold;
            color: {c.on_accent}; }}
        QLabel[role="attract-invite-en"] {{ font-size: {hpx(SECTION)}px; color: {c.on_accent}; }}
        QLabel[role="header-title"] {{ font-size: {hpx(40)}px; font-weight: bold;
            color: {c.on_primary}; }}
        QLabel[role="header-sub"] {{ font-size: {hpx(SMALLEST)}px; color: {c.on_primary}; }}
        QLabel[role="clock"] {{ font-size: {hpx(44)}px; font-weight: bold; color: {c.on_primary}; }}
        QLabel[role="badge-open"], QLabel[role="badge-closed"], QLabel[role="badge-quota_full"] {{
            font-size: {fpx(SECONDARY)}px; font-weight: bold; border-radius: {px(12)}px;
            padding: {px(4)}px {px(16)}px; color: {"#000000" if self.high_contrast else "#FFFFFF"}; }}
        QLabel[role="badge-open"] {{ background: {c.open}; }}
        QLabel[role="badge-closed"] {{ background: {c.closed}; }}
        QLabel[role="badge-quota_full"] {{ background: {c.warning}; }}
        QLabel[role="offline"] {{ background: {c.warning}; color: #000000;
            font-size: {fpx(SECONDARY)}px; padding: {px(10)}px {px(MARGIN)}px; }}
        QLabel[role="notice"] {{ background: {c.surface}; border-left: {px(8)}px solid {c.warning};
            padding: {px(16)}px; font-size: {fpx(BODY)}px; }}
        QFrame[role="header"] {{ background: {c.primary}; border-bottom: {border}; }}
        QFrame[role="footer"] {{ background: {c.surface};
            border-{"right" if self.landscape else "top"}: {max(px(2), 1)}px solid {c.outline}; }}
        QFrame[role="card"] {{ background: {c.surface}; border-radius: {radius}px;
            border: {card_border}; }}
        QFrame[role="bar"] {{ background: {c.surface}; border-top: {line}px solid {c.outline}; }}
        QFrame[role="panel"] {{ background: {c.surface}; border-left: {line}px solid {c.outline}; }}
        QPushButton {{ background: {c.surface}; color: {c.text}; border: {max(px(2), 1)}px solid
            {c.outline}; border-radius: {px(16)}px; padding: {px(8)}px {px(24)}px;
            min-height: {px(TARGET)}px; font-size: {fpx(BODY)}px; }}
        QPushButton:pressed, QPushButton:checked {{ background: {selected}; color: {on_selected};
            border-color: {selected}; }}
        QPushButton:disabled {{ color: {c.muted}; }}
        QPushButton[role="accent"] {{ background: {c.accent}; color: {c.on_accent}; border: {border};
            font-size: {fpx(SECTION)}px; font-weight: bold; min-height: {px(PRIMARY_HEIGHT)}px;
            border-radius: {px(24)}px; }}
        QPushButton[role="accent"]:pressed {{ background: {c.primary_pressed};
            color: {c.on_primary}; }}
        QPushButton[role="primary"] {{ background: {c.primary}; color: {c.on_primary};
            border: {border}; font-weight: bold; }}
        QPushButton[role="primary"]:pressed {{ background: {c.primary_pressed}; }}
        QPushButton[role="tile"] {{ background: {c.surface}; border: {card_border};
            border-radius: {radius}px; text-align: left; padding: {px(24)}px;
            font-size: {fpx(BODY)}px; font-weight: bold;
            min-height: {px(120 if self.landscape else 180)}px; }}
        QPushButton[role="tile"]:pressed {{ background: {selected}; color: {on_selected}; }}
        QPushButton[role="chip"] {{ border-radius: {px(40)}px; padding: {px(8)}px {px(28)}px;
            font-size: {fpx(SECONDARY)}px; }}
        QToolButton[role="footer"] {{ border: {footer_border}; background: transparent;
            color: {c.text}; font-size: {fpx(SECONDARY)}px; font-weight: bold;
            border-radius: {px(16)}px; padding: {px(8)}px; min-width: {px(TARGET)}px; }}
        QToolButton[role="footer"]:pressed, QToolButton[role="footer"]:checked {{
            background: {selected}; color: {on_selected}; }}
        QToolButton[role="footer"]:disabled {{ color: {c.disabled}; border: {footer_disabled}; }}
        QPushButton[role="header"] {{ background: transparent; color: {c.on_primary};
            border: {line}px solid {c.on_primary}; font-size: {hpx(BODY)}px; font-weight: bold;
            padding: 0 {px(8)}px; min-width: {self.box(LANGUAGE_BUTTON[0], 8, line)}px;
            min-height: {self.box(LANGUAGE_BUTTON[1], 0, line)}px; }}
        QPushButton[role="header"]:checked {{ background: {c.on_primary}; color: {c.primary}; }}
        QPushButton[role="key"] {{ font-size: {fpx(36)}px; font-weight: bold; padding: 0 {px(4)}px;
            min-width: {self.box(KEY[0], 4, line)}px; min-height: {self.box(KEY[1], 0, line)}px; }}
        QPushButton[role="field"] {{ background: {c.surface}; color: {c.muted};
            border: {max(px(3), 1)}px solid {field}; border-radius: {px(16)}px; text-align: left;
            padding: {px(12)}px {px(20)}px; font-size: {fpx(BODY)}px; }}
        QPushButton[role="pin"] {{ font-size: {fpx(48)}px; font-weight: bold;
            min-width: {px(160)}px; min-height: {px(120)}px; }}
        QLineEdit {{ background: {c.surface}; border: {max(px(3), 1)}px solid {field};
            border-radius: {px(16)}px; padding: {px(12)}px {px(20)}px; font-size: {fpx(BODY)}px;
            min-height: {px(TARGET)}px; }}
        QScrollBar {{ width: 0px; height: 0px; }}
        """

    @staticmethod
    def console_scale(width: int, height: int) -> float:
        """Fit the 1280x800 counter console design into the window without stretching."""
        return min(width / CONSOLE_SIZE[0], height / CONSOLE_SIZE[1])

    def console_stylesheet(self) -> str:
        """The counter console and its sign-in panel: a whole sheet of their own, since their
        type scale (26 px body, 1280x800) is not the visitor screens'."""
        c, px, fpx = self.colors, self.px, self.font_px
        selected, on_selected = c.selected or c.primary, c.on_selected
        line = max(px(2), 1)
        hc_border = f"{line}px solid {c.outline}" if self.high_contrast else "none"

        def tall(total: int) -> int:
            """QSS min-height counts the content only: take off the padding and the border."""
            return max(0, px(total) - 2 * px(6) - 2 * line)

        return f"""
        QWidget {{ font-family: "Noto Sans"; color: {c.text}; font-size: {fpx(CONSOLE_TEXT)}px; }}
        QWidget#CounterConsole, QWidget#SignInPanel, QScrollArea,
        QScrollArea > QWidget > QWidget {{ background: {c.background}; }}
        QLabel {{ background: transparent; }}
        QLabel[role="section"] {{ font-size: {fpx(28)}px; font-weight: bold; }}
        QLabel[role="secondary"] {{ font-size: {fpx(SMALLEST)}px; color: {c.muted}; }}
        QLabel[role="state"] {{ font-size: {fpx(SMALLEST)}px; font-weight: bold; color: {c.muted}; }}
        QLabel[role="number"], QLabel[role="number-next"] {{ font-size: {fpx(CONSOLE_NUMBER)}px;
            font-weight: bold; color: {c.accent if self.high_contrast else c.primary}; }}
        QLabel[role="number-next"] {{ color: {c.muted}; }}
        QLabel[role="service"] {{ font-size: {fpx(28)}px; font-weight: bold; }}
        QLabel[role="dots"] {{ font-size: {fpx(44)}px; font-weight: bold; color: {c.primary
            if not self.high_contrast else c.accent}; }}
        QFrame[role="topbar"] {{ background: {c.primary}; border-bottom: {hc_border}; }}
        QLabel[role="topbar-title"] {{ font-size: {fpx(34)}px; font-weight: bold;
            color: {c.on_primary}; }}
        QLabel[role="topbar-text"] {{ font-size: {fpx(SMALLEST)}px; color: {c.on_primary}; }}
        QLabel[role="pill-online"], QLabel[role="pill-offline"] {{ font-size: {fpx(SMALLEST)}px;
            font-weight: bold; border-radius: {px(10)}px; padding: {px(4)}px {px(14)}px; }}
        QLabel[role="pill-online"] {{ background: {c.open};
            color: {"#000000" if self.high_contrast else "#FFFFFF"}; }}
        QLabel[role="pill-offline"] {{ background: {c.warning}; color: #000000; }}
        QLabel[role="banner-offline"], QLabel[role="banner-paused"] {{ font-size: {fpx(SMALLEST)}px;
            font-weight: bold; padding: {px(10)}px {px(16)}px; border-radius: {px(12)}px; }}
        QLabel[role="banner-offline"] {{ background: {c.warning}; color: #000000; }}
        QLabel[role="banner-paused"] {{ background: {c.text}; color: {c.background}; }}
        QFrame[role="priority"] {{ background: {c.accent}; border-radius: {px(10)}px; }}
        QFrame[role="priority"] QLabel {{ color: {c.on_accent}; font-size: {fpx(SMALLEST)}px;
            font-weight: bold; }}
        QLabel[role="message-error"], QLabel[role="message-info"] {{ font-size: {fpx(SMALLEST)}px;
            padding: {px(4)}px {px(12)}px; }}
        QLabel[role="message-error"] {{ color: {c.closed}; font-weight: bold;
            border-left: {px(6)}px solid {c.closed}; }}
        QLabel[role="message-info"] {{ border-left: {px(6)}px solid {c.open}; }}
        QFrame[role="card"] {{ background: {c.surface}; border-radius: {px(16)}px;
            border: {hc_border}; }}
        QFrame[role="bar"] {{ background: {c.surface}; border-top: {line}px solid {c.outline}; }}
        QFrame[role="scrim"] {{ background: rgba(0, 0, 0, 150); }}
        QFrame[role="sheet"] QScrollArea, QFrame[role="sheet"] QScrollArea > QWidget > QWidget {{
            background: {c.surface}; }}
        QFrame[role="sheet"] {{ background: {c.surface}; border-radius: {px(20)}px;
            border: {hc_border}; }}
        QPushButton {{ background: {c.surface}; color: {c.text}; border: {line}px solid {c.outline};
            border-radius: {px(14)}px; padding: {px(6)}px {px(16)}px;
            min-height: {tall(CONSOLE_TARGET)}px; min-width: {px(CONSOLE_TARGET)}px;
            font-size: {fpx(CONSOLE_TEXT)}px; }}
        QPushButton:pressed, QPushButton:checked {{ background: {selected}; color: {on_selected};
            border-color: {selected}; }}
        QPushButton:disabled {{ background: {c.background}; color: {c.muted};
            border: {line}px dashed {c.outline}; }}
        QPushButton[role="main"] {{ background: {c.accent}; color: {c.on_accent}; border: {hc_border};
            font-size: {fpx(34)}px; font-weight: bold; min-height: {tall(CONSOLE_MAIN)}px;
            border-radius: {px(18)}px; }}
        QPushButton[role="main"]:pressed {{ background: {c.primary_pressed}; color: {c.on_primary}; }}
        QPushButton[role="main"]:disabled {{ background: {c.background}; color: {c.muted};
            border: {line}px dashed {c.outline}; }}
        QPushButton[role="primary"] {{ background: {c.primary}; color: {c.on_primary};
            border: {hc_border}; font-weight: bold; }}
        QPushButton[role="primary"]:pressed {{ background: {c.primary_pressed}; }}
        QPushButton[role="primary"]:disabled {{ background: {c.background}; color: {c.muted};
            border: {line}px dashed {c.outline}; }}
        QPushButton[role="topbar"] {{ background: transparent; color: {c.on_primary};
            border: {line}px solid {c.on_primary}; font-size: {fpx(SMALLEST)}px; font-weight: bold;
            min-height: {tall(72)}px; }}
        QPushButton[role="topbar"]:pressed {{ background: {c.on_primary}; color: {c.primary}; }}
        QPushButton[role="topbar"]:disabled {{ color: {c.outline}; border-style: dashed; }}
        QPushButton[role="topbar-accent"] {{ background: {c.accent}; color: {c.on_accent};
            border: {hc_border}; font-size: {fpx(SMALLEST)}px; font-weight: bold;
            min-height: {tall(72)}px; }}
        QPushButton[role="topbar-accent"]:disabled {{ background: transparent; color: {c.outline};
            border: {line}px dashed {c.outline}; }}
        QPushButton:checked:disabled {{ background: {selected}; color: {on_selected};
            border: {line}px dashed {on_selected}; }}
        QPushButton[role="choice"] {{ text-align: left; padding: {px(6)}px {px(24)}px; }}
        QPushButton[role="counter"] {{ padding: {px(6)}px {px(4)}px; }}
        QPushButton[role="key"] {{ font-size: {fpx(36)}px; font-weight: bold; padding: {px(6)}px 0;
            min-height: {tall(84)}px; min-width: {px(96)}px; }}
        QScrollBar {{ width: 0px; height: 0px; }}
        """
