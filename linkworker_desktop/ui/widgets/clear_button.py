"""A name for the clear button Qt puts in a search box, which it leaves unnamed."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

CLEAR_ACTION = "_q_qlineeditclearaction"  # the object name Qt gives the clear action


def name_clear_button(field: QLineEdit, name: str = "Clear search") -> None:
    """Turn on the clear button and name it, so a screen reader says what it does."""
    field.setClearButtonEnabled(True)
    action = field.findChild(QAction, CLEAR_ACTION)
    if action is not None:
        action.setText(name)
        action.setToolTip(name)
