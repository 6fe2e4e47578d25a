"""Icons from assets/icons, recoloured for the theme and cached."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.paths import ASSETS

ICONS = ASSETS / "icons"
BRANDING_LOGO = ASSETS / "branding" / "logo.svg"
STROKE = "#1B2630"  # the colour every icon file is drawn in; replaced at load


@lru_cache(maxsize=64)
def _svg(name: str) -> str:
    path = ICONS / f"{name}.svg"
    if not path.exists():
        path = ICONS / "info.svg"  # a missing icon must never break a screen
    return path.read_text(encoding="utf-8")


def svg_pixmap(svg_text: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg_text.encode()))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return pixmap


@lru_cache(maxsize=256)
def pixmap(name: str, size: int, color: str) -> QPixmap:
    return svg_pixmap(_svg(name).replace(STROKE, color), size)


def icon(name: str, size: int, color: str) -> QIcon:
    return QIcon(pixmap(name, size, color))


def stateful_icon(name: str, size: int, color: str, *, on: str, disabled: str) -> QIcon:
    """An icon in the colour of its words in each state: `on` while checked (on the selected
    colour), `disabled` while inert."""
    result = QIcon(pixmap(name, size, color))
    result.addPixmap(pixmap(name, size, on), QIcon.Mode.Normal, QIcon.State.On)
    result.addPixmap(pixmap(name, size, on), QIcon.Mode.Active, QIcon.State.On)
    result.addPixmap(pixmap(name, size, disabled), QIcon.Mode.Disabled, QIcon.State.Off)
    result.addPixmap(pixmap(name, size, disabled), QIcon.Mode.Disabled, QIcon.State.On)
    return result


def logo_pixmap(path: str, size: int) -> QPixmap:
    """The city's logo (SVG or PNG, from config); the bundled emblem if it cannot be drawn."""
    file = Path(path) if path else BRANDING_LOGO
    if file.suffix.lower() == ".png":
        image = QPixmap(str(file))
        if not image.isNull():
            return image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
    elif file.exists() and QSvgRenderer(str(file)).isValid():
        return svg_pixmap(file.read_text(encoding="utf-8", errors="replace"), size)
    return svg_pixmap(BRANDING_LOGO.read_text(encoding="utf-8"), size)
