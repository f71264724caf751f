"""Typing over a field and answering a question box as a person does, for the UI tests."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

LEFT = Qt.MouseButton.LeftButton


def retype(qtbot, field: QWidget, text: str) -> None:
    """Click into the field, select all with Ctrl+A, type over it, and Tab out of it."""
    window = field.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(field, LEFT)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def type_text(qtbot, field: QWidget, text: str) -> None:
    """Type any text, key by key: QTest's keyClicks aborts on a character outside ASCII, so
    those (’, Ł, â) arrive as a key event carrying the character, as a keyboard layout sends."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(field, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, field, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
            )


def answer_question_later(qtbot, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Press ``button`` on the question box that is about to appear, noting its text."""

    tries = [50]

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] -= 1
            if tries[0]:
                QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.button(button), LEFT)

    QTimer.singleShot(0, answer)
