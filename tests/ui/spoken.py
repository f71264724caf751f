"""What a screen reader reads from a control, asked through Qt's accessibility interface."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget


def spoken_description(widget: QWidget) -> str:
    """The description an assistive technology reads after the control's name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, f"{widget!r} has no accessible interface"
    return interface.text(QAccessible.Text.Description)
