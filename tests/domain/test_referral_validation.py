"""Checks on a referral: when, from whom, and why."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.referral import validate_referral
from tests.support import factories

TODAY = date(2025, 6, 10)


def make_referral(**overrides):
    overrides.setdefault("referral_date", TODAY - timedelta(days=3))
    return factories.make_referral(**overrides)


def problems_of(referral) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_referral(referral, TODAY)
    return caught.value.problems


def test_a_complete_referral_passes():
    referral = make_referral(referral_date=TODAY)
    assert validate_referral(referral, TODAY) is referral


def test_a_referral_date_is_needed():
    assert set(problems_of(make_referral(referral_date=None))) == {"referral_date"}


def test_a_referral_date_in_the_future_is_refused():
    problems = problems_of(make_referral(referral_date=TODAY + timedelta(days=1)))
    assert problems == {"referral_date": "The referral date is in the future."}


def test_a_referral_date_more_than_ten_years_ago_is_refused():
    assert "referral_date" in problems_of(
        make_referral(referral_date=TODAY - timedelta(days=365 * 10 + 1))
    )
    near_limit = make_referral(referral_date=TODAY - timedelta(days=365 * 10))
    assert validate_referral(near_limit, TODAY).referral_date == near_limit.referral_date


def test_at_least_one_reason_is_needed():
    assert set(problems_of(make_referral(reasons=[]))) == {"reasons"}


def test_other_reason_needs_a_note_saying_what():
    problems = problems_of(make_referral(reasons=[ReferralReason.OTHER], reason_notes="  "))
    assert set(problems) == {"reason_notes"}
    noted = make_referral(reasons=[ReferralReason.OTHER], reason_notes="Wants to sing again")
    assert validate_referral(noted, TODAY).reason_notes == "Wants to sing again"


@pytest.mark.parametrize("source", [s for s in ReferralSource if s != ReferralSource.SELF])
def test_a_referral_from_someone_else_names_the_referrer(source):
    problems = problems_of(make_referral(source=source, referrer_name=" "))
    assert set(problems) == {"referrer_name"}


def test_a_self_referral_needs_no_referrer():
    referral = make_referral(source=ReferralSource.SELF, referrer_name="")
    assert validate_referral(referral, TODAY).source == ReferralSource.SELF


def test_repeated_reasons_are_kept_once_in_their_first_order():
    referral = make_referral(
        reasons=[ReferralReason.HOUSING, ReferralReason.LOW_MOOD, ReferralReason.HOUSING]
    )
    assert validate_referral(referral, TODAY).reasons == [
        ReferralReason.HOUSING,
        ReferralReason.LOW_MOOD,
    ]


def test_every_problem_is_reported_together():
    referral = make_referral(
        referral_date=TODAY + timedelta(days=2),
        reasons=[],
        source=ReferralSource.NURSE,
        referrer_name="",
    )
    assert set(problems_of(referral)) == {"referral_date", "reasons", "referrer_name"}
