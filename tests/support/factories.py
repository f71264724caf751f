"""Synthetic patients and referrals for tests: made-up names, NHS numbers from the 999 range."""

from __future__ import annotations

import random
from datetime import date, timedelta

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource, ReferralStatus
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral

_rng = random.Random(4242)
_handed_out: set[str] = set()


def fresh_nhs_number() -> str:
    """A valid NHS number from the range reserved for testing, never the same one twice."""
    number = generate_test_number(_rng)
    while number in _handed_out:
        number = generate_test_number(_rng)
    _handed_out.add(number)
    return number


def make_patient(**overrides: object) -> Patient:
    values: dict[str, object] = {
        "nhs_number": fresh_nhs_number(),
        "given_name": "Alexa",
        "family_name": "Testworth",
        "date_of_birth": date(1961, 6, 15),
        "mobile": "07700 900123",
        "postcode": "LS1 4AP",
    }
    values.update(overrides)
    return Patient(**values)  # type: ignore[arg-type]


def make_referral(**overrides: object) -> Referral:
    values: dict[str, object] = {
        "patient_id": "",
        "referral_date": date.today() - timedelta(days=3),
        "source": ReferralSource.GP,
        "reasons": [ReferralReason.LONELINESS],
        "referrer_name": "Dr Example",
        "status": ReferralStatus.NEW,
    }
    values.update(overrides)
    return Referral(**values)  # type: ignore[arg-type]
