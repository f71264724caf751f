"""Dates that contradict each other are refused for every date, not just the examples.

Today is fixed; the strategies range over ten years either side of the boundaries.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.referral import check_discharge_date, validate_referral
from tests.support.factories import make_referral

TODAY = date(2026, 7, 15)
recent = st.dates(min_value=TODAY - timedelta(days=365 * 10), max_value=TODAY)


def referral_problem(referred: date, born: date | None, discharged: date | None) -> str | None:
    try:
        validate_referral(make_referral(referral_date=referred), TODAY, born, discharged)
    except ValidationError as exc:
        return exc.problems.get("referral_date")
    return None


@given(referred=recent, born=recent)
def test_a_referral_is_refused_exactly_when_it_is_before_the_birth(referred, born):
    problem = referral_problem(referred, born, None)
    if referred < born:
        assert problem is not None
        assert problem.startswith("The referral date is before the date of birth")
    else:
        assert problem is None


@given(referred=recent, discharged=recent)
def test_a_closed_referral_is_refused_exactly_when_dated_after_its_discharge(referred, discharged):
    problem = referral_problem(referred, None, discharged)
    if referred > discharged:
        assert problem is not None
        assert problem.startswith("The referral date is after the discharge")
    else:
        assert problem is None


@given(referred=recent, on=recent)
def test_a_discharge_is_refused_exactly_when_before_its_referral(referred, on):
    if on < referred:
        with pytest.raises(ValidationError) as caught:
            check_discharge_date(on, referred, TODAY)
        assert caught.value.problems["on"].startswith(
            "The discharge date is before the referral date"
        )
    else:
        check_discharge_date(on, referred, TODAY)


@given(referred=recent, ahead=st.integers(min_value=1, max_value=400))
def test_a_discharge_in_the_future_is_refused(referred, ahead):
    with pytest.raises(ValidationError) as caught:
        check_discharge_date(TODAY + timedelta(days=ahead), referred, TODAY)
    assert caught.value.problems == {"on": "The discharge date is in the future."}
