"""Icons from assets/icons, recoloured for the theme and cached."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.paths import ASSETS

ICONS = ASSETS / "icons"
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
