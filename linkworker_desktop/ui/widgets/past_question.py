"""Ask before a session goes at a time that has passed: a slip of the date, or a record?

Both happen: a session held on a home visit is booked afterwards, and a wrong year is typed.
Only the person knows which, so the service asks through ``NeedsConfirmation`` and this box
puts its question. It opens window-modal (never exec()) like the dialogs it sits over, and
No is the default so Enter does not record a session in the past by accident.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_past(parent: QWidget, title: str, question: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Show ``question`` with Yes and No; ``on_yes`` runs only when Yes is pressed."""
    return ask_first(
        parent, title, question, on_yes, "Yes, it already happened", "No, change the time"
    )


def ask_home_visit(
    parent: QWidget, title: str, question: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """Before a home visit to someone with an alert: No (the default) leaves the booking open."""
    return ask_first(
        parent, title, question, on_yes, "Yes, book the home visit", "No, change how we meet"
    )


def ask_first(
    parent: QWidget,
    title: str,
    question: str,
    on_yes: Callable[[], None],
    yes_words: str,
    no_words: str,
) -> QMessageBox:
    """Yes and No, No the default and what Esc answers; ``on_yes`` runs only on Yes."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, title, question, yes | no, parent)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.button(yes).setAccessibleName(yes_words)
    box.button(no).setAccessibleName(no_words)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        if box.clickedButton() is box.button(yes):
            on_yes()

    box.finished.connect(finished)
    box.open()
    return box
