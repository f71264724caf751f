"""Clicking a check box or radio button where a person does: on its box or its words.

The middle of a wide one is blank space that Qt does not treat as part of the button, so a
click there (QTest's default) changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton


def click_choice(qtbot, button) -> None:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_CheckBoxClickRect
        if isinstance(button, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonClickRect
    )
    where = button.style().subElementRect(element, option, button).center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)
