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
from dataclasses import dataclass
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
from ui.widgets.painted_text import PaintedText

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


@dataclass(frozen=True)
class _Text:
    """A text a part draws: with this font, in this box, aligned so."""

    text: str
    font: QFont
    box: QRectF
    align: Qt.AlignmentFlag = LEFT
    wrap: bool = False

    def draw(self, painter: QPainter) -> None:
        painter.setFont(self.font)
        flags = int(self.align) | (int(Qt.TextFlag.TextWordWrap) if self.wrap else 0)
        painter.drawText(self.box, flags, self.text)


def _line(font: QFont) -> float:
    """The height Qt lays one line of `font` out in."""
    return QFontMetricsF(font).height()


def _fit_height(font: QFont, height: float) -> QFont:
    """`font`, smaller if one line of it would not fit `height`."""
    if _line(font) <= height:
        return font
    fitted = QFont(font)
    fitted.setPixelSize(max(1, int(font.pixelSize() * height / _line(font))))
    while fitted.pixelSize() > 1 and _line(fitted) > height:
        fitted.setPixelSize(fitted.pixelSize() - 1)
    return fitted


class _Part(QWidget):
    """A painted part of the board; reads the scaled theme from the board. A part that draws
    words lists them in `pieces()`, which its painting and layout checks both read."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.board = board
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @property
    def theme(self) -> Theme:
        return self.board.theme

    def texts(self) -> list[str]:
        return []

    def pieces(self) -> list[_Text]:
        return []

    def painted_texts(self) -> list[PaintedText]:
        return [PaintedText(piece.text, piece.font, piece.box.toRect(), piece.wrap)
                for piece in self.pieces() if piece.text]

    def _painter(self) -> QPainter:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return painter

    def _card(self) -> QPainterPath:
        """The part's rounded card, the same radius on every panel."""
        radius = self.theme.px(24)
        card = QPainterPath()
        card.addRoundedRect(QRectF(self.rect()), radius, radius)
        return card


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

    def _logo_size(self) -> int:
        return self.theme.px(88)

    def pieces(self) -> list[_Text]:
        """The plaza's name (smaller when long, never under 36 px), the date and the clock."""
        t = self.theme
        pad = t.px(PAD)
        clock_font = _fit_height(_font(t.font_px(72), bold=True), self.height())
        date_font = _font(t.font_px(40))
        clock_width = QFontMetricsF(clock_font).horizontalAdvance(self.clock_text)
        date_width = QFontMetricsF(date_font).horizontalAdvance(self.date_text)
        right = self.width() - pad
        date_right = right - clock_width - t.px(28)
        name_left = pad + self._logo_size() + t.px(28)
        name_width = max(1.0, date_right - date_width - t.px(40) - name_left)
        name_font = _fit(_font(t.font_px(52), bold=True), self.plaza_name, name_width,
                         floor=t.font_px(36))
        height = self.height()
        return [_Text(self.plaza_name, name_font, QRectF(name_left, 0, name_width, height)),
                _Text(self.date_text, date_font,
                      QRectF(date_right - date_width, 0, date_width, height), RIGHT),
                _Text(self.clock_text, clock_font,
                      QRectF(right - clock_width, 0, clock_width, height), RIGHT)]

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        painter.fillRect(self.rect(), QColor(c.primary))
        if t.high_contrast:  # black on black: the header needs its edge drawn
            painter.fillRect(QRectF(0, self.height() - t.px(2), self.width(), t.px(2)), QColor(c.outline))
        size = self._logo_size()
        if self._logo is None:
            self._logo = logo_pixmap(self._logo_path, size)
        painter.drawPixmap(t.px(PAD), (self.height() - size) // 2, self._logo)
        painter.setPen(QColor(c.on_primary))
        name, *rest = self.pieces()
        # A name longer than even its smallest size allows ends in "…" (layout checks say so).
        shown = QFontMetricsF(name.font).elidedText(name.text, Qt.TextElideMode.ElideRight,
                                                    name.box.width())
        _Text(shown, name.font, name.box).draw(painter)
        for piece in rest:
            piece.draw(painter)
        painter.end()


class OfflineBar(_Part):
    """Amber, under the header, for as long as the board cannot reach the city: the calls shown
    may be stale, and the visitors should know it."""

    def __init__(self, board: DisplayBoard) -> None:
        super().__init__(board)
        self.text = ""

    def texts(self) -> list[str]:
        return [self.text]

    def pieces(self) -> list[_Text]:
        t = self.theme
        text_left = t.px(PAD) + t.px(44) + t.px(20)
        width = self.width() - text_left - t.px(PAD)
        font = _fit(_font(t.font_px(38), bold=True), self.text, width, floor=t.font_px(26))
        return [_Text(self.text, _fit_height(font, self.height()),
                      QRectF(text_left, 0, width, self.height()))]

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        painter.fillRect(self.rect(), QColor(c.warning))
        size = t.px(44)
        painter.drawPixmap(t.px(PAD), (self.height() - size) // 2,
                           icons.pixmap("wifi-off", size, ON_WARNING))
        painter.setPen(QColor(ON_WARNING))
        [piece] = self.pieces()
        shown = QFontMetricsF(piece.font).elidedText(piece.text, Qt.TextElideMode.ElideRight,
                                                     piece.box.width())
        _Text(shown, piece.font, piece.box).draw(painter)
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
        card = self._card()
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

    def pieces(self) -> list[_Text]:
        return self._call_pieces()[0] if self.call is not None else self._welcome_pieces()[0]

    def _call_pieces(self) -> tuple[list[_Text], QRectF]:
        """The label, the number, "go to", the counter in its pill, the caption; and the pill.
        The number's box is the line Qt sets it in: its glyphs sit centred in the number row,
        the room the line keeps for descenders and accents falls outside the row."""
        assert self.call is not None
        t = self.theme
        label_row, number_row, counter_row, caption_row = self._rows()
        texts = [_Text(self.label, self._label_font(), label_row, CENTER)]
        font = self.number_font()
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(self.call.number)
        glyphs = metrics.tightBoundingRect(self.call.number)
        baseline = number_row.center().y() - glyphs.top() - glyphs.height() / 2
        texts.append(_Text(self.call.number, font, QRectF(
            number_row.center().x() - width / 2, baseline - metrics.ascent(), width,
            metrics.height()), CENTER))
        go_font = _font(t.font_px(48))
        counter_font = _fit(self._counter_font(), self.counter, counter_row.width() * 0.6)
        go_width = QFontMetricsF(go_font).horizontalAdvance(self.go_to)
        pill_width = QFontMetricsF(counter_font).horizontalAdvance(self.counter) + 2 * t.px(36)
        gap = t.px(28)
        left = counter_row.center().x() - (go_width + gap + pill_width) / 2
        texts.append(_Text(self.go_to, go_font,
                           QRectF(left, counter_row.top(), go_width, counter_row.height())))
        pill = QRectF(left + go_width + gap, counter_row.top(), pill_width, counter_row.height())
        texts.append(_Text(self.counter, counter_font, pill, CENTER))
        if self.spoken:
            caption = _fit(self._caption_font(), self.spoken, caption_row.width(),
                           floor=t.font_px(28))
            texts.append(_Text(self.spoken, caption, caption_row, CENTER))
        return texts, pill

    def _paint_call(self, painter: QPainter) -> None:
        t, c = self.theme, self.theme.colors
        (label, number, go_to, counter, *caption), pill = self._call_pieces()
        muted = _mix(c.muted, c.on_accent, self.glow)
        painter.setPen(muted)
        label.draw(painter)
        go_to.draw(painter)
        painter.setPen(_mix(c.accent if t.high_contrast else c.primary, c.on_accent, self.glow))
        number.draw(painter)
        painter.setBrush(QColor(c.primary))
        painter.setPen(QColor(c.outline) if t.high_contrast else Qt.PenStyle.NoPen)
        painter.drawRoundedRect(pill, t.px(20), t.px(20))
        painter.setPen(QColor(c.on_primary))
        counter.draw(painter)
        for piece in caption:
            painter.setPen(muted)
            # Too long even at its smallest size: ends in "…" (layout checks say so).
            shown = QFontMetricsF(piece.font).elidedText(
                piece.text, Qt.TextElideMode.ElideRight, piece.box.width())
            _Text(shown, piece.font, piece.box, CENTER).draw(painter)

    def _welcome_pieces(self) -> tuple[list[_Text], QRectF]:
        """The welcome and the hint under it; and where the logo goes above them."""
        t = self.theme
        inner = self._inner()
        logo_size = t.px(180)
        title = _fit(_font(t.font_px(104), bold=True), self.welcome, inner.width())
        hint = _font(t.font_px(48))
        hint_width = inner.width() * 0.8
        hint_height = QFontMetricsF(hint).boundingRect(
            QRectF(0, 0, hint_width, 10_000), int(CENTER | Qt.TextFlag.TextWordWrap),
            self.hint).height()
        title_h = _line(title)
        gap = t.px(32)
        top = inner.center().y() - (logo_size + gap + title_h + t.px(12) + hint_height) / 2
        logo = QRectF(inner.center().x() - logo_size / 2, top, logo_size, logo_size)
        top += logo_size + gap
        texts = [_Text(self.welcome, title, QRectF(inner.left(), top, inner.width(), title_h),
                       CENTER)]
        top += title_h + t.px(12)
        texts.append(_Text(self.hint, hint, QRectF(inner.left() + inner.width() * 0.1, top,
                                                   hint_width, hint_height), CENTER, wrap=True))
        return texts, logo

    def _paint_welcome(self, painter: QPainter) -> None:
        t, c = self.theme, self.theme.colors
        (title, hint), logo = self._welcome_pieces()
        painter.drawPixmap(int(logo.left()), int(logo.top()),
                           logo_pixmap(self.board.logo_path, int(logo.width())))
        painter.setPen(QColor(_ink(t)))
        title.draw(painter)
        painter.setPen(QColor(c.muted))
        hint.draw(painter)


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

    def _layout(self) -> tuple[list[_Text], QRectF, list[float]]:
        """The title, then each call's number and counter; the gold rule under the title;
        and the tops of the rows after the first (where a thin line parts them)."""
        t = self.theme
        pad = t.px(36)
        inner = QRectF(self.rect()).adjusted(pad, t.px(24), -pad, -t.px(20))
        title_font = _fit(_font(t.font_px(44), bold=True), self.title, inner.width())
        title_h = _line(title_font) + t.px(16)
        texts = [_Text(self.title, title_font, QRectF(inner.left(), inner.top(), inner.width(),
                                                      title_h))]
        top = inner.top() + title_h
        rule = QRectF(inner.left(), top, inner.width(), max(2, t.px(3)))
        top += t.px(8)
        if not self.rows:
            empty = _font(t.font_px(36))
            texts.append(_Text(self.empty, empty, QRectF(inner.left(), top, inner.width(),
                                                         max(float(t.px(100)), _line(empty)))))
            return texts, rule, []
        row_h = (inner.bottom() - top) / BOARD_RECENT
        rows = self.rows[:BOARD_RECENT]
        where_font = _fit_height(_font(t.font_px(48), bold=True), row_h)
        where_metrics = QFontMetricsF(where_font)
        # One size for every number in the list (the smallest any row needs), so none looks odd.
        number_font = _fit_height(_font(t.font_px(80), bold=True), row_h)
        for number, where in rows:
            number_font = _fit(number_font, number,
                               inner.width() - where_metrics.horizontalAdvance(where) - t.px(24))
        for index, (number, where) in enumerate(rows):
            row_top = top + index * row_h
            where_width = where_metrics.horizontalAdvance(where)
            texts.append(_Text(number, number_font, QRectF(
                inner.left(), row_top, inner.width() - where_width - t.px(24), row_h)))
            texts.append(_Text(where, where_font, QRectF(
                inner.right() - where_width, row_top, where_width, row_h), RIGHT))
        return texts, rule, [top + index * row_h for index in range(1, len(rows))]

    def pieces(self) -> list[_Text]:
        return self._layout()[0]

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        card = self._card()
        painter.fillPath(card, QColor(c.surface))
        if t.high_contrast:
            painter.setPen(QColor(c.outline))
            painter.drawPath(card)
        (title, *rows), rule, lines = self._layout()
        painter.setPen(QColor(_ink(t)))
        title.draw(painter)
        painter.fillRect(rule, QColor(c.accent))
        for top in lines:
            painter.fillRect(QRectF(rule.left(), top, rule.width(), max(1, t.px(2))),
                             QColor(c.outline))
        if not self.rows:
            painter.setPen(QColor(c.muted))
            rows[0].draw(painter)
            rows = []
        for number, where in zip(rows[::2], rows[1::2], strict=True):
            painter.setPen(QColor(c.text))
            number.draw(painter)
            painter.setPen(QColor(_ink(t)))
            where.draw(painter)
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

    def _layout(self) -> tuple[list[_Text], list[tuple[QRectF, int]]]:
        """"Waiting:", then per service its prefix (on a chip) and its count, and "+2 more" for
        what did not fit; and the chips with their counts."""
        t = self.theme
        band = QRectF(t.px(PAD), 0, self.width() - 2 * t.px(PAD), self.height())
        shown, label_font, count_font = self.layout_counts()
        texts = [_Text(self.label, label_font, QRectF(
            band.left(), 0, QFontMetricsF(label_font).horizontalAdvance(self.label), band.height()))]
        x = band.left() + texts[0].box.width() + t.px(24)
        if not self.counts:
            texts.append(_Text(self.nobody, label_font, QRectF(x, 0, band.right() - x, band.height())))
        metrics = QFontMetricsF(count_font)
        chips: list[tuple[QRectF, int]] = []
        for prefix, number in self.counts[:shown]:
            square = max(metrics.height() * 0.95, metrics.horizontalAdvance(prefix) + t.px(16))
            chips.append((QRectF(x, (self.height() - square) / 2, square, square), number))
            # The prefix is centred on its chip: in the strip's height its line fits whole.
            texts.append(_Text(prefix, count_font, QRectF(x, 0, square, band.height()), CENTER))
            x += square + t.px(12)
            width = metrics.horizontalAdvance(str(number))
            texts.append(_Text(str(number), count_font, QRectF(x, 0, width + 2, band.height())))
            x += width + t.px(40)
        if shown < len(self.counts):
            texts.append(_Text(self._more(len(self.counts) - shown), label_font,
                               QRectF(x, 0, band.right() - x, band.height())))
        return texts, chips

    def pieces(self) -> list[_Text]:
        return self._layout()[0]

    def paintEvent(self, _event: QPaintEvent) -> None:
        t, c = self.theme, self.theme.colors
        painter = self._painter()
        painter.fillRect(self.rect(), QColor(c.surface))
        painter.fillRect(QRectF(0, 0, self.width(), max(1, t.px(2))), QColor(c.outline))
        self.shown = self.layout_counts()[0]
        (label, *texts), chips = self._layout()
        painter.setPen(QColor(c.muted))
        label.draw(painter)
        if not self.counts:
            texts[0].draw(painter)
        for index, (chip, number) in enumerate(chips):
            painter.setBrush(QColor(c.primary))
            painter.setPen(QColor(c.outline) if t.high_contrast else Qt.PenStyle.NoPen)
            painter.drawRoundedRect(chip, t.px(10), t.px(10))
            painter.setPen(QColor(c.on_primary))
            texts[2 * index].draw(painter)
            painter.setPen(QColor(c.text if number else c.muted))
            texts[2 * index + 1].draw(painter)
        if self.counts and len(texts) > 2 * len(chips):
            painter.setPen(QColor(c.muted))
            texts[-1].draw(painter)
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
        self._caption: tuple[str, str, str] | None = None  # number, counter, the words spoken

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

    def show_spoken(self, text: str, number: str = "", counter: str = "") -> None:
        """A one-line caption of the voice call under the number (for the deaf, and for when
        there is no sound). It belongs to the call of `number` to `counter` (by default the
        current one) and shows while that call is the current one, however the state that
        brings the call and the voice that reads it are ordered; "" clears it."""
        call = self.state.current if self.state is not None else None
        if not number and call is not None:
            number, counter = call.number, call.counter
        self._caption = (number, counter, text) if text and number else None
        self._render_caption()

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
        if state is not None and state.plaza_name is not None:  # the catalog's, once known
            self.header.plaza_name = state.plaza_name.get(lang)
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
        self._render_caption()
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

    def _render_caption(self) -> None:
        call, caption = self.call_panel.call, self._caption
        fits = call is not None and caption is not None and caption[:2] == (call.number, call.counter)
        self.call_panel.spoken = caption[2] if fits else ""
        self.call_panel.update()

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
