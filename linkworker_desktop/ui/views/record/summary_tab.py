"""The record's Summary tab: key details, the current referral, and booking or discharging it.

The buttons only ask (signals); the record view opens the dialogs, so this tab never needs the
profile. When the referral is closed the buttons are disabled and a line says why.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.consent import ConsentKind, ConsentRecord
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.consent import local_day
from linkworker_desktop.services.discharge import DischargeDetails
from linkworker_desktop.ui.models.record_data import RecordData
from linkworker_desktop.ui.models.session_words import medium_date
from linkworker_desktop.ui.widgets.value_label import ValueLabel


def patient_rows(patient: Patient, today: date) -> list[tuple[str, str]]:
    address = ", ".join(
        p
        for p in (patient.address_line1, patient.address_line2, patient.town, patient.postcode)
        if p
    )
    rows = [
        ("Date of birth", f"{medium_date(patient.date_of_birth)} (age {patient.age_on(today)})"),
        ("Gender", patient.gender.label),
        ("Pronouns", patient.pronouns),
        ("Phone", patient.phone),
        ("Mobile", patient.mobile),
        ("Email", patient.email),
        ("Preferred contact", patient.preferred_contact.label),
        ("Address", address),
        ("GP practice", patient.gp_practice_name),
        ("Communication needs", patient.communication_needs),
        ("Accessibility needs", patient.accessibility_needs),
        ("Interpreter", patient.interpreter_language),
    ]
    return [(label, value) for label, value in rows if value]


CONSENT_CAPTIONS = {
    ConsentKind.CONTACT: "Consent to contact",
    ConsentKind.SHARE_WITH_GP: "Consent to share with the GP",
}


def consent_rows(
    current: dict[ConsentKind, ConsentRecord], history: list[ConsentRecord]
) -> list[tuple[str, str]]:
    """Each consent with when, how and by whom it was given, then the answers it replaced."""
    rows = []
    for kind, caption in CONSENT_CAPTIONS.items():
        record = current.get(kind)
        rows.append((caption, record.answer(local_day(record)) if record else "Not asked yet"))
    shown = {record.id for record in current.values()}
    earlier = [r.line(local_day(r)) for r in history if r.id not in shown]
    if earlier:
        rows.append(("Consent history", "\n".join(earlier)))
    return rows


def referral_rows(
    referral: Referral, discharge: DischargeDetails | None, booked: int
) -> list[tuple[str, str]]:
    referrer = ", ".join(p for p in (referral.referrer_name, referral.referrer_organisation) if p)
    rows = [
        ("Referred on", medium_date(referral.referral_date)),
        ("Source", referral.source.label),
        ("Referred by", referrer),
        ("Reasons", "; ".join(r.label for r in referral.reasons)),
        ("Reason notes", referral.reason_notes),
        ("Priority", referral.priority.label),
        ("Status", referral.status.label),
    ]
    if discharge is not None:
        when = f" on {medium_date(discharge.on)}" if discharge.on else ""
        rows.append(("Discharged", f"{discharge.reason.label}{when}"))
        rows.append(("Discharge notes", discharge.notes))
    if referral.status.is_open:
        rows.append(("Booked sessions", str(booked) if booked else "None booked"))
    return [(label, value) for label, value in rows if value]


def _fill(form: QFormLayout, rows: list[tuple[str, str]]) -> None:
    while form.rowCount():
        form.removeRow(0)
    for label, value in rows:
        shown = ValueLabel(label, value)
        shown.setWordWrap(True)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(f"{label}:", shown)


class SummaryTab(QWidget):
    book_requested = Signal()
    discharge_requested = Signal()
    alerts_requested = Signal()
    safeguarding_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.about = QGroupBox("About", self)
        self.about_form = QFormLayout(self.about)
        self.referral_box = QGroupBox("Current referral", self)
        self.referral_form = QFormLayout(self.referral_box)
        self.book_button = QPushButton("&Book session…", self)
        self.book_button.setAccessibleName("Book session")
        self.discharge_button = QPushButton("Disch&arge…", self)
        self.discharge_button.setAccessibleName("Discharge")
        self.discharge_button.setAccessibleDescription("Discharge from the service")
        self.alerts_button = QPushButton("A&lerts…", self)
        self.alerts_button.setAccessibleName("Alerts")
        self.alerts_button.setAccessibleDescription("Set or clear an alert on this record")
        self.alerts_button.clicked.connect(self.alerts_requested)
        self.safeguarding_button = QPushButton("Safegua&rding…", self)
        self.safeguarding_button.setAccessibleName("Safeguarding")
        self.safeguarding_button.setAccessibleDescription(
            "Raise, hand over or close a safeguarding concern"
        )
        self.safeguarding_button.clicked.connect(self.safeguarding_requested)
        self.book_button.clicked.connect(self.book_requested)
        self.discharge_button.clicked.connect(self.discharge_requested)
        self.closed_note = ValueLabel("Why booking is not available", self)
        self.closed_note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.discharge_button)
        buttons.addWidget(self.alerts_button)
        buttons.addWidget(self.safeguarding_button)
        buttons.addWidget(self.closed_note, 1)
        boxes = QHBoxLayout()
        boxes.addWidget(self.about, 1, Qt.AlignmentFlag.AlignTop)
        boxes.addWidget(self.referral_box, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(boxes)
        layout.addStretch(1)
        self.clear()

    def show_record(self, data: RecordData) -> None:
        self.about.setTitle(f"About {data.patient.display_name}")
        _fill(
            self.about_form,
            patient_rows(data.patient, date.today())
            + consent_rows(data.consent, data.consent_history),
        )
        referral = data.referral
        if referral is None:
            _fill(self.referral_form, [("Status", "No referral recorded")])
        else:
            _fill(self.referral_form, referral_rows(referral, data.discharge, data.booked))
        open_referral = referral is not None and referral.status.is_open
        self.book_button.setEnabled(open_referral)
        self.discharge_button.setEnabled(open_referral)
        if referral is None:
            self.closed_note.setText("Add a referral before booking sessions.")
        elif not open_referral:
            self.closed_note.setText(
                f"This referral is closed ({referral.status.label.lower()}). "
                "Add a new referral to book again."
            )
        else:
            self.closed_note.clear()

    def clear(self) -> None:
        self.about.setTitle("About")
        _fill(self.about_form, [])
        _fill(self.referral_form, [])
        self.book_button.setEnabled(False)
        self.discharge_button.setEnabled(False)
        self.closed_note.clear()
