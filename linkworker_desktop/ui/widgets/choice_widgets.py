"""Inputs for coded choices (the domain's Labelled enums), so forms never retype the labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
)

from linkworker_desktop.domain.choices import Labelled


class EnumCombo(QComboBox):
    """A drop-down over a Labelled enum; ``value()`` is the enum member."""

    def __init__(self, choices: type[Labelled], parent: Any = None):
        super().__init__(parent)
        self._type = choices
        for member in choices:
            self.addItem(member.label, member.value)

    def value(self) -> Labelled:
        return self._type(self.currentData())

    def set_value(self, member: Labelled) -> None:
        self.setCurrentIndex(max(0, self.findData(member.value)))


class EnumRadios(QGroupBox):
    """One radio button per choice, for a short list that should be seen whole (consent)."""

    chosen = Signal(object)  # the member a person picked (not one set from code)

    def __init__(self, title: str, choices: type[Labelled], parent: Any = None):
        super().__init__(title, parent)
        self._type = choices
        self._group = QButtonGroup(self)
        self._group.buttonClicked.connect(lambda _button: self.chosen.emit(self.value()))
        layout = QVBoxLayout(self)
        self._buttons: dict[str, QRadioButton] = {}
        for member in choices:
            button = QRadioButton(member.label, self)
            button.setAccessibleName(f"{title}: {member.label}")
            self._group.addButton(button)
            layout.addWidget(button)
            self._buttons[member.value] = button
        self.setAccessibleName(title)

    def value(self) -> Labelled | None:
        for code, button in self._buttons.items():
            if button.isChecked():
                return self._type(code)
        return None

    def set_value(self, member: Labelled) -> None:
        self._buttons[member.value].setChecked(True)

    def focus_first(self) -> None:
        checked = self._group.checkedButton() or next(iter(self._buttons.values()))
        checked.setFocus()


class EnumChecks(QGroupBox):
    """A check box per choice, in columns, for picking several (referral reasons)."""

    def __init__(self, title: str, choices: type[Labelled], columns: int = 2, parent: Any = None):
        super().__init__(title, parent)
        self._type = choices
        layout = QGridLayout(self)
        members = list(choices)
        per_column = -(-len(members) // columns)
        self._boxes: dict[str, QCheckBox] = {}
        for position, member in enumerate(members):
            box = QCheckBox(member.label, self)
            box.setAccessibleName(f"{title}: {member.label}")
            # Fill down each column first so the list reads top to bottom, as tabbing does.
            layout.addWidget(box, position % per_column, position // per_column)
            self._boxes[member.value] = box
        self.setAccessibleName(title)

    def value(self) -> list[Labelled]:
        return [self._type(code) for code, box in self._boxes.items() if box.isChecked()]

    def set_value(self, members: Iterable[Labelled]) -> None:
        wanted = {member.value for member in members}
        for code, box in self._boxes.items():
            box.setChecked(code in wanted)

    def box(self, member: Labelled) -> QCheckBox:
        return self._boxes[member.value]

    def focus_first(self) -> None:
        next(iter(self._boxes.values())).setFocus()
