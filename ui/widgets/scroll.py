"""A touch scroll area: drag to scroll (kinetic), no scroll bars, a fade when more is below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QScrollerProperties, QWidget


class _Fade(QWidget):
    """Paints a gradient over the bottom edge while content continues below."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.color = QColor("#F4F6F8")

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        gradient = QLinearGradient(0, 0, 0, self.height())
        transparent = QColor(self.color)
        transparent.setAlpha(0)
        gradient.setColorAt(0, transparent)
        gradient.setColorAt(1, self.color)
        painter.fillRect(self.rect(), gradient)


class TouchScroll(QScrollArea):
    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        properties = scroller.scrollerProperties()
        # Per-pixel dragging without overshoot bounce: calmer for first-time users.
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
                                   QScrollerProperties.OvershootPolicy.OvershootAlwaysOff)
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
                                   QScrollerProperties.OvershootPolicy.OvershootAlwaysOff)
        # A press reaches the button under the finger at once (the pressed look shows, and a
        # tap never waits): Qt's default holds it back 0.25 s in case a drag starts, and a
        # press held back while the panel under it was drawn again was dropped, losing the tap.
        # A drag that starts on a button still scrolls (the button gets its press cancelled).
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        scroller.setScrollerProperties(properties)
        self._fade = _Fade(self)
        self.verticalScrollBar().valueChanged.connect(self._update_fade)
        self.verticalScrollBar().rangeChanged.connect(self._update_fade)
        content.installEventFilter(self)

    def set_fade_color(self, color: str) -> None:
        self._fade.color = QColor(color)
        self._fade.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._update_fade()
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_fade()

    def _update_fade(self, *_args) -> None:
        height = max(24, self.height() // 10)
        self._fade.setGeometry(0, self.height() - height, self.width(), height)
        bar = self.verticalScrollBar()
        self._fade.setVisible(bar.value() < bar.maximum())
        self._fade.raise_()

    def more_below(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() < bar.maximum()
