"""How a consent answer was given and by whom, asked before the answer so it is saved with it.

The patient is the default; someone answering on their behalf is named with their relationship
(for example "Lasting power of attorney: daughter"), because a GP reading the summary must be
able to tell who agreed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from linkworker_desktop.domain.consent import GivenBy, GivenHow

HOW_TITLE = "How was it given?"
BY_TITLE = "Given by"


class ConsentGivenFields(QGroupBox):
    def __init__(self, parent: QWidget | None = None, mnemonics: bool = True):
        """``mnemonics=False`` in a form that gives every caption its own Alt letter."""
        super().__init__("How and by whom", parent)

        def words(text: str) -> str:
            return text if mnemonics else text.replace("&", "")

        self.setAccessibleName("How and by whom")
        self.how = QComboBox(self)
        for how in GivenHow.askable():
            self.how.addItem(how.label, how.value)
        self.how.setAccessibleName(HOW_TITLE)
        how_label = QLabel(words("&How was it given?"), self)
        how_label.setBuddy(self.how)
        self.by_patient = QRadioButton(words("The &patient"), self)
        self.by_patient.setAccessibleName(f"{BY_TITLE}: The patient")
        self.by_someone = QRadioButton(words("&Someone on their behalf"), self)
        self.by_someone.setAccessibleName(f"{BY_TITLE}: Someone on their behalf")
        self.by_patient.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_patient)
        group.addButton(self.by_someone)
        by_row = QHBoxLayout()
        by_row.addWidget(self.by_patient)
        by_row.addWidget(self.by_someone)
        by_row.addStretch(1)
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Their name")
        self.relationship = QLineEdit(self)
        example = "For example: Lasting power of attorney: daughter"
        self.relationship.setPlaceholderText(example)
        self.relationship.setMinimumWidth(self.fontMetrics().horizontalAdvance(example) + 24)
        self.relationship.setAccessibleName("Their relationship to the patient")
        name_label = QLabel(words("Their &name:"), self)
        name_label.setBuddy(self.name)
        relationship_label = QLabel(words("Their &relationship:"), self)
        relationship_label.setBuddy(self.relationship)
        form = QFormLayout(self)
        form.addRow(how_label, self.how)
        form.addRow(QLabel(f"{BY_TITLE}:", self), by_row)
        form.addRow(name_label, self.name)
        form.addRow(relationship_label, self.relationship)
        self.by_someone.toggled.connect(self._show_representative)
        self._show_representative(False)

    def _show_representative(self, on_behalf: bool) -> None:
        """The name and relationship are asked only when someone else answered; what was typed
        stays in the fields if the worker switches back and forth."""
        self.name.setEnabled(on_behalf)
        self.relationship.setEnabled(on_behalf)

    def value(self) -> GivenBy:
        how = GivenHow(self.how.currentData())
        if self.by_patient.isChecked():
            return GivenBy(how)
        return GivenBy(how, self.name.text(), self.relationship.text())
