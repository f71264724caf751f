"""Labels that a screen reader reads with the words they show.

A value next to a caption ("Date of birth" beside "29 Oct 1998") is read as
"Date of birth: 29 Oct 1998", so the caption never hides the value. A hint under a field
is read as that field's description, so it is heard on reaching the field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from linkworker_desktop.ui.a11y import ASSERTIVE, POLITE, announce
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


# A status that says something was not done interrupts; any other waits its turn.
_NOT_DONE = ("Not ", "⚠", "Could not", "The caseload is locked")


def status_politeness(text: str) -> QAccessible.AnnouncementPoliteness:
    return ASSERTIVE if text.lstrip().startswith(_NOT_DONE) else POLITE


class StatusLabel(ValueLabel):
    """A label whose new words are a status message, said aloud as they appear.

    Sighted people see "Saved" or "Not saved" appear beside what they did; a screen reader user
    hears it. The words shown when the label is made are not said: they are not news.
    """

    def __init__(self, caption: str, *args: Any):
        self._quiet = True
        super().__init__(caption, *args)
        self._quiet = False

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        if not self._quiet:
            shown = plain_text(text).strip()
            announce(self, shown, status_politeness(shown))

    def show_problem(self, text: str) -> None:
        """Show why something was not done, said at once (it interrupts)."""
        super().setText(text)
        announce(self, plain_text(text).strip(), ASSERTIVE)

    def set_quietly(self, text: str) -> None:
        """Show words that follow every key press (a running count) without saying them."""
        self._quiet = True
        try:
            self.setText(text)
        finally:
            self._quiet = False
