"""Keyboard helpers for the UI tests: walk Tab as a person does, and type where the cursor is.

Plain functions, not fixtures, so a test file loads only what it uses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def focused_name() -> str:
    """What a screen reader names the focused control (a spin box's editor: the box)."""
    widget = focused()
    if not widget.accessibleName() and widget.parentWidget() is not None:
        widget = widget.parentWidget()
    return widget.accessibleName()


def tab_walk(qtbot, count: int) -> list[str]:
    """Press Tab ``count`` times from where the focus is; the names of the stops, in order."""
    stops = []
    for _ in range(count):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        stops.append(focused_name())
    return stops


def type_here(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)
