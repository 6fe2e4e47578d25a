"""A QR code painted from its module matrix (no image library on the draw path)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


@lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix (with a quiet zone). Choosing the best mask costs ~25 ms, so results
    are cached; a new ticket's code is made on the store thread before its screen shows."""
    import qrcode  # loads with the first code (on the store thread), not before the first paint

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


class QrCode(QWidget):
    def __init__(self, size: int = 280, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self._size = size
        self.data = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(size, size)

    def set_size(self, size: int) -> None:
        self._size = size
        self.setFixedSize(size, size)

    def set_data(self, data: str) -> None:
        if data == self.data:
            return
        self.data = data
        self._matrix = qr_matrix(data) if data else ()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._size, self._size)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))  # QR needs light quiet zone, even in HC
        if not self._matrix:
            return
        count = len(self._matrix)
        cell = min(self.width(), self.height()) / count
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(x * cell, y * cell, cell + 0.5, cell + 0.5))
