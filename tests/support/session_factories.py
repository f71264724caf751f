"""Synthetic patients, bookings and a fake clock for the session, appointment and measure tests.

Names are made up and NHS numbers come from the 999 range reserved for testing.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from linkworker_desktop.domain.choices import ConsentToContact, ReferralReason, ReferralSource
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.profile import OpenProfile

_rng = random.Random(3003)
_handed_out: set[str] = set()


class FakeClock:
    """Stands in for ``time.monotonic``: time moves only when a test moves it."""

    def __init__(self, start: float = 5000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeUtcNow:
    """Stands in for ``utc_now``: one distinct, increasing ISO time stamp per call."""

    def __init__(self, start: datetime):
        self.next = start

    def __call__(self) -> str:
        stamp = self.next.isoformat(timespec="milliseconds")
        self.next += timedelta(minutes=1)
        return stamp


def synthetic_nhs_number() -> str:
    """A valid NHS number from the test range, never the same one twice in a run."""
    number = generate_test_number(_rng)
    while number in _handed_out:
        number = generate_test_number(_rng)
    _handed_out.add(number)
    return number


def add_patient(
    profile: OpenProfile, given: str = "Morgan", family: str = "Testfield"
) -> tuple[str, str]:
    """A synthetic patient with a new referral: returns (patient id, referral id)."""
    patient = Patient(
        nhs_number=synthetic_nhs_number(),
        given_name=given,
        family_name=family,
        date_of_birth=date(1958, 3, 9),
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


def local(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time ``day_offset`` days from today (naive, as a worker types it)."""
    return datetime.combine(date.today() + timedelta(days=day_offset), time(hour, minute))
