"""Keyboard helpers for the UI tests: walk Tab as a person does, and type where the cursor is.

Plain functions, not fixtures, so a test file loads only what it uses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def focused_name() -> str:
    """What a screen reader names the focused control (a spin box's editor: the box).

    A button with no accessible name of its own is read by its words, so it is named so here.
    """
    widget = focused()
    if not widget.accessibleName() and isinstance(
        widget.parentWidget(), QAbstractSpinBox | QComboBox
    ):
        widget = widget.parentWidget()
    if not widget.accessibleName() and isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return widget.accessibleName()


def tab_walk(qtbot, count: int) -> list[str]:
    """Press Tab ``count`` times from where the focus is; the names of the stops, in order."""
    stops = []
    for _ in range(count):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        stops.append(focused_name())
    return stops


def tab_cycle(qtbot, limit: int = 60) -> list[str]:
    """Tab from the focused control round to it again: each stop's name once, in order.

    A date edit takes Tab between its day, month and year first; those count as one stop.
    """
    start = focused()
    stops = [focused_name()]
    left = False
    for _ in range(limit):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is start and left:
            return stops
        left = left or focused() is not start
        if focused_name() != stops[-1]:
            stops.append(focused_name())
    raise AssertionError(f"Tab never came back to the first control: {stops}")


def type_here(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def opened(qtbot, dialog: QWidget) -> QWidget:
    """Show a dialog as a person meets it: the active window, with the cursor somewhere in it."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


class FocusHeard:
    """Each focus move as a screen reader is told of it: the control's accessible name, and
    whether it was on screen then (a screen reader skips or misreads a control that is not)."""

    def __init__(self) -> None:
        self.moves: list[tuple[str, bool]] = []
        QApplication.instance().focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        interface = QAccessible.queryAccessibleInterface(new)
        assert interface is not None
        shown = not interface.state().invisible
        self.moves.append((interface.text(QAccessible.Text.Name), shown))

    def stop(self) -> list[tuple[str, bool]]:
        QApplication.instance().focusChanged.disconnect(self._moved)
        return self.moves
