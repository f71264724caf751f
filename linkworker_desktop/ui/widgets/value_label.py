"""Labels that a screen reader reads with the words they show.

A value next to a caption ("Date of birth" beside "29 Oct 1998") is read as
"Date of birth: 29 Oct 1998", so the caption never hides the value. A hint under a field
is read as that field's description, so it is heard on reaching the field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from linkworker_desktop.ui.widgets.field_state import set_hint


def plain_text(text: str) -> str:
    """What a label shows, without its markup."""
    if "<" not in text:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


class ValueLabel(QLabel):
    """A label showing information, named "caption: what it shows", kept so on every change."""

    def __init__(self, caption: str, *args: Any):
        super().__init__(*args)  # QLabel's own arguments: (text, parent), (parent) or none
        self.caption = caption
        self.setText(super().text())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        shown = plain_text(text).strip()
        self.setAccessibleName(f"{self.caption}: {shown}" if shown else self.caption)

    def clear(self) -> None:
        self.setText("")

    def setNum(self, number: float) -> None:  # noqa: N802 - Qt's name
        self.setText(str(number))


class HintLabel(QLabel):
    """A hint shown under a field and read as the field's description."""

    def __init__(self, text: str, field: QWidget, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.field = field
        self.setWordWrap(True)
        set_hint(field, text)
