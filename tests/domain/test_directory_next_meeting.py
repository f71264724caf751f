"""The next meeting is worked out for every search result on every keystroke: quickly, and the
same as asking day by day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from linkworker_desktop.domain.directory import Schedule

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _day_by_day(schedule: Schedule, after: datetime, horizon_days: int = 62) -> datetime | None:
    """The rule written out plainly: the first day it occurs whose meeting is not over."""
    for offset in range(horizon_days + 1):
        day = after.date() + timedelta(days=offset)
        if not schedule.occurs_on(day):
            continue
        start = datetime.combine(day, schedule.opens_at or time(0, 0))
        end = datetime.combine(day, schedule.closes_at) if schedule.closes_at else start
        if offset == 0 and max(start, end) < after:
            continue
        return start
    return None


def test_a_weekly_group_is_asked_only_about_the_days_it_meets(monkeypatch):
    asked: list[date] = []
    occurs_on = Schedule.occurs_on
    monkeypatch.setattr(
        Schedule, "occurs_on", lambda self, day: asked.append(day) or occurs_on(self, day)
    )
    tuesday = Schedule(freq="WEEKLY", byday=("TU",), opens_at=time(10))

    # From Wednesday 25 November 2026: the next Tuesday is 1 December.
    assert tuesday.next_meeting(datetime(2026, 11, 25, 9, 0)) == datetime(2026, 12, 1, 10, 0)
    assert asked == [date(2026, 12, 1)]


schedules = st.builds(
    Schedule,
    freq=st.sampled_from(["WEEKLY", "MONTHLY", "DAILY", "YEARLY"]),
    byday=st.lists(
        st.tuples(st.sampled_from(["", "1", "2", "-1"]), st.sampled_from(DAYS)).map("".join),
        max_size=3,
    ).map(tuple),
    bymonthday=st.lists(st.integers(1, 31), max_size=2).map(tuple),
    opens_at=st.none() | st.times(),
    closes_at=st.none() | st.times(),
    valid_from=st.none() | st.dates(date(2026, 10, 1), date(2027, 2, 1)),
    valid_to=st.none() | st.dates(date(2026, 10, 1), date(2027, 2, 1)),
)


@given(schedules, st.datetimes(datetime(2026, 11, 1), datetime(2027, 1, 31)))
def test_the_next_meeting_is_the_first_found_asking_day_by_day(schedule, after):
    assert schedule.next_meeting(after) == _day_by_day(schedule, after)
