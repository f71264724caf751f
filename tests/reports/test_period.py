"""Periods include both their dates, and every preset is worked out from the "today" given."""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.reports.period import Period, preset


@pytest.mark.parametrize(
    ("name", "today", "start", "end"),
    [
        ("this_month", date(2026, 2, 14), date(2026, 2, 1), date(2026, 2, 28)),
        ("this_month", date(2028, 2, 29), date(2028, 2, 1), date(2028, 2, 29)),
        ("last_month", date(2026, 3, 31), date(2026, 2, 1), date(2026, 2, 28)),
        ("last_month", date(2026, 1, 5), date(2025, 12, 1), date(2025, 12, 31)),
        ("quarter", date(2026, 5, 20), date(2026, 4, 1), date(2026, 6, 30)),
        ("quarter", date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
        ("quarter", date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        ("financial_year", date(2026, 4, 1), date(2026, 4, 1), date(2027, 3, 31)),
        ("financial_year", date(2026, 3, 31), date(2025, 4, 1), date(2026, 3, 31)),
    ],
)
def test_presets_from_a_fixed_today(name, today, start, end):
    assert preset(name, today) == Period(start, end)


def test_both_ends_are_inside_and_the_days_beyond_are_not():
    period = Period(date(2026, 4, 1), date(2026, 4, 30))
    inside = [date(2026, 4, 1), date(2026, 4, 30)]
    outside = [date(2026, 3, 31), date(2026, 5, 1)]
    assert [day in period for day in inside + outside] == [True, True, False, False]


def test_a_one_day_period_is_allowed():
    day = date(2026, 6, 1)
    assert day in Period(day, day)


def test_a_period_that_ends_before_it_starts_is_refused_in_words():
    with pytest.raises(ValidationError) as caught:
        Period(date(2026, 5, 2), date(2026, 5, 1))
    assert caught.value.problems == {
        "period": "The period starts on 2 May 2026, after it ends on 1 May 2026; the start must"
        " be on or before the end."
    }


def test_an_unknown_preset_names_the_ones_there_are():
    with pytest.raises(ValidationError, match="this_month, last_month, quarter, financial_year"):
        preset("fortnight", date(2026, 5, 1))


def test_the_label_says_both_days_are_included():
    assert Period(date(2026, 4, 1), date(2027, 3, 31)).label == (
        "1 Apr 2026 to 31 Mar 2027 (both days included)"
    )
