"""The SP4N-LAPOR! card: where a visitor takes a complaint, in words and as a QR code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.vocabulary import LAPOR_URL
from ui.widgets.common import card, label
from ui.widgets.qr import QrCode


def complaint_card(title: str, text: str, pad: int, qr_px: int) -> QFrame:
    frame = card()
    row = QHBoxLayout(frame)
    row.setContentsMargins(pad, pad, pad, pad)
    row.setSpacing(pad)
    texts = QVBoxLayout()
    texts.addWidget(label(title, "section"))
    texts.addWidget(label(text))
    texts.addStretch()
    code = QrCode(qr_px)
    code.set_data(LAPOR_URL)
    row.addLayout(texts, 1)
    row.addWidget(code, 0, Qt.AlignmentFlag.AlignTop)
    return frame
