"""Set-up shared by the Today, booking, discharge and record tests: synthetic people only.

Plain functions, not a conftest, so the other UI tests load nothing they do not use.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ReferralReason,
    ReferralSource,
    ReferralStatus,
)
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.views.record_page import RecordPage

CONTROLS = (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QAbstractItemView,
)


def add_person(profile: OpenProfile, seed: int, given: str = "Robin") -> tuple[str, str]:
    """A synthetic patient (999 test-range NHS number) with an open referral."""
    patient = Patient(
        nhs_number=nhs_number.generate_test_number(random.Random(seed)),
        given_name=given,
        family_name="Testcase",
        date_of_birth=date(1958, 2, 20),
        consent_to_contact=ConsentToContact.YES,
    )
    referral = Referral(
        patient_id="",
        referral_date=date.today() - timedelta(days=10),
        source=ReferralSource.GP,
        referrer_name="Dr Example",
        reasons=[ReferralReason.LONELINESS],
    )
    patient_id = CaseloadService(profile).add_patient(patient, referral)
    return patient_id, referral.id


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)


def discharged_with_results(profile: OpenProfile) -> str:
    """A demo patient whose referral ended and who has at least two ONS4 results."""
    row = profile.conn.execute(
        "SELECT m.patient_id FROM measure_results m"
        " JOIN referrals r ON r.patient_id = m.patient_id"
        " WHERE r.status = 'discharged' AND m.complete = 1"
        " GROUP BY m.patient_id HAVING COUNT(*) >= 2 ORDER BY m.patient_id LIMIT 1"
    ).fetchone()
    assert row, "the demo caseload should hold a discharged patient with repeated measures"
    return row[0]


def status_of(profile: OpenProfile, appointment_id: str) -> str:
    return profile.conn.execute(
        "SELECT status FROM appointments WHERE id = ?", (appointment_id,)
    ).fetchone()[0]


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible controls with no accessible name (a spin box's inner line edit is its own part)."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QHeaderView):
            continue  # a table's header is read out as part of the table
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            continue
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    return missing


def shown_record_page(qtbot, profile: OpenProfile, demo_patients: int = 12) -> RecordPage:
    """An active demo patient's record page, shown at laptop size and active, as after opening."""
    add_demo_caseload(profile, demo_patients)
    row = next(r for r in CaseloadService(profile).rows() if r.status == ReferralStatus.ACTIVE)
    widget = RecordPage(lambda: profile, row.patient_id)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget
