"""Shared pieces for the caseload screen tests: a demo caseload and quick ways to fill forms.

Kept out of a conftest so these tests share nothing by accident with other UI tests.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from linkworker_desktop.domain.choices import ReferralReason, ReferralStatus
from linkworker_desktop.domain.names import name_search_key, name_sort_text
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.services.caseload import CaseloadRow, CaseloadService
from linkworker_desktop.services.demo import add_demo_caseload

DEMO_PATIENTS = 60


@pytest.fixture(name="demo_profile")
def demo_profile_fixture(open_profile):
    """An unlocked caseload holding synthetic patients (999 test-range NHS numbers)."""
    add_demo_caseload(open_profile, DEMO_PATIENTS, seed=7)
    return open_profile


def service(profile) -> CaseloadService:
    return CaseloadService(profile)


def unused_nhs_number(profile, seed: int = 99) -> str:
    """A valid test-range NHS number that nobody in the caseload has yet."""
    taken = {row[0] for row in profile.conn.execute("SELECT nhs_number FROM patients")}
    rng = random.Random(seed)
    while True:
        number = generate_test_number(rng)
        if number not in taken:
            return number


def count(profile, sql: str, *args) -> int:
    return profile.conn.execute(sql, args).fetchone()[0]


def make_row(
    name: str,
    status: ReferralStatus | None = ReferralStatus.ACTIVE,
    days_waiting: int | None = 5,
    sessions: int = 1,
    overdue: str = "",
    referral: date | None = date(2026, 1, 5),
    next_session: datetime | None = None,
    nhs: str = "",
) -> CaseloadRow:
    """A caseload row built by hand, for checking the table without a database."""
    nhs = nhs or generate_test_number(random.Random(name))
    family, _, given = name.partition(", ")
    return CaseloadRow(
        patient_id=f"id-{name}",
        name=name,
        nhs_number=nhs,
        status=status,
        referral_date=referral,
        days_waiting=days_waiting,
        sessions_used=sessions,
        next_session=next_session,
        overdue_reason=overdue,
        search_key=name_search_key(given, family, "", nhs),
        sort_key=name_sort_text(given, family),
    )


def sample_rows() -> list[CaseloadRow]:
    return [
        make_row("Okafor, Ada", ReferralStatus.NEW, 20, 0, "Not contacted within 14 days"),
        make_row(
            "Brown, Tom",
            ReferralStatus.ACTIVE,
            3,
            2,
            next_session=datetime(2026, 2, 1, 10, tzinfo=UTC),
        ),
        make_row("Clarke, Jo", ReferralStatus.DISCHARGED, None, 5, referral=date(2025, 11, 30)),
        make_row("Adams, Sue", None, None, 0, referral=None),
        make_row("Evans, Rhys", ReferralStatus.CONTACTED, 9, 0),
    ]


def fill_new_patient(dialog, nhs: str, family: str = "Testperson") -> None:
    """Type a minimal valid patient and first referral into an add-patient dialog."""
    form = dialog.form
    form.nhs_number.setText(nhs)
    form.slots["given_name"].widget.setText("Robin")
    form.slots["family_name"].widget.setText(family)
    form.slots["date_of_birth"].widget.setText("23/04/1956")
    referral = dialog.referral_form
    referral.slots["referrer_name"].widget.setText("Dr Shah")
    referral.reasons.box(ReferralReason.LONELINESS).setChecked(True)


def unnamed_controls(root) -> list[str]:
    """Controls a keyboard or screen-reader user can reach that have no accessible name."""
    return [
        type(widget).__name__
        for widget in root.findChildren(QWidget)
        if widget.window() is root
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not widget.accessibleName()
    ]
