"""The hall's display board (1920x1080 TV, read from 10 m): the number being called and where
to go, the last calls, who is waiting, and the announcements.

Every part is painted rather than built from styled labels: a board repaints for hours on end,
the big number must fit its box whatever its length, and the ticker moves 30 times a second.
Each part keeps the texts it paints (`texts()`), so tests and screen readers see what a visitor
sees. Sizes are UI-GUIDE pixels at 1920x1080, scaled to the widget by `Theme.px`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QElapsedTimer, QEvent, QPointF, QRect, QRectF, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.calls import BOARD_RECENT, BoardState, Call
from kiosk.paths import ASSETS
from ui import icons
from ui.i18n import languages, locale, translate
from ui.theme import Theme

FAMILY = "Noto Sans"
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ON_WARNING = "#000000"  # the theme's offline bar: black on amber (6:1), never white (3.5:1)

# Heights and widths at 1920x1080.
HEADER = 116
OFFLINE = 60
WAITING = 84
TICKER = 76
GUTTER = 28
PAD = 40
BREATHE = 0.95  # the number keeps a little air at the card's sides
NUMBER_MAX = 420  # "A-012" at 420 px is ~1150 px wide: the widest the call panel allows
PULSE_MS = 2400
PULSES = 3
TICKER_FPS = 30
TICKER_SPEED = 100  # px/s at scale 1: slow enough to read in one pass
CLOCK_MS = 5000
STRIP_MAX = 16_000  # px: wider ticker texts are drawn each frame rather than from a pixmap


def board_date(moment: datetime, lang: str) -> str:
    """"Senin, 23 Nov" / "Monday, 23 Nov", in the language's own names (QLocale's)."""
    return locale(lang).toString(QDate(moment.year, moment.month, moment.day), "dddd, d MMM")


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")  # the kiosk's header writes times the same way


def _font(px: int, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setPixelSize(max(1, px))
    font.setBold(bold)
    font.setItalic(italic)
    font.setFeature(QFont.Tag("tnum"), 1)  # numbers that change keep their width
    return font


def _fit(font: QFont, text: str, width: float, floor: int = 1) -> QFont:
    """`font`, shrunk (never below `floor` px) so `text` fits `width` on one line."""
    needed = QFontMetricsF(font).horizontalAdvance(text)
    if needed <= width or needed <= 0:
        return font
    fitted = QFont(font)
    fitted.setPixelSize(max(floor, int(font.pixelSize() * width / needed)))
    while fitted.pixelSize() > floor and QFontMetricsF(fitted).horizontalAdvance(text) > width:
        fitted.setPixelSize(fitted.pixelSize() - 1)
    return fitted


def _mix(a: str, b: str, t: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    return QColor.fromRgbF(ca.redF() + (cb.redF() - ca.redF()) * t,
                           ca.greenF() + (cb.greenF() - ca.greenF()) * t,
                           ca.blueF() + (cb.blueF() - ca.blueF()) * t)


def _ink(theme: Theme) -> str:
    """Titles and numbers: river blue, or the text colour where blue is the background."""
    return theme.colors.text if theme.high_contrast else theme.colors.primary


def logo_pixmap(path: str, size: int) -> QPixmap:
    """The city's logo (SVG or PNG); the bundled emblem if it cannot be drawn."""
    file = Path(path) if path else ASSETS / "branding" / "logo.svg"
    if file.suffix.lower() == ".png":
        pixmap = QPixmap(str(file))
        if not pixmap.isNull():
            return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
    elif file.exists():
        return icons.svg_pixmap(file.read_text(encoding="utf-8", errors="replace"), size)
    return icons.svg_pixmap((ASSETS / "branding" / "logo.svg").read_text(encoding="utf-8"), size)


class _Part(QWidget):
    """A painted part of the board; reads the scaled theme from the board."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.board = board
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @property
    def theme(self) -> Theme:
        return self.board.theme

    def texts(self) -> list[str]:
        return []

    def _painter(self) -> QPainter:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return painter


class BoardHeader(_Part):
    """Deep river blue: logo and plaza name left, date and clock right."""

    def __init__(self, board: DisplayBoard, plaza_name: str, logo_path: str) -> None:
        super().__init__(board)
        self.plaza_name = plaza_name
        self._logo_path = logo_path
        self._logo: QPixmap | None = None
        self.date_text = ""
        self.clock_text = ""
        self.timer = QTimer(self, interval=CLOCK_MS)  # only repaints when the minute changes
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        moment = self.board.now()
        date_text, clock_text = board_date(moment, self.board.lang), clock(moment)
        if (date_text, clock_text) != (self.date_text, self.clock_text):
            self.date_text, self.clock_text = date_text, clock_text
            self.update()

    def texts(self) -> list[str]:
        return [self.plaza_name, f"{self.date_text}  {self.clock_text}"]

    def forget(self) -> None:
        """Drop the drawn logo (its size or colours changed)."""
        self._logo = None
        self.update()

    def resizeEvent(self, _event: QResizeEvent) -> None:
        self.forget()

    def showEvent(self, _event: QShowEvent) -> None:
        self.tick()
        self.timer.start()

    def hideEvent(self, _event: QHideEvent) -> None:
        self.timer.stop()

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        painter.fillRect(self.rect(), QColor(c.primary))
        if t.high_contrast:  # black on black: the header needs its edge drawn
            painter.fillRect(QRectF(0, self.height() - t.px(2), self.width(), t.px(2)), QColor(c.outline))
        pad = t.px(PAD)
        size = t.px(88)
        if self._logo is None:
            self._logo = logo_pixmap(self._logo_path, size)
        top = (self.height() - size) // 2
        painter.drawPixmap(pad, top, self._logo)
        painter.setPen(QColor(c.on_primary))
        clock_font = _font(t.font_px(72), bold=True)
        date_font = _font(t.font_px(40))
        clock_width = QFontMetricsF(clock_font).horizontalAdvance(self.clock_text)
        date_width = QFontMetricsF(date_font).horizontalAdvance(self.date_text)
        right = self.width() - pad
        band = QRectF(0, 0, self.width(), self.height())
        painter.setFont(clock_font)
        painter.drawText(QRectF(right - clock_width, 0, clock_width, band.height()), RIGHT,
                         self.clock_text)
        date_right = right - clock_width - t.px(28)
        painter.setFont(date_font)
        painter.drawText(QRectF(date_right - date_width, 0, date_width, band.height()), RIGHT,
                         self.date_text)
        name_left = pad + size + t.px(28)
        name_width = max(1.0, date_right - date_width - t.px(40) - name_left)
        name_font = _font(t.font_px(52), bold=True)
        name_font = _fit(name_font, self.plaza_name, name_width, floor=t.font_px(36))
        painter.setFont(name_font)
        name = QFontMetricsF(name_font).elidedText(self.plaza_name, Qt.TextElideMode.ElideRight,
                                                   name_width)
        painter.drawText(QRectF(name_left, 0, name_width, band.height()), LEFT, name)
        painter.end()


class OfflineBar(_Part):
    """Amber, under the header, for as long as the board cannot reach the city: the calls shown
    may be stale, and the visitors should know it."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.text = ""

    def texts(self) -> list[str]:
        return [self.text]

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        painter.fillRect(self.rect(), QColor(c.warning))
        size = t.px(44)
        left = t.px(PAD)
        painter.drawPixmap(left, (self.height() - size) // 2, icons.pixmap("wifi-off", size, ON_WARNING))
        text_left = left + size + t.px(20)
        width = self.width() - text_left - t.px(PAD)
        font = _fit(_font(t.font_px(38), bold=True), self.text, width, floor=t.font_px(26))
        painter.setFont(font)
        painter.setPen(QColor(ON_WARNING))
        text = QFontMetricsF(font).elidedText(self.text, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(text_left, 0, width, self.height()), LEFT, text)
        painter.end()


class CallPanel(_Part):
    """The current call, biggest of all: "QUEUE NUMBER", the number, "go to COUNTER 3", and the
    spoken call as a caption. Without a call, a calm welcome."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)  # rounded card
        self.call: Call | None = None
        self.label = ""
        self.go_to = ""
        self.counter = ""
        self.spoken = ""
        self.welcome = ""
        self.hint = ""
        self.glow = 0.0  # 0: at rest, 1: fully gold (during a pulse)

    def texts(self) -> list[str]:
        if self.call is None:
            return [self.welcome, self.hint]
        return [t for t in (self.label, self.call.number, f"{self.go_to} {self.counter}",
                            self.spoken) if t]

    # --- geometry (shared by painting and tests) ---

    def _inner(self) -> QRectF:
        pad, top = self.theme.px(PAD), self.theme.px(32)
        return QRectF(self.rect()).adjusted(pad, top + self.theme.px(14), -pad, -top)

    def _rows(self) -> tuple[QRectF, QRectF, QRectF, QRectF]:
        """Label, number, counter and caption rows, top to bottom."""
        t = self.theme
        inner = self._inner()
        label_h = QFontMetricsF(self._label_font()).height()
        counter_h = QFontMetricsF(self._counter_font()).height() + 2 * t.px(12)
        caption_h = QFontMetricsF(self._caption_font()).height() * 1.2
        gap = t.px(24)
        label = QRectF(inner.left(), inner.top(), inner.width(), label_h)
        caption = QRectF(inner.left(), inner.bottom() - caption_h, inner.width(), caption_h)
        counter = QRectF(inner.left(), caption.top() - gap - counter_h, inner.width(), counter_h)
        number = QRectF(inner.left(), label.bottom() + gap, inner.width(),
                        max(1.0, counter.top() - gap - label.bottom() - gap))
        return label, number, counter, caption

    def number_box(self) -> QRectF:
        return self._rows()[1]

    def number_font(self) -> QFont:
        """As big as the box allows: its width for long numbers ("A-K7-012"), its height for
        short ones, never more than NUMBER_MAX (scaled)."""
        box = self.number_box()
        text = self.call.number if self.call is not None else "A-000"
        font = _font(self.theme.px(NUMBER_MAX), bold=True)
        glyphs = QFontMetricsF(font).tightBoundingRect(text).height()  # round digits overshoot caps
        if glyphs > box.height():
            font.setPixelSize(max(1, int(font.pixelSize() * box.height() / glyphs)))
        return _fit(font, text, box.width() * BREATHE)

    def _label_font(self) -> QFont:
        return _font(self.theme.font_px(48), bold=True)

    def _counter_font(self) -> QFont:
        return _font(self.theme.font_px(84), bold=True)

    def _caption_font(self) -> QFont:
        return _font(self.theme.font_px(36), italic=True)

    # --- painting ---

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        radius = t.px(24)
        card = QPainterPath()
        card.addRoundedRect(QRectF(self.rect()), radius, radius)
        painter.fillPath(card, _mix(c.surface, c.accent, self.glow) if self.call else QColor(c.surface))
        painter.save()
        painter.setClipPath(card)
        painter.fillRect(QRectF(0, 0, self.width(), t.px(14)), QColor(c.accent))  # the gold mark
        painter.restore()
        if t.high_contrast:
            painter.setPen(QColor(c.outline))
            painter.drawPath(card)
        if self.call is None:
            self._paint_welcome(painter)
        else:
            self._paint_call(painter)
        painter.end()

    def _paint_call(self, painter: QPainter) -> None:
        t, c = self.theme, self.theme.colors
        label_row, number_row, counter_row, caption_row = self._rows()
        muted = _mix(c.muted, c.on_accent, self.glow)
        painter.setFont(self._label_font())
        painter.setPen(muted)
        painter.drawText(label_row, CENTER, self.label)

        assert self.call is not None
        font = self.number_font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(_mix(c.accent if t.high_contrast else c.primary, c.on_accent, self.glow))
        # Centre the glyphs themselves (not the line with its descender space) in the box.
        width = metrics.horizontalAdvance(self.call.number)
        glyphs = metrics.tightBoundingRect(self.call.number)
        baseline = number_row.center().y() - glyphs.top() - glyphs.height() / 2
        painter.drawText(QPointF(number_row.center().x() - width / 2, baseline), self.call.number)

        go_font = _font(t.font_px(48))
        counter_font = _fit(self._counter_font(), self.counter, counter_row.width() * 0.6)
        go_width = QFontMetricsF(go_font).horizontalAdvance(self.go_to)
        pill_pad = t.px(36)
        pill_width = QFontMetricsF(counter_font).horizontalAdvance(self.counter) + 2 * pill_pad
        gap = t.px(28)
        left = counter_row.center().x() - (go_width + gap + pill_width) / 2
        painter.setFont(go_font)
        painter.setPen(muted)
        painter.drawText(QRectF(left, counter_row.top(), go_width, counter_row.height()), LEFT,
                         self.go_to)
        pill = QRectF(left + go_width + gap, counter_row.top(), pill_width, counter_row.height())
        painter.setBrush(QColor(c.primary))
        painter.setPen(QColor(c.outline) if t.high_contrast else Qt.PenStyle.NoPen)
        painter.drawRoundedRect(pill, t.px(20), t.px(20))
        painter.setFont(counter_font)
        painter.setPen(QColor(c.on_primary))
        painter.drawText(pill, CENTER, self.counter)

        if self.spoken:
            caption = self._caption_font()
            caption = _fit(caption, self.spoken, caption_row.width(), floor=t.font_px(28))
            painter.setFont(caption)
            painter.setPen(muted)
            text = QFontMetricsF(caption).elidedText(self.spoken, Qt.TextElideMode.ElideRight,
                                                     caption_row.width())
            painter.drawText(caption_row, CENTER, text)

    def _paint_welcome(self, painter: QPainter) -> None:
        t, c = self.theme, self.theme.colors
        inner = self._inner()
        logo_size = t.px(180)
        title = _fit(_font(t.font_px(104), bold=True), self.welcome, inner.width())
        hint = _font(t.font_px(48))
        flags = int(CENTER | Qt.TextFlag.TextWordWrap)
        hint_rect = QFontMetricsF(hint).boundingRect(QRectF(0, 0, inner.width() * 0.8, 10_000),
                                                     flags, self.hint)
        title_h = QFontMetricsF(title).height()
        gap = t.px(32)
        total = logo_size + gap + title_h + t.px(12) + hint_rect.height()
        top = inner.center().y() - total / 2
        painter.drawPixmap(int(inner.center().x() - logo_size / 2), int(top),
                           logo_pixmap(self.board.logo_path, logo_size))
        top += logo_size + gap
        painter.setFont(title)
        painter.setPen(QColor(_ink(t)))
        painter.drawText(QRectF(inner.left(), top, inner.width(), title_h), CENTER, self.welcome)
        top += title_h + t.px(12)
        painter.setFont(hint)
        painter.setPen(QColor(c.muted))
        painter.drawText(QRectF(inner.left() + inner.width() * 0.1, top, inner.width() * 0.8,
                                hint_rect.height()), flags, self.hint)


class RecentPanel(_Part):
    """The last calls, newest first: a visitor who looked away a moment ago finds theirs."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.title = ""
        self.empty = ""
        self.rows: list[tuple[str, str]] = []  # (number, "Counter 5")

    def texts(self) -> list[str]:
        return [self.title, *(f"{n} {w}" for n, w in self.rows)] + ([self.empty] if not self.rows else [])

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        radius = t.px(24)
        card = QPainterPath()
        card.addRoundedRect(QRectF(self.rect()), radius, radius)
        painter.fillPath(card, QColor(c.surface))
        if t.high_contrast:
            painter.setPen(QColor(c.outline))
            painter.drawPath(card)
        pad = t.px(36)
        inner = QRectF(self.rect()).adjusted(pad, t.px(24), -pad, -t.px(20))
        title_font = _fit(_font(t.font_px(44), bold=True), self.title, inner.width())
        title_h = QFontMetricsF(title_font).height() + t.px(16)
        painter.setFont(title_font)
        painter.setPen(QColor(_ink(t)))
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), title_h), LEFT, self.title)
        top = inner.top() + title_h
        painter.fillRect(QRectF(inner.left(), top, inner.width(), max(2, t.px(3))), QColor(c.accent))
        top += t.px(8)
        if not self.rows:
            painter.setFont(_font(t.font_px(36)))
            painter.setPen(QColor(c.muted))
            painter.drawText(QRectF(inner.left(), top, inner.width(), t.px(100)), LEFT, self.empty)
            painter.end()
            return
        row_h = (inner.bottom() - top) / BOARD_RECENT
        rows = self.rows[:BOARD_RECENT]
        where_font = _font(t.font_px(48), bold=True)
        where_metrics = QFontMetricsF(where_font)
        # One size for every number in the list (the smallest any row needs), so none looks odd.
        number_font = _font(t.font_px(80), bold=True)
        for number, where in rows:
            number_font = _fit(number_font, number,
                               inner.width() - where_metrics.horizontalAdvance(where) - t.px(24))
        for index, (number, where) in enumerate(rows):
            row = QRectF(inner.left(), top + index * row_h, inner.width(), row_h)
            if index:
                painter.fillRect(QRectF(row.left(), row.top(), row.width(), max(1, t.px(2))),
                                 QColor(c.outline))
            number_width = row.width() - where_metrics.horizontalAdvance(where) - t.px(24)
            painter.setFont(number_font)
            painter.setPen(QColor(c.text))
            painter.drawText(QRectF(row.left(), row.top(), number_width, row.height()), LEFT, number)
            painter.setFont(where_font)
            painter.setPen(QColor(_ink(t)))
            painter.drawText(row, RIGHT, where)
        painter.end()


class WaitingStrip(_Part):
    """ "Waiting: [A] 12  [B] 5 …": per service prefix. What does not fit is left off whole
    (never a cut glyph) and counted ("+2 more")."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.label = ""
        self.counts: list[tuple[str, int]] = []
        self.nobody = ""
        self.shown = 0  # how many counts fitted at the last paint

    def texts(self) -> list[str]:
        if not self.counts:
            return [f"{self.label} {self.nobody}"]
        items = " · ".join(f"{p} {n}" for p, n in self.counts[:self.shown])
        more = len(self.counts) - self.shown
        return [f"{self.label} {items}" + (f" {self._more(more)}" if more else "")]

    @staticmethod
    def _more(count: int) -> str:
        return translate("DisplayBoard", "+%1 more").replace("%1", str(count))

    def layout_counts(self, scale: float = 1.0) -> tuple[int, QFont, QFont]:
        """How many counts fit the strip (largest type first), with the fonts to draw them."""
        t = self.theme
        label_font = _font(t.font_px(38))
        available = (self.width() - 2 * t.px(PAD) - QFontMetricsF(label_font).horizontalAdvance(
            self.label) - t.px(24))
        for factor in (1.0, 0.9, 0.8):
            count_font = _font(int(t.font_px(44) * factor * scale), bold=True)
            widths = [self._chip_width(prefix, number, count_font) for prefix, number in self.counts]
            if sum(widths) <= available:
                return len(widths), label_font, count_font
        for shown in range(len(widths) - 1, 0, -1):
            more = QFontMetricsF(label_font).horizontalAdvance(self._more(len(widths) - shown))
            if sum(widths[:shown]) + more <= available:
                return shown, label_font, count_font
        return 0, label_font, count_font

    def resizeEvent(self, _event: QResizeEvent) -> None:
        self.shown = self.layout_counts()[0]

    def _chip_width(self, prefix: str, number: int, font: QFont) -> float:
        t = self.theme
        metrics = QFontMetricsF(font)
        square = max(metrics.height() * 0.95, metrics.horizontalAdvance(prefix) + t.px(16))
        return square + t.px(12) + metrics.horizontalAdvance(str(number)) + t.px(40)

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        painter.fillRect(self.rect(), QColor(c.surface))
        painter.fillRect(QRectF(0, 0, self.width(), max(1, t.px(2))), QColor(c.outline))
        band = QRectF(t.px(PAD), 0, self.width() - 2 * t.px(PAD), self.height())
        shown, label_font, count_font = self.layout_counts()
        self.shown = shown
        painter.setFont(label_font)
        painter.setPen(QColor(c.muted))
        painter.drawText(band, LEFT, self.label)
        x = band.left() + QFontMetricsF(label_font).horizontalAdvance(self.label) + t.px(24)
        if not self.counts:
            painter.drawText(QRectF(x, 0, band.right() - x, self.height()), LEFT, self.nobody)
        metrics = QFontMetricsF(count_font)
        for prefix, number in self.counts[:shown]:
            square = max(metrics.height() * 0.95, metrics.horizontalAdvance(prefix) + t.px(16))
            chip = QRectF(x, (self.height() - square) / 2, square, square)
            painter.setBrush(QColor(c.primary))
            painter.setPen(QColor(c.outline) if t.high_contrast else Qt.PenStyle.NoPen)
            painter.drawRoundedRect(chip, t.px(10), t.px(10))
            painter.setFont(count_font)
            painter.setPen(QColor(c.on_primary))
            painter.drawText(chip, CENTER, prefix)
            x = chip.right() + t.px(12)
            width = metrics.horizontalAdvance(str(number))
            painter.setPen(QColor(c.text if number else c.muted))
            painter.drawText(QRectF(x, 0, width + 2, self.height()), LEFT, str(number))
            x += width + t.px(40)
        if shown < len(self.counts):
            painter.setFont(label_font)
            painter.setPen(QColor(c.muted))
            painter.drawText(QRectF(x, 0, band.right() - x, self.height()), LEFT,
                             self._more(len(self.counts) - shown))
        painter.end()


class Ticker(_Part):
    """The announcements, scrolling right to left without a pause. The text is drawn once into a
    pixmap; each frame only blits it (at most TICKER_FPS), and the timer runs only while shown."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.text = ""
        self.timer = QTimer(self, interval=1000 // TICKER_FPS)
        self.timer.timeout.connect(self.update)
        self._clock = QElapsedTimer()
        self._strip: QPixmap | None = None
        self._period = 1.0
        self._text_width = 0

    def texts(self) -> list[str]:
        return [self.text] if self.text else []

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self._strip = None
            self._clock.start()  # a new text starts at the left edge, readable at once
            self._sync_timer()

    def rewind(self) -> None:
        """Back to the start of the text (a still screenshot shows it from its first word)."""
        self._clock.start()
        self.update()

    def _sync_timer(self) -> None:
        if self.text and self.isVisible():
            if not self.timer.isActive():
                if not self._clock.isValid():
                    self._clock.start()
                self.timer.start()
        else:
            self.timer.stop()

    def showEvent(self, _event: QShowEvent) -> None:
        self._sync_timer()

    def hideEvent(self, _event: QHideEvent) -> None:
        self._sync_timer()

    def forget(self) -> None:
        """Drop the drawn text strip (its size or colours changed)."""
        self._strip = None
        self.update()

    def resizeEvent(self, _event: QResizeEvent) -> None:
        self.forget()

    def _cap(self) -> QRect:
        return QRect(0, 0, self.height() + self.theme.px(24), self.height())

    def _font(self) -> QFont:
        return _font(self.theme.font_px(40))

    def _make_strip(self, width: int) -> QPixmap:
        t = self.theme
        font = self._font()
        text_width = self._text_width = math.ceil(QFontMetricsF(font).horizontalAdvance(self.text))
        # One copy per period; a short text still crosses the whole band before it returns.
        self._period = max(text_width + t.px(160), width)
        ratio = self.devicePixelRatioF()
        if text_width * ratio > STRIP_MAX:  # too wide for one pixmap: drawn each frame instead
            return QPixmap()
        pixmap = QPixmap(int(text_width * ratio) + 2, int(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(t.colors.primary_pressed))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(QColor(t.colors.on_primary))
        painter.drawText(QRectF(0, 0, text_width + 2, self.height()), LEFT, self.text)
        painter.end()
        return pixmap

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(c.primary_pressed))
        cap = self._cap()
        lane = QRect(cap.right() + 1 + t.px(24), 0, self.width() - cap.width() - t.px(24), self.height())
        if self.text:
            if self._strip is None:
                self._strip = self._make_strip(lane.width())
            elapsed = self._clock.elapsed() if self._clock.isValid() else 0
            offset = (elapsed * t.px(TICKER_SPEED) / 1000) % self._period
            fade = t.px(48)
            painter.setClipRect(lane)
            x = lane.left() + fade - offset  # at rest the first word starts clear of the fade
            while x > lane.left():  # a copy may still be leaving at the left
                x -= self._period
            if self._strip.isNull():
                painter.setFont(self._font())
                painter.setPen(QColor(c.on_primary))
            while x < lane.right():
                if self._strip.isNull():
                    painter.drawText(QRectF(round(x), 0, self._text_width + 2, self.height()), LEFT,
                                     self.text)
                else:
                    painter.drawPixmap(QPointF(round(x), 0), self._strip)
                x += self._period
            painter.setClipping(False)
            # Text slides in and out under a short fade, not cut at a hard edge.
            band = QColor(c.primary_pressed)
            clear = QColor(band)
            clear.setAlpha(0)
            edges = ((lane.left(), lane.left() + fade), (lane.right() + 1, lane.right() + 1 - fade))
            for start, end in edges:
                gradient = QLinearGradient(start, 0, end, 0)
                gradient.setColorAt(0, band)
                gradient.setColorAt(1, clear)
                painter.fillRect(QRectF(min(start, end), 0, fade, self.height()), gradient)
        if self.text:  # the gold "info" cap marks the lane as announcements
            painter.fillRect(cap, QColor(c.accent))
            size = t.px(44)
            painter.drawPixmap(cap.center().x() - size // 2 + 1, (self.height() - size) // 2,
                               icons.pixmap("info", size, c.on_accent))
        painter.end()


class DisplayBoard(QWidget):
    """The hall's TV. The owner feeds it `set_state` on every change and `pulse` on a new call."""

    def __init__(self, theme: Theme, plaza_name: str, now: Callable[[], datetime],
                 logo_path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DisplayBoard")
        self.base_theme = theme.with_(landscape=True)
        self.theme = self.base_theme
        self.now = now  # the plaza's wall clock
        self.logo_path = logo_path
        self.state: BoardState | None = None

        self.header = BoardHeader(self, plaza_name, logo_path)
        self.offline_bar = OfflineBar(self)
        self.offline_bar.hide()
        self.call_panel = CallPanel(self)
        self.recent_panel = RecentPanel(self)
        self.waiting_strip = WaitingStrip(self)
        self.ticker = Ticker(self)
        self._main = QHBoxLayout()
        self._main.addWidget(self.call_panel, 7)  # the call gets the width: "A-K7-012" stays big
        self._main.addWidget(self.recent_panel, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.offline_bar)
        layout.addLayout(self._main, 1)
        layout.addWidget(self.waiting_strip)
        layout.addWidget(self.ticker)

        self._pulse = QVariantAnimation(self)
        self._pulse.setStartValue(0.0)
        self._pulse.setEndValue(1.0)
        self._pulse.setDuration(PULSE_MS)
        self._pulse.valueChanged.connect(self._glow)
        self._pulse.finished.connect(lambda: self._glow(1.0))
        self._apply_scale()
        self.refresh()

    # --- public API ---

    def set_state(self, state: BoardState) -> None:
        previous = self.state.current if self.state is not None else None
        if state.current != previous:
            self.call_panel.spoken = ""  # the caption belonged to the previous call
        self.state = state
        self.refresh()

    def pulse(self) -> None:
        """Three gold pulses over the current call (~2.4 s) to draw the eye to a new call."""
        if self.state is None or self.state.current is None:
            return
        self._pulse.stop()
        self._pulse.start()

    def is_pulsing(self) -> bool:
        return self._pulse.state() == QVariantAnimation.State.Running

    def show_spoken(self, text: str) -> None:
        """A one-line caption of the voice call under the number (for the deaf, and for when
        there is no sound); cleared when the current call changes, or with ""."""
        self.call_panel.spoken = text
        self.call_panel.update()

    def set_theme(self, theme: Theme) -> None:
        """A new palette (a rebranded city, high contrast); sizes still follow the widget."""
        self.base_theme = theme.with_(landscape=True)
        self._apply_scale()
        self.header.forget()
        self.ticker.forget()
        self.refresh()
        self.update()

    @property
    def lang(self) -> str:
        """The app's language: the board's words, its date and the announcements follow it."""
        return languages().current

    def set_language(self, lang: str) -> None:
        """Switch the app's language; the board words itself again on LanguageChange."""
        languages().switch(lang)

    def visible_texts(self) -> list[str]:
        """Everything the board shows now, top to bottom, left to right."""
        parts = (self.header, self.offline_bar, self.call_panel, self.recent_panel,
                 self.waiting_strip, self.ticker)
        return [text for part in parts if part.isVisibleTo(self) for text in part.texts() if text]

    def dispose(self) -> None:
        """Stop the timers (before the board goes)."""
        self._pulse.stop()
        self.ticker.timer.stop()
        self.header.timer.stop()

    # --- rendering ---

    def refresh(self) -> None:
        """Word everything again from the state, in the board's language."""
        state = self.state
        lang = self.lang
        self.header.tick()
        self.header.update()
        panel = self.call_panel
        panel.call = state.current if state is not None else None
        panel.label = translate("DisplayBoard", "QUEUE NUMBER")
        panel.go_to = translate("DisplayBoard", "go to")
        panel.counter = (translate("DisplayBoard", "COUNTER %1").replace("%1", panel.call.counter)
                         if panel.call is not None else "")
        panel.welcome = translate("DisplayBoard", "Welcome")
        panel.hint = translate("DisplayBoard", "Please take a queue number at the kiosk")
        panel.update()
        recent = self.recent_panel
        recent.title = translate("DisplayBoard", "Recent calls")
        recent.empty = translate("DisplayBoard", "No calls yet")
        recent.rows = [(call.number, translate("DisplayBoard", "Counter %1").replace("%1", call.counter))
                       for call in (state.recent if state is not None else ())]
        recent.update()
        strip = self.waiting_strip
        strip.label = translate("DisplayBoard", "Waiting:")
        strip.nobody = translate("DisplayBoard", "nobody")
        strip.counts = [(w.prefix, w.waiting) for w in (state.waiting if state is not None else ())]
        strip.shown = strip.layout_counts()[0] if strip.width() > 0 else len(strip.counts)
        strip.update()
        texts = [a.get(lang) or a.get("id") or next(iter(a.values()), "")
                 for a in (state.announcements if state is not None else ())]
        self.ticker.set_text("      •      ".join(t.strip() for t in texts if t.strip()))
        self._render_offline(state)

    def _render_offline(self, state: BoardState | None) -> None:
        if state is None or state.online:
            self.offline_bar.hide()
            return
        if state.last_sync is None:
            text = translate("DisplayBoard", "Offline — not yet connected to the city server")
        else:
            when = clock(state.last_sync.astimezone(self.now().tzinfo))
            text = translate("DisplayBoard", "Offline — data from %1").replace("%1", when)
        self.offline_bar.text = text
        self.offline_bar.update()
        self.offline_bar.show()

    def _glow(self, value: float) -> None:
        # |sin| over three half-turns: three rises to full gold, back to rest at the end.
        self.call_panel.glow = abs(math.sin(PULSES * math.pi * float(value)))
        if value >= 1.0:
            self.call_panel.glow = 0.0
        self.call_panel.update()

    def _apply_scale(self) -> None:
        width, height = max(self.width(), 1), max(self.height(), 1)
        self.theme = self.base_theme.with_(scale=Theme.scale_for(width, height), landscape=True)
        t = self.theme
        self.header.setFixedHeight(t.px(HEADER))
        self.offline_bar.setFixedHeight(t.px(OFFLINE))
        self.waiting_strip.setFixedHeight(t.px(WAITING))
        self.ticker.setFixedHeight(t.px(TICKER))
        self._main.setContentsMargins(t.px(GUTTER), t.px(GUTTER), t.px(GUTTER), t.px(GUTTER))
        self._main.setSpacing(t.px(GUTTER))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._apply_scale()
        super().resizeEvent(event)
        self.refresh()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.colors.background))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()

    def closeEvent(self, event) -> None:
        self.dispose()
        super().closeEvent(event)
