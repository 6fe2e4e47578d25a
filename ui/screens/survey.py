"""The satisfaction survey (IKM, kiosk.ikm): one question per screen, four large faces with
words. The quick rating first; then, if the visitor wants, the regulation's nine elements, a
short comment on the on-screen keyboard and the optional profile; a thanks screen with where
to complain. Everything but the first answer can be skipped. The answers are kept once, when
the visitor finishes or leaves (kiosk.feedback), and go out through the outbox.

A kiosk rating is of an office, or of the plaza as a whole, never of a ticket: from the ticket
screen it rates the office of the service just chosen, as the visitor has not been served yet;
the ticket's own rating is given on its phone page once it is done (cityapi.tracking)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import ikm
from kiosk.feedback import Survey, record_survey
from ui.i18n import translate
from ui.screens.base import ScrollScreen
from ui.theme import MARGIN, PRIMARY_HEIGHT, Theme
from ui.widgets.common import button, clear_layout, label, plain
from ui.widgets.complaint import complaint_card
from ui.widgets.flow import FlowLayout
from ui.widgets.keyboard import Keyboard
from ui.widgets.painted_text import PaintedText

THANKS_SECONDS = 20  # the thanks screen goes back to the start by itself
FACE = 180  # px at 1080x1920: a face is recognised from a step back
FACE_WORDS = 40  # between the guide's body and section sizes: the answer is read at a glance
OFFICE, QUICK, MORE, ELEMENT, COMMENT, PROFILE, THANKS = (
    "office", "quick", "more", "element", "comment", "profile", "thanks")


class FaceButton(QAbstractButton):
    """One answer: a large face (frowning to beaming) with its words under it. Painted, so the
    face scales with the button; the words wrap between words and never shrink."""

    touch_target = True

    def __init__(self, value: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = value
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._theme: Theme | None = None

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        font = QFont(self.font())
        font.setPixelSize(theme.font_px(FACE_WORDS))
        font.setBold(True)
        self.setFont(font)
        self.updateGeometry()
        self.update()

    def _pad(self) -> int:
        return self._theme.px(16) if self._theme else 16

    def _face_size(self) -> int:
        return self._theme.px(FACE) if self._theme else FACE

    def _words_rect(self) -> QRect:
        pad = self._pad()
        top = pad + self._face_size() + pad
        return QRect(pad, top, self.width() - 2 * pad, self.height() - top - pad)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the face, or the longest word: the words wrap between words only."""
        pad = self._pad()
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)
        width = max(self._face_size(), longest + 2) + 2 * pad
        return QSize(width, self.heightForWidth(width))

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        pad = self._pad()
        inner = max(width - 2 * pad, 1)
        words = self.fontMetrics().boundingRect(
            QRect(0, 0, inner, 10_000), int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter),
            self.text()).height()
        return 3 * pad + self._face_size() + words

    def painted_texts(self) -> list[PaintedText]:
        return [PaintedText(self.text(), self.font(), self._words_rect(), wrap=True)]

    def paintEvent(self, _event: Any) -> None:
        theme = self._theme
        if theme is None:
            return
        colors = theme.colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = max(theme.px(3), 2)
        box = QRectF(self.rect()).adjusted(line / 2, line / 2, -line / 2, -line / 2)
        pressed = self.isDown()
        painter.setPen(QPen(QColor(colors.selected or colors.primary) if pressed else
                            QColor(colors.outline), line))
        painter.setBrush(QColor(colors.selected or colors.primary) if pressed
                         else QColor(colors.surface))
        painter.drawRoundedRect(box, theme.px(20), theme.px(20))
        ink = QColor(colors.on_selected if pressed else colors.text)
        size = self._face_size()
        face = QRectF((self.width() - size) / 2, self._pad(), size, size)
        fills = (colors.closed, colors.warning, colors.secondary, colors.open)
        painter.setPen(QPen(ink, line))
        fill = QColor(colors.background if theme.high_contrast else fills[self.value - 1])
        if not theme.high_contrast:
            fill.setAlpha(110)  # a soft tint: the face reads in black on it
        painter.setBrush(fill)
        painter.drawEllipse(face)
        eye = size * 0.07
        painter.setBrush(ink)
        for x in (0.35, 0.65):
            painter.drawEllipse(face.left() + size * x - eye, face.top() + size * 0.38 - eye,
                                2 * eye, 2 * eye)
        # The mouth: a frown for 1, flatter for 2, a smile for 3, a wide smile for 4.
        corner_y = (0.72, 0.70, 0.64, 0.62)[self.value - 1]
        bend = (-0.16, -0.06, 0.12, 0.22)[self.value - 1]
        width = (0.26, 0.22, 0.24, 0.30)[self.value - 1]
        mouth = QPainterPath()
        mouth.moveTo(face.left() + size * (0.5 - width), face.top() + size * corner_y)
        mouth.quadTo(face.left() + size * 0.5, face.top() + size * (corner_y + bend),
                     face.left() + size * (0.5 + width), face.top() + size * corner_y)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(ink, max(theme.px(6), 3))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(mouth)
        painter.setPen(ink)
        painter.setFont(self.font())
        painter.drawText(self._words_rect(), int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter
                                                 | Qt.AlignmentFlag.AlignTop), self.text())
        painter.end()


class SurveyScreen(ScrollScreen):
    """params: agency=office code (rating that office: the survey starts at the quick
    rating), or none (the visitor picks the office, or rates the plaza as a whole)."""

    name = "survey"
    surveyKept = Signal(str)  # the rating's id, once it is in the store

    def __init__(self, model, nav) -> None:
        super().__init__(model, nav)
        self.faces = [FaceButton(value) for value in ikm.SCALE]
        for face in self.faces:
            face.clicked.connect(lambda _=False, v=face.value: self._answer(v))
        self.field = QLineEdit()
        self.field.setReadOnly(True)  # typed only on our keyboard
        self.field.setMaxLength(ikm.COMMENT_MAX)
        self.keyboard = Keyboard()
        self.keyboard.typed.connect(lambda key: self.field.setText(
            (self.field.text() + key)[:ikm.COMMENT_MAX]))
        self.keyboard.erased.connect(lambda: self.field.setText(self.field.text()[:-1]))
        self.keyboard.cleared.connect(self.field.clear)
        self._kept_widgets = (*self.faces, self.field, self.keyboard)
        self._thanks_timer = QTimer(self, singleShot=True, interval=THANKS_SECONDS * 1000)
        self._thanks_timer.timeout.connect(lambda: nav.finish_visit())
        self._reset()

    # --- the visit's answers ---

    def _reset(self) -> None:
        self.step, self.element = QUICK, 0
        self.full = False  # the visitor chose the nine questions
        self.answers: dict[str, int] = {}
        self.agency: str | None = None
        self.profile: dict[str, str] = {}
        self.submitted = False
        self.field.clear()

    def _known_agency(self, code: str | None) -> bool:
        return code is not None and any(a.code == code for a in self.model.catalog.agencies)

    def enter(self, **params) -> None:
        self.params = params
        self._reset()
        preset = params.get("agency")
        if self._known_agency(preset):  # the office is known: straight to the quick rating
            self.agency, self.step = preset, QUICK
        else:  # none, or one the catalog no longer has: the visitor picks
            self.step = OFFICE
        self._thanks_timer.stop()
        self.render()

    def leave(self) -> None:
        """Leaving early (home, back, idle): what was answered still counts, once."""
        self._thanks_timer.stop()
        self._submit()

    def _go(self, step: str, element: int = 0) -> None:
        self.step, self.element = step, element
        if step == THANKS:
            self._submit()
            self._thanks_timer.start()
        self.render()
        self.scroll.verticalScrollBar().setValue(0)

    def _answer(self, value: int) -> None:
        if self.step == QUICK:
            self.answers[ikm.OVERALL] = value
            self._go(MORE)
        elif self.step == ELEMENT:
            self.answers[ikm.ELEMENTS[self.element].code] = value
            self._next_element()

    def _next_element(self) -> None:
        if self.element + 1 < len(ikm.ELEMENTS):
            self._go(ELEMENT, self.element + 1)
        else:
            self._go(COMMENT)

    def _choose_office(self, agency: str | None) -> None:
        self.agency = agency
        self._go(QUICK)

    def _after_comment(self) -> None:
        self._go(PROFILE if self.full else THANKS)

    def _toggle_profile(self, field: str, code: str, checked: bool) -> None:
        if checked:
            self.profile[field] = code
        elif self.profile.get(field) == code:
            del self.profile[field]
        self.render()

    def _submit(self) -> None:
        if self.submitted or not self.answers:
            return
        self.submitted = True
        survey = Survey(answers=dict(self.answers), agency=self.agency,
                        comment=self.field.text(), profile=ikm.Profile(**self.profile))
        plaza = self.model.plaza

        def failed(error: Exception) -> None:
            self.model.note_problem(f"survey not kept: {error}"[:200])

        self.model.store.submit(lambda: record_survey(plaza, survey), self.surveyKept.emit, failed)

    # --- drawing ---

    def apply_theme(self, theme: Theme) -> None:
        for face in self.faces:
            face.set_theme(theme)
        self.keyboard.apply_theme(theme)
        super().apply_theme(theme)

    def render(self) -> None:
        clear_layout(self.column, keep=self._kept_widgets)
        for widget in self._kept_widgets:
            widget.hide()
        {OFFICE: self._render_office, QUICK: self._render_quick, MORE: self._render_more,
         ELEMENT: self._render_element, COMMENT: self._render_comment,
         PROFILE: self._render_profile, THANKS: self._render_thanks}[self.step]()
        if self.step not in (QUICK, ELEMENT):  # those keep their answers low (_faces)
            self.column.addStretch()

    def _title(self, text: str, role: str = "title") -> None:
        self.column.addWidget(label(text, role))

    def _faces(self, question: str, words: tuple[str, ...]) -> None:
        """The question over its four answers, in the lower part of the screen, where a short
        or seated visitor reaches them (the guide's lower two thirds)."""
        theme = self.theme
        self.column.addStretch()
        self.column.addWidget(label(question, "section"))
        grid = QGridLayout()
        grid.setSpacing(theme.px(24))
        columns = 4 if theme.landscape else 2
        for index, (face, text) in enumerate(zip(self.faces, words, strict=True)):
            face.setText(text)
            face.show()
            grid.addWidget(face, index // columns, index % columns)
        self.column.addLayout(grid)

    def _buttons(self, *actions: tuple[str, str, Any], into: QVBoxLayout | None = None) -> None:
        row = QHBoxLayout()
        row.setSpacing(self.theme.px(24))
        for text, role, slot in actions:
            widget = button(text, role)
            widget.setMinimumHeight(self.theme.px(PRIMARY_HEIGHT))
            widget.clicked.connect(slot)
            row.addWidget(widget)
        (into or self.column).addLayout(row)

    def _subject(self) -> str:
        if self.agency is not None:
            return translate("Survey", "About: %1").replace(
                "%1", self.model.agency(self.agency).name.get(self.lang))
        return translate("Survey", "About: this plaza as a whole")

    def _render_office(self) -> None:
        self._title(translate("Survey", "Rate our service"))
        self.column.addWidget(label(translate(
            "Survey", "Which office served you? Your answers are anonymous: we never ask your "
            "name or number."), "secondary"))
        whole = button(translate("Survey", "The plaza as a whole"), "primary")
        whole.clicked.connect(lambda: self._choose_office(None))
        self.column.addWidget(whole)
        grid = QGridLayout()
        grid.setSpacing(self.theme.px(16))
        columns = (3 if self.theme.large_text else 4) if self.theme.landscape else 2
        for index, agency in enumerate(self.model.catalog.agencies):
            choice = button(agency.short_name)
            choice.clicked.connect(lambda _=False, code=agency.code: self._choose_office(code))
            grid.addWidget(choice, index // columns, index % columns)
        self.column.addLayout(grid)

    def _render_quick(self) -> None:
        self._title(translate("Survey", "Rate our service"))
        self.column.addWidget(label(self._subject(), "secondary"))
        self.column.addWidget(label(translate(
            "Survey", "Tap the face that fits. Your answer is anonymous."), "secondary"))
        self._faces(ikm.OVERALL_QUESTION.get(self.lang),
                    tuple(word.get(self.lang) for word in ikm.SCALE_WORDS))

    def _render_more(self) -> None:
        self._title(translate("Survey", "Thank you!"))
        self.column.addWidget(label(translate(
            "Survey", "Would you answer 9 short questions more? They follow the government's "
            "survey of public services and help this plaza do better. It takes about a minute."
        )))
        self._buttons((translate("Survey", "Yes, 9 questions"), "accent", self._start_full))
        self._buttons((translate("Survey", "Write a comment"), "", lambda: self._go(COMMENT)),
                      (translate("Survey", "Finish"), "primary", lambda: self._go(THANKS)))

    def _start_full(self) -> None:
        self.full = True
        self._go(ELEMENT, 0)

    def _render_element(self) -> None:
        element = ikm.ELEMENTS[self.element]
        total = len(ikm.ELEMENTS)
        self._title(translate("Survey", "Question %1 of %2").replace(
            "%1", str(self.element + 1)).replace("%2", str(total)), "section")
        dots = label(" ".join("●" if i <= self.element else "○" for i in range(total)),
                     "secondary", wrap=False)
        dots.setAccessibleName(f"{self.element + 1}/{total}")
        self.column.addWidget(dots)
        self.column.addWidget(label(element.name.get(self.lang), "secondary"))
        self._faces(element.question.get(self.lang),
                    tuple(word.get(self.lang) for word in element.words))
        self._buttons((translate("Survey", "Skip this question"), "", self._next_element))

    def _render_comment(self) -> None:
        """Portrait: the field over the keyboard. Landscape: the keyboard beside them, so every
        key is on screen."""
        words = QVBoxLayout()
        words.setSpacing(self.theme.px(24))
        words.addWidget(label(translate("Survey", "A short comment"), "section"))
        words.addWidget(label(translate(
            "Survey", "Optional. Please do not write names, ID or phone numbers."), "secondary"))
        self.field.setPlaceholderText(translate("Survey", "Type here"))
        self.field.show()
        words.addWidget(self.field)
        self.keyboard.retranslate()
        self.keyboard.show()
        if self.theme.landscape:
            row = QHBoxLayout()
            row.setSpacing(self.theme.px(MARGIN))
            self._buttons((translate("Survey", "Skip"), "", self._skip_comment),
                          (translate("Survey", "Continue"), "primary", self._after_comment),
                          into=words)
            words.addStretch()
            row.addLayout(words, 1)
            row.addWidget(self.keyboard, 1)
            self.column.addLayout(row)
            return
        self.column.addLayout(words)
        self.column.addWidget(self.keyboard)
        self._buttons((translate("Survey", "Skip"), "", self._skip_comment),
                      (translate("Survey", "Continue"), "primary", self._after_comment))

    def _skip_comment(self) -> None:
        self.field.clear()
        self._after_comment()

    def _render_profile(self) -> None:
        self._title(translate("Survey", "About you"), "section")
        self.column.addWidget(label(translate(
            "Survey", "Optional, for the survey's figures. Tap what fits, or skip."), "secondary"))
        for field, (title, choices) in ikm.PROFILE_FIELDS.items():
            self.column.addWidget(label(title.get(self.lang), "section"))
            holder = QWidget()
            chips = FlowLayout(holder, spacing=self.theme.px(16))
            chips.setContentsMargins(0, 0, 0, 0)
            for code, text in choices.items():
                chip = button(text.get(self.lang), "chip")
                chip.setCheckable(True)
                chip.setChecked(self.profile.get(field) == code)
                chip.clicked.connect(lambda checked, f=field, c=code: self._toggle_profile(f, c, checked))
                chips.addWidget(chip)
            self.column.addWidget(holder)
        self._buttons((translate("Survey", "Skip"), "", self._skip_profile),
                      (translate("Survey", "Send"), "primary", lambda: self._go(THANKS)))

    def _skip_profile(self) -> None:
        self.profile.clear()
        self._go(THANKS)

    def _render_thanks(self) -> None:
        pad = self.theme.px(MARGIN)
        self._title(translate("Survey", "Thank you for your rating"))
        self.column.addWidget(label(translate(
            "Survey", "Your answers help the offices here serve better.")))
        self.column.addWidget(complaint_card(
            translate("Survey", "A complaint?"),
            translate("Survey", "Report it to SP4N-LAPOR!, the government's complaint service: "
                      "lapor.go.id, or an SMS to 1708."), pad, self.theme.px(200)))
        self._buttons((plain(translate("Survey", "Done")), "primary", self.nav.finish_visit))
