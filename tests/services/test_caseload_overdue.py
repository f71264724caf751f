"""The overdue rule for each referral status, on a fixed day, with the exact reason shown.

A "contacted" referral has had its first contact, so the first-contact target no longer applies
to it; but a past session with no outcome still makes it overdue, as for an active one.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services.settings import FIRST_CONTACT_TARGET_DAYS
from tests.support.factories import make_patient, make_referral

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
TARGET = FIRST_CONTACT_TARGET_DAYS.default
NOT_CONTACTED = f"Not contacted within {TARGET} days"
NO_OUTCOME = "A past session has no outcome recorded"


def add(service, status: ReferralStatus, days_ago: int):
    patient = make_patient(family_name=f"Overdue{status.value}{days_ago}")
    referral = make_referral(status=status, referral_date=TODAY - timedelta(days=days_ago))
    service.add_patient(patient, referral)  # checked against the real day: NOW is before it
    return patient, referral


def reason_of(service, patient) -> str:
    rows = [r for r in service.rows(now=NOW) if r.patient_id == patient.id]
    assert len(rows) == 1
    return rows[0].overdue_reason


def three_days_ago() -> datetime:
    return datetime.combine(TODAY - timedelta(days=3), time(10, 0), tzinfo=UTC)


def test_a_contacted_referral_past_the_target_is_not_overdue_for_first_contact(service):
    contacted, _ = add(service, ReferralStatus.CONTACTED, TARGET + 20)
    new, _ = add(service, ReferralStatus.NEW, TARGET + 20)
    assert reason_of(service, contacted) == ""
    assert reason_of(service, new) == NOT_CONTACTED
    assert [r.patient_id for r in service.search(overdue_only=True, now=NOW)] == [new.id]


@pytest.mark.parametrize("status", [ReferralStatus.CONTACTED, ReferralStatus.ACTIVE])
def test_a_past_session_with_no_outcome_makes_contacted_and_active_overdue(service, book, status):
    forgotten, referral = add(service, status, 30)
    book(forgotten.id, referral.id, three_days_ago(), "booked")
    recorded, recorded_referral = add(service, status, 31)
    book(recorded.id, recorded_referral.id, three_days_ago(), "attended")
    assert reason_of(service, forgotten) == NO_OUTCOME
    assert reason_of(service, recorded) == ""
    assert [r.patient_id for r in service.search(overdue_only=True, now=NOW)] == [forgotten.id]


@pytest.mark.parametrize(
    "status",
    [
        ReferralStatus.ON_HOLD,
        ReferralStatus.DISCHARGED,
        ReferralStatus.DECLINED,
        ReferralStatus.DID_NOT_ENGAGE,
    ],
)
def test_closed_or_paused_referrals_are_never_overdue(service, book, status):
    patient, referral = add(service, status, TARGET + 20)
    book(patient.id, referral.id, three_days_ago(), "booked")
    assert reason_of(service, patient) == ""
    assert service.search(overdue_only=True, now=NOW) == []


def test_a_new_referral_with_a_past_session_and_no_outcome_is_overdue_for_first_contact(
    service, book
):
    patient, referral = add(service, ReferralStatus.NEW, TARGET + 1)
    book(patient.id, referral.id, three_days_ago(), "booked")
    assert reason_of(service, patient) == NOT_CONTACTED


def test_the_first_contact_target_counts_whole_days(service):
    on_the_day, _ = add(service, ReferralStatus.NEW, TARGET)
    a_day_late, _ = add(service, ReferralStatus.NEW, TARGET + 1)
    assert reason_of(service, on_the_day) == ""
    assert reason_of(service, a_day_late) == NOT_CONTACTED
