"""A one-line label whose text shrinks to fit its width rather than widen the page: a
device-tagged number (`A-K7-012`) is longer than `A-012` but must stay whole on screen."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget


class FitLabel(QLabel):
    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)  # the theme's font and colour still apply

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        area = self.contentsRect()
        font = self.font()
        needed = QFontMetricsF(font).horizontalAdvance(self.text())
        if needed > area.width() > 0:
            scale = area.width() / needed * 0.98
            if font.pixelSize() > 0:
                font.setPixelSize(max(1, int(font.pixelSize() * scale)))
            else:
                font.setPointSizeF(max(1.0, font.pointSizeF() * scale))
        painter = QPainter(self)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(area, int(self.alignment()), self.text())
