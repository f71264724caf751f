"""A 0-10 rating box that starts at "Not rated" and takes a typed digit straight away.

A plain QSpinBox showing its special value keeps the cursor after "Not rated", so a typed
"2" makes "Not rated2", which it refuses: the key does nothing and the person thinks the
rating is set.
"""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QSpinBox, QWidget


class RatingSpinBox(QSpinBox):
    """Its minimum is "not rated"; a digit typed over that text replaces it."""

    def __init__(self, lowest: int, highest: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(lowest - 1, highest)
        self.setSpecialValueText("Not rated")

    def is_rated(self) -> bool:
        return self.value() != self.minimum()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if not self.is_rated() and event.text().isdigit():
            self.lineEdit().selectAll()
        super().keyPressEvent(event)
