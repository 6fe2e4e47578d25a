"""A one-line label whose text shrinks to fit its width rather than widen the page: a
device-tagged number (`A-K7-012`) is longer than `A-012` but must stay whole on screen."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ui.widgets.painted_text import PaintedText


class FitLabel(QLabel):
    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)  # the theme's font and colour still apply

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def fitted_font(self) -> QFont:
        """The theme's font, made smaller if the text would not fit the width."""
        area = self.contentsRect()
        font = self.font()
        needed = QFontMetricsF(font).horizontalAdvance(self.text())
        if needed > area.width() > 0:
            scale = area.width() / needed * 0.98
            if font.pixelSize() > 0:
                font.setPixelSize(max(1, int(font.pixelSize() * scale)))
            else:
                font.setPointSizeF(max(1.0, font.pointSizeF() * scale))
        return font

    def painted_texts(self) -> list[PaintedText]:
        return [PaintedText(self.text(), self.fitted_font(), self.contentsRect(), wrap=False)]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.fitted_font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.text())
