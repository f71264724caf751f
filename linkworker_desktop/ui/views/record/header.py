"""The record's header: who this is and where their support stands, readable at a glance."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.ui.models.record_data import RecordData
from linkworker_desktop.ui.models.session_words import sessions_used_text
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.value_label import ValueLabel


def facts_text(data: RecordData, today: date) -> str:
    """NHS number 943 476 5919 · Age 64 · Referral: Active · Initial session and 3 of 5 …"""
    patient = data.patient
    parts = [
        f"NHS number {format_nhs_number(patient.nhs_number)}",
        f"Age {patient.age_on(today)}",
        f"Referral: {data.referral.status.label}" if data.referral else "No referral",
    ]
    if data.referral is not None:
        parts.append(sessions_used_text(data.initial_done, data.follow_ups_used, data.cap))
    return " · ".join(parts)


class RecordHeader(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = Heading("", self, scale=1.4)
        self.name.setWordWrap(False)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = ValueLabel("NHS number, age, referral status and sessions used", self)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)

    def show_record(self, data: RecordData) -> None:
        self.name.setText(data.patient.display_name)
        self.facts.setText(facts_text(data, date.today()))
        self.facts.setAccessibleDescription(self.facts.text())

    def clear(self) -> None:
        self.name.clear()
        self.facts.clear()
        self.facts.setAccessibleDescription("")
