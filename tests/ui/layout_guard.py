"""A layout guard for any window of the project: finds what a visitor or a clerk would see as
broken, and says where, what and by how much.

    problems = check_layout(window, Rules(min_text_px=24, min_target_px=80).scaled(scale))
    assert not problems, "\\n".join(problems)

Lay the window out first (show it and let the event loop run). Every widget visible in `root`
is checked:

- text that does not fit: a label, button or field whose text (or placeholder) needs more room
  than it has, so Qt cuts it off; a word that is broken inside (at a hyphen, or anywhere because
  the column is narrower than the word);
- a widget cut off by its parent or leaving the window; a scroll area's content wider than its
  view (nothing here scrolls sideways), or a scroll view squeezed too short to read in
  (`Rules.min_scroll_view_px`);
- two widgets of one layout overlapping; a container smaller than its layout needs;
- text smaller than `Rules.min_text_px`; a touch target (any button or text field, and any
  widget whose class sets `touch_target = True`) smaller than `Rules.min_target_px` either way.

Painted widgets take part by a method `painted_texts()` returning `PaintedText` items (what
they draw, with which font, in which rectangle of the widget). A widget (and everything in it)
is left out with `widget.setProperty("layoutGuard", "ignore")`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QWidget,
)

from ui.widgets.painted_text import PaintedText

__all__ = ["IGNORE", "PaintedText", "Rules", "check_layout", "lay_out_text", "widget_path"]

IGNORE = "ignore"  # the value of the "layoutGuard" property that leaves a widget out
SLACK = 1.5  # px: rounding between font metrics and widget sizes is not a problem
# A line may end after these without breaking a word ("Kabupaten/Kota", "KTP-el — baru").
BREAK_AFTER = " \t\u2028\u200b/–—"


@dataclass(frozen=True)
class Rules:
    """The minimums of a screen, in pixels of the window as rendered."""

    min_text_px: float = 24
    min_target_px: float = 80
    min_scroll_view_px: float = 0  # the least height a scroll area may show its content in

    def scaled(self, scale: float) -> Rules:
        """The same rules for a window drawn at `scale` times its design size."""
        return replace(self, min_text_px=self.min_text_px * scale,
                       min_target_px=self.min_target_px * scale,
                       min_scroll_view_px=self.min_scroll_view_px * scale)


def check_layout(root: QWidget, rules: Rules | None = None) -> list[str]:
    """Every layout problem in `root`, one human-readable line each (empty: all is well)."""
    rules = rules or Rules()
    problems: list[str] = []
    for widget in _visible(root):
        where = widget_path(widget, root)
        problems += [f"{where}: {p}" for p in _text_problems(widget, rules)]
        problems += [f"{where}: {p}" for p in _target_problems(widget, rules)]
        problems += [f"{where}: {p}" for p in _place_problems(widget, root, rules)]
        problems += [f"{where}: {p}" for p in _squeeze_problems(widget)]
        problems += _overlap_problems(widget, root)
    return problems


# --- which widgets ---


def _visible(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = []

    def walk(parent: QWidget) -> None:
        for child in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isWindow() or not child.isVisibleTo(root) or child.property("layoutGuard") == IGNORE:
                continue
            found.append(child)
            walk(child)

    walk(root)
    return found


def widget_path(widget: QWidget, root: QWidget) -> str:
    """`KioskWindow > SearchScreen > PaintedRow 'Penerbitan Akta…'`: named widgets and classes
    of the project, Qt's anonymous containers left out."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None:
        name = current.objectName()
        cls = type(current)
        own_class = not cls.__module__.startswith("PySide6")
        if current is widget or current is root or (name and not name.startswith("qt_")) or own_class:
            role = current.property("role")
            part = name if name and not name.startswith("qt_") else cls.__name__
            if role and current is widget:
                part += f"[{role}]"
            parts.append(part)
        if current is root:
            break
        current = current.parentWidget()
    text = _shown_text(widget)
    if text:
        short = text.replace("\n", " ")
        parts[0] += f" {short[:40]!r}" if len(short) <= 40 else f" {short[:39] + '…'!r}"
    return " > ".join(reversed(parts))


def _shown_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    painted = getattr(widget, "painted_texts", None)
    if callable(painted):
        return " ".join(p.text for p in painted() if p.text)
    return ""


# --- text ---


@dataclass(frozen=True)
class _Laid:
    height: float
    width: float  # the widest line
    breaks: tuple[str, ...]  # words broken inside, as "KTP-|el"


def lay_out_text(text: str, font: QFont, width: float, wrap: bool) -> _Laid:
    """Text laid out as QPainter.drawText and QLabel do (Qt.TextWordWrap: at word boundaries,
    or anywhere when one word is wider than the line)."""
    plain = text.replace("\n", "\u2028")
    layout = QTextLayout(plain, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap
                       else QTextOption.WrapMode.ManualWrap)
    layout.setTextOption(option)
    leading = QFontMetricsF(font).leading()
    height, widest = 0.0, 0.0
    ends: list[int] = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(width, 1.0) if wrap else 1e7)
        height += leading
        line.setPosition(QPointF(0, height))
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
        ends.append(line.textStart() + line.textLength())
    layout.endLayout()
    breaks = []
    for end in ends[:-1]:
        before, after = plain[end - 1:end], plain[end:end + 1]
        if before and after and before not in BREAK_AFTER and not after.isspace() and after != "\u2028":
            start = plain.rfind(" ", 0, end) + 1
            stop = plain.find(" ", end)
            word = plain[start:stop if stop >= 0 else len(plain)]
            breaks.append(word[:end - start] + "|" + word[end - start:])
    return _Laid(height, widest, tuple(breaks))


def _text_problems(widget: QWidget, rules: Rules) -> list[str]:
    painted = getattr(widget, "painted_texts", None)
    if callable(painted):
        found = []
        for item in painted():
            if not item.text:
                continue
            found += [f"{item.text[:30]!r}: {p}" for p in _fit_problems(item, rules)]
            if item.rect.isValid() and not widget.rect().contains(item.rect):
                found.append(f"{item.text[:30]!r}: drawn outside the widget ({_box(item.rect)} "
                             f"in {widget.width()}x{widget.height()})")
        return found
    if isinstance(widget, QLabel):
        text = QLabel.text(widget)  # as Qt lays it out (a subclass may answer otherwise)
        if not text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return []
        if widget.textFormat() == Qt.TextFormat.RichText or (
                widget.textFormat() == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text)):
            return _size_problems(widget.font(), rules)  # rich text: QLabel wraps it itself
        inset = 2 * widget.margin() + max(widget.indent(), 0)
        area = widget.contentsRect().adjusted(0, 0, -inset, -inset)
        return _fit_problems(PaintedText(text, widget.font(), area, widget.wordWrap()), rules)
    if isinstance(widget, QAbstractButton):
        return _button_problems(widget, rules)
    if isinstance(widget, QLineEdit):
        return _field_problems(widget, rules)
    return []


def _button_problems(widget: QAbstractButton, rules: Rules) -> list[str]:
    text = QAbstractButton.text(widget)
    if not text:
        return []
    found = _size_problems(widget.font(), rules)
    if isinstance(widget, QPushButton):
        # The style's content box (inside padding and border) against the words and icon.
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        inner = widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
        metrics = QFontMetricsF(widget.font())
        shown = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        needed_w = max(metrics.horizontalAdvance(part) for part in shown.split("\n"))
        needed_h = metrics.height() * (shown.count("\n") + 1)
        if not widget.icon().isNull():
            needed_w += widget.iconSize().width() + 4  # Qt's gap between icon and words
            needed_h = max(needed_h, widget.iconSize().height())
        if needed_w > inner.width() + SLACK or needed_h > inner.height() + SLACK:
            found.append(f"text cut off: needs {needed_w:.0f}x{needed_h:.0f} px inside, has "
                         f"{inner.width()}x{inner.height()}")
        return found
    hint = widget.sizeHint()  # other buttons: what the style asks for words, icon and padding
    if widget.width() + SLACK < hint.width() or widget.height() + SLACK < hint.height():
        found.append(f"text cut off: needs {hint.width()}x{hint.height()} px, "
                     f"has {widget.width()}x{widget.height()}")
    return found


def _field_problems(widget: QLineEdit, rules: Rules) -> list[str]:
    text = widget.text() or widget.placeholderText()
    if not text:
        return []
    found = _size_problems(widget.font(), rules)
    option = QStyleOptionFrame()
    widget.initStyleOption(option)
    inner = widget.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, widget)
    margins = widget.textMargins()
    room = inner.width() - margins.left() - margins.right() - 4  # QLineEdit keeps 2 px each side
    needed = QFontMetricsF(widget.font()).horizontalAdvance(text)
    if needed > room + SLACK:
        what = "text" if widget.text() else "placeholder"
        found.append(f"{what} cut off: needs {needed:.0f} px, has {room}")
    return found


def _size_problems(font: QFont, rules: Rules) -> list[str]:
    size = QFontInfo(font).pixelSize()
    if size + 0.5 < rules.min_text_px:
        return [f"text {size} px, under the {rules.min_text_px:.0f} px minimum"]
    return []


def _fit_problems(item: PaintedText, rules: Rules) -> list[str]:
    found = _size_problems(item.font, rules)
    area = item.rect
    if area.width() <= 0 or area.height() <= 0:
        return [*found, f"text squeezed to nothing ({area.width()}x{area.height()} px)"]
    laid = lay_out_text(item.text, item.font, area.width(), item.wrap)
    if laid.width > area.width() + SLACK:
        found.append(f"text cut off at the side: needs {laid.width:.0f} px wide, has {area.width()}")
    if laid.height > area.height() + SLACK:
        found.append(f"text cut off below: needs {laid.height:.0f} px tall at {area.width()} px wide, "
                     f"has {area.height()}")
    found += [f"word broken inside: {word!r} ({area.width()} px wide)" for word in laid.breaks]
    return found


# --- touch targets ---


def _is_target(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractButton | QLineEdit) or bool(getattr(widget, "touch_target", False))


def _target_problems(widget: QWidget, rules: Rules) -> list[str]:
    if not _is_target(widget):
        return []
    if widget.width() + 0.5 < rules.min_target_px or widget.height() + 0.5 < rules.min_target_px:
        return [f"touch target {widget.width()}x{widget.height()} px, under the "
                f"{rules.min_target_px:.0f} px minimum"]
    return []


# --- place in the window ---


def _scrolled_content_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The scroll area if `widget` is the content scrolled in its view."""
    view = widget.parentWidget()
    area = view.parentWidget() if view is not None else None
    if isinstance(area, QAbstractScrollArea) and area.viewport() is view:
        return area
    return None


def _place_problems(widget: QWidget, root: QWidget, rules: Rules) -> list[str]:
    found: list[str] = []
    if isinstance(widget, QAbstractScrollArea) and rules.min_scroll_view_px:
        view = widget.viewport()
        if view.height() + 0.5 < rules.min_scroll_view_px:
            found.append(f"scroll view only {view.height()} px tall, under the "
                         f"{rules.min_scroll_view_px:.0f} px minimum")
    parent = widget.parentWidget()
    if parent is None:
        return found
    box, room = widget.geometry(), parent.rect()
    scrolled = _scrolled_content_of(widget)
    if scrolled is not None:  # scrolls up and down; never sideways
        if box.width() > room.width() + SLACK:
            found.append(f"content {box.width()} px wide in a {room.width()} px view: "
                         f"cut off at the side")
        return found
    if room.contains(box):
        return found
    corner = widget.mapTo(root, widget.rect().topLeft())
    in_window = QRect(corner, box.size())
    if not root.rect().contains(in_window):
        found.append(f"leaves the window: {_box(in_window)} in {root.width()}x{root.height()}")
    else:
        found.append(f"cut off by {widget_path(parent, root)}: {_box(box)} in "
                     f"{room.width()}x{room.height()}")
    return found


def _squeeze_problems(widget: QWidget) -> list[str]:
    """A container smaller than its own layout asks: what is inside overlaps or is cut."""
    layout = widget.layout()
    if layout is None or isinstance(layout, QStackedLayout):  # pages are alternatives
        return []
    least = layout.totalMinimumSize()
    height = layout.totalHeightForWidth(widget.width()) if layout.hasHeightForWidth() else least.height()
    if widget.width() + SLACK < least.width() or widget.height() + SLACK < height:
        return [f"squeezed: its layout needs {least.width()}x{height} px, has "
                f"{widget.width()}x{widget.height()}"]
    return []


def _box(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()} at ({rect.x()}, {rect.y()})"


# --- siblings ---


def _layout_widgets(layout: QLayout, owner: QWidget) -> list[QWidget]:
    found = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if (child := item.widget()) is not None:
            if child.parentWidget() is owner:
                found.append(child)
        elif (inner := item.layout()) is not None:
            found += _layout_widgets(inner, owner)
    return found


def _overlap_problems(widget: QWidget, root: QWidget) -> list[str]:
    layout = widget.layout()
    if layout is None:
        return []
    shown = [w for w in _layout_widgets(layout, widget)
             if w.isVisibleTo(root) and w.property("layoutGuard") != IGNORE
             and w.width() > 0 and w.height() > 0]
    found = []
    for first, second in combinations(shown, 2):
        common = first.geometry().intersected(second.geometry())
        if common.width() > SLACK and common.height() > SLACK:
            found.append(f"{widget_path(first, root)} and {widget_path(second, root)} overlap by "
                         f"{common.width()}x{common.height()} px")
    return found
