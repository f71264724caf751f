"""Shared set-up for the session runner's tests: a synthetic patient, a booking, a fake clock.

Plain functions rather than fixtures, so the runner's tests can share them without a
conftest that other UI tests would also load.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import ConsentToContact, ReferralReason, ReferralSource
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService, SessionState

CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit)


class FakeClock:
    """Stands in for time.monotonic: time moves only when a test says so."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def add_patient(profile: OpenProfile, seed: int = 1, given: str = "Alex") -> tuple[str, str]:
    """A synthetic patient (test-range NHS number) with an open referral: (patient, referral)."""
    patient = Patient(
        nhs_number=nhs_number.generate_test_number(random.Random(seed)),
        given_name=given,
        family_name="Example",
        date_of_birth=date(1961, 4, 12),
        consent_to_contact=ConsentToContact.YES,
    )
    referral = Referral(
        patient_id="",
        referral_date=date.today() - timedelta(days=7),
        source=ReferralSource.SELF,
        reasons=[ReferralReason.LONELINESS],
    )
    patient_id = CaseloadService(profile).add_patient(patient, referral)
    return patient_id, referral.id


def book_now(profile: OpenProfile, referral_id: str, minutes_ago: int = 5) -> str:
    starts = datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=minutes_ago)
    return AppointmentService(profile).book(referral_id, starts, place="Consulting room 4")


def start_initial(profile: OpenProfile, seed: int = 1) -> SessionState:
    """A running initial session for a new patient."""
    _patient_id, referral_id = add_patient(profile, seed)
    return SessionService(profile).start(book_now(profile, referral_id))


def unnamed_controls(root: QWidget) -> list[str]:
    """Visible controls with no accessible name (a spin box's inner line edit is its own part)."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            continue
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    return missing
