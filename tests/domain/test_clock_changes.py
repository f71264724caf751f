"""Wall-clock times on the days the clocks change in London, with exact instants.

29 March 2026: 01:00 GMT becomes 02:00 BST. 25 October 2026: 02:00 BST becomes 01:00 GMT.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker_desktop.domain.clock_changes import (
    LONDON,
    AmbiguousTime,
    NonexistentTime,
    clock_text,
    clocks_change_on,
    local_instant,
)

SPRING = date(2026, 3, 29)
AUTUMN = date(2026, 10, 25)


@pytest.mark.parametrize(
    ("wanted", "jump", "instead"),
    [
        (time(1, 0), "01:00", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (time(1, 30), "01:00", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        (time(1, 59), "01:00", datetime(2026, 3, 29, 1, 59, tzinfo=UTC)),
    ],
)
def test_a_time_in_the_spring_gap_does_not_exist(wanted, jump, instead):
    with pytest.raises(NonexistentTime) as caught:
        local_instant(SPRING, wanted, LONDON)
    assert caught.value.instead == instead
    hhmm = f"{wanted:%H:%M}"
    offered = instead.astimezone(LONDON)
    assert caught.value.problems == {
        "starts_at": f"{hhmm} doesn't exist on 29 March 2026: the clocks go forward at {jump}. "
        f"Book {offered:%H:%M} instead?"
    }


def test_the_minutes_either_side_of_the_spring_gap_are_ordinary():
    assert local_instant(SPRING, time(0, 59), LONDON).astimezone(UTC) == datetime(
        2026, 3, 29, 0, 59, tzinfo=UTC
    )
    assert local_instant(SPRING, time(2, 0), LONDON).astimezone(UTC) == datetime(
        2026, 3, 29, 1, 0, tzinfo=UTC
    )


def test_a_time_in_the_autumn_hour_happens_twice_bst_then_gmt():
    with pytest.raises(AmbiguousTime) as caught:
        local_instant(AUTUMN, time(1, 30), LONDON)
    first, second = caught.value.choices
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert (first.tzname(), second.tzname()) == ("BST", "GMT")
    assert caught.value.problems == {
        "starts_at": "01:30 happens twice on 25 October 2026, because the clocks go back. "
        "Which one: 01:30 BST (first) or 01:30 GMT (second)?"
    }


def test_the_minutes_either_side_of_the_autumn_hour_are_ordinary():
    assert local_instant(AUTUMN, time(0, 59), LONDON).astimezone(UTC) == datetime(
        2026, 10, 24, 23, 59, tzinfo=UTC
    )
    assert local_instant(AUTUMN, time(2, 0), LONDON).astimezone(UTC) == datetime(
        2026, 10, 25, 2, 0, tzinfo=UTC
    )


@given(
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    minute=st.integers(min_value=0, max_value=24 * 60 - 1),
)
def test_every_wall_time_is_one_instant_or_a_question(day, minute):
    wanted = time(minute // 60, minute % 60)
    try:
        moment = local_instant(day, wanted, LONDON)
    except NonexistentTime as exc:
        assert (
            exc.instead.astimezone(LONDON).time()
            == (datetime.combine(day, wanted) + timedelta(hours=1)).time()
        )
    except AmbiguousTime as exc:
        first, second = exc.choices
        assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    else:
        round_trip = moment.astimezone(UTC).astimezone(LONDON)
        assert (round_trip.date(), round_trip.time()) == (day, wanted)


@pytest.mark.parametrize(
    ("day", "changes"),
    [
        (SPRING, True),
        (AUTUMN, True),
        (date(2026, 3, 28), False),
        (date(2026, 10, 26), False),
        (date(2026, 7, 15), False),
    ],
)
def test_the_days_the_clocks_change(day, changes):
    assert clocks_change_on(day, LONDON) is changes


@pytest.mark.parametrize(
    ("instant", "shown"),
    [
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "01:30 BST"),
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "01:30 GMT"),
        (datetime(2026, 3, 29, 9, 0, tzinfo=UTC), "10:00 BST"),
        (datetime(2026, 7, 14, 23, 30, tzinfo=UTC), "00:30"),
        (datetime(2026, 10, 26, 1, 30, tzinfo=UTC), "01:30"),
    ],
)
def test_times_name_their_zone_only_on_a_change_day(instant, shown):
    assert clock_text(instant, LONDON) == shown
