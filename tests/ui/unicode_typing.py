"""Typing text beyond ASCII (dashes, full-width digits, accents) as a keyboard delivers it.

``qtbot.keyClicks`` knows only the keys of a US keyboard and aborts on anything else. A UK or
Japanese keyboard layout sends such a character as a key press whose key is unknown but whose
text is the character, so that is what these helpers send.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.ui.typing_helpers import LEFT


def key_clicks(qtbot, field: QWidget, text: str) -> None:
    """Type ``text`` into ``field`` one key at a time, whatever script it is in."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(field, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, field, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
            )


def retype_any(qtbot, field: QWidget, text: str) -> None:
    """Like ``typing_helpers.retype``: click in, select all, type over it, Tab out."""
    window = field.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(field, LEFT)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key_clicks(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
