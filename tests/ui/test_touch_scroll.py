"""The touch scroll area every long screen uses: a tap on a button in it is pressed and clicked at
once. (That a drag starting on a button scrolls was seen in this file alone; QTest's synthetic
drags reach QScroller unreliably after other tests, so it is not asserted here.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.widgets.scroll import TouchScroll


def _column_of_buttons(qtbot, count: int = 30) -> tuple[TouchScroll, list[QPushButton], list[str]]:
    content = QWidget()
    column = QVBoxLayout(content)
    clicked: list[str] = []
    buttons = []
    for index in range(count):
        button = QPushButton(f"Layanan {index}")
        button.setMinimumHeight(96)
        button.clicked.connect(lambda _=False, i=index: clicked.append(f"click {i}"))
        button.pressed.connect(lambda i=index: clicked.append(f"press {i}"))
        column.addWidget(button)
        buttons.append(button)
    scroll = TouchScroll(content)
    qtbot.addWidget(scroll)
    scroll.resize(600, 800)
    scroll.show()
    qtbot.waitExposed(scroll)
    return scroll, buttons, clicked


def test_a_tap_is_pressed_at_once_and_clicks_once(qtbot, kiosk_app) -> None:
    _scroll, buttons, clicked = _column_of_buttons(qtbot)
    QTest.mousePress(buttons[2], Qt.MouseButton.LeftButton, pos=buttons[2].rect().center())
    assert clicked == ["press 2"]  # the pressed look shows under the finger, not 0.25 s later
    QTest.mouseRelease(buttons[2], Qt.MouseButton.LeftButton, pos=buttons[2].rect().center())
    assert clicked == ["press 2", "click 2"]


def test_a_tap_after_the_content_was_drawn_again_still_clicks(qtbot, kiosk_app) -> None:
    scroll, buttons, clicked = _column_of_buttons(qtbot)
    QTest.mouseClick(buttons[1], Qt.MouseButton.LeftButton, pos=buttons[1].rect().center())
    layout = scroll.widget().layout()
    for button in buttons[:5]:  # a panel drawn again under the finger (a status came in)
        layout.removeWidget(button)
        button.hide()
    QTest.mouseClick(buttons[7], Qt.MouseButton.LeftButton, pos=buttons[7].rect().center())
    assert clicked[-2:] == ["press 7", "click 7"]
