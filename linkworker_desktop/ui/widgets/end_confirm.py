"""The inline "end the session now?" question: no modal box in front of the patient.

Ending is the one step that cannot be undone (the notes become append-only), so it is asked
once, in the page, with the time used and anything still unsaved in plain words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from linkworker_desktop.ui.widgets.clock_text import spoken_duration


def question_text(total_seconds: float, planned_minutes: int, unsaved: list[str]) -> str:
    words = (
        f"End the session now? {spoken_duration(total_seconds)} used of {planned_minutes} min."
        " Once it has ended, its notes can only be added to."
    )
    if unsaved:
        names = " and ".join(unsaved)
        words += f" The {names} answers are not saved yet: save them first or they are left out."
    return words


class EndConfirm(QFrame):
    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName("Confirm ending the session")
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.end_button = QPushButton("End session", self)
        self.end_button.setAccessibleName("Yes, end the session")
        self.end_button.clicked.connect(self._confirm)
        self.keep_button = QPushButton("Keep going", self)
        self.keep_button.setAccessibleName("No, keep going")
        self.keep_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.end_button)
        layout.addWidget(self.keep_button)
        self.hide()

    def ask(self, total_seconds: float, planned_minutes: int, unsaved: list[str]) -> None:
        text = question_text(total_seconds, planned_minutes, unsaved)
        self.question.setText(text)
        self.setAccessibleDescription(text)
        self.show()
        self.keep_button.setFocus()

    def _confirm(self) -> None:
        self.confirmed.emit()  # first, so the summary takes the focus from this question
        self.hide()

    def cancel(self) -> None:
        self.cancelled.emit()  # first, so the focus goes back to a shown control, not onward
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)
