"""When groups meet, whether an entry needs review, and distances."""

from __future__ import annotations

from datetime import date, datetime, time

from linkworker_desktop.domain.directory import (
    DirectoryService,
    Schedule,
    distance_km,
    postcode_district,
)


def test_weekly_next_meeting_skips_one_already_over_today():
    tuesday = Schedule(freq="WEEKLY", byday=("TU",), opens_at=time(10), closes_at=time(12))
    # Tuesday 24 November 2026 at 13:00: today's has finished, so next week's.
    assert tuesday.next_meeting(datetime(2026, 11, 24, 13, 0)) == datetime(2026, 12, 1, 10, 0)
    # At 11:00 it is still on.
    assert tuesday.next_meeting(datetime(2026, 11, 24, 11, 0)) == datetime(2026, 11, 24, 10, 0)


def test_monthly_nth_weekday_and_last_weekday():
    first_friday = Schedule(freq="MONTHLY", byday=("1FR",), opens_at=time(14))
    assert first_friday.next_meeting(datetime(2026, 11, 23)) == datetime(2026, 12, 4, 14, 0)
    last_monday = Schedule(freq="MONTHLY", byday=("-1MO",))
    assert last_monday.next_meeting(datetime(2026, 11, 23)) == datetime(2026, 11, 30, 0, 0)


def test_schedule_outside_its_valid_dates_never_meets():
    ended = Schedule(freq="WEEKLY", byday=("MO",), valid_to=date(2025, 1, 1))
    assert ended.next_meeting(datetime(2026, 11, 23)) is None


def test_needs_review_after_a_year_or_when_never_confirmed():
    service = DirectoryService("Group", "g")
    assert service.needs_review(date(2026, 11, 23))
    service.last_confirmed = date(2026, 1, 1)
    assert not service.needs_review(date(2026, 11, 23))
    service.last_confirmed = date(2025, 11, 1)
    assert service.needs_review(date(2026, 11, 23))


def test_distance_leeds_to_bradford_is_about_14_km():
    leeds, bradford = (53.7997, -1.5492), (53.7960, -1.7594)
    assert 13 < distance_km(leeds, bradford) < 15


def test_postcode_district():
    assert postcode_district("ls6 2ab") == "LS6"
    assert postcode_district("SW1A 1AA") == "SW1A"
