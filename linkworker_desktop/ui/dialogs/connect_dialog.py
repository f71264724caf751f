"""Connect a patient to a directory service: signposted, referred or accompanied."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.directory import ConnectionKind
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.widgets.value_label import ValueLabel

Patients = list[tuple[str, str]]  # (patient id, "Bee, Ann (943 476 5919)")
SaveConnection = Callable[[str, ConnectionKind, str], None]


class ConnectDialog(DiscardGuard, QDialog):
    """Opened with open(); hands (patient id, kind, notes) to ``save``."""

    def __init__(
        self,
        service_name: str,
        patients: Patients,
        save: SaveConnection,
        chosen_patient: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Connect to {service_name}")
        self._save = save
        self.patient = QComboBox(self)
        self.patient.setEditable(True)
        self.patient.setAccessibleName("Patient")
        for patient_id, label in patients:
            self.patient.addItem(label, patient_id)
        if chosen_patient:
            self.patient.setCurrentIndex(max(0, self.patient.findData(chosen_patient)))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("How they were connected")
        for value, label in ConnectionKind.choices():
            self.kind.addItem(label, value)
        self.notes = QLineEdit(self)
        self.notes.setAccessibleName("Notes")
        self.problem = ValueLabel("Problem", "", self)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Patient:", self.patient)
        form.addRow("&How:", self.kind)
        form.addRow("&Notes:", self.notes)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Connect a patient to <b>{escape(service_name)}</b> on {date.today():%d %B %Y}. "
            "A chase-up appears on Today in two weeks if no outcome is recorded.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_save(self) -> None:
        patient_id = self.patient.currentData()
        if not patient_id:
            self.problem.setText("Choose a patient from the list.")
            return
        try:
            self._save(patient_id, ConnectionKind(self.kind.currentData()), self.notes.text())
        except (ValidationError, RuntimeError) as exc:
            self.problem.setText(f"Not saved: {exc}")
            return
        self.accept()
