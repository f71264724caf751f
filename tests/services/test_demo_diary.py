"""The demo worker's diary: every demo booking on a weekday, in working hours, none overlapping.

The caseload is made in London time on a fixed summer Sunday, so a booking stored in UTC but
meant as local time, or the demo's own day landing on the weekend, shows up.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from time import tzset

import pytest

from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.demo_diary import Diary
from linkworker_desktop.storage.records import fetch_dicts

SUNDAY = date(2026, 7, 5)
MONDAY = date(2026, 7, 6)
WEDNESDAY = date(2026, 7, 8)
DAY_STARTS = time(9, 0)
DAY_ENDS = time(17, 0)


@pytest.fixture
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


def bookings(profile) -> list[tuple[datetime, datetime, str]]:
    """(local start, local end, status) of every appointment, in start order."""
    rows = fetch_dicts(
        profile.conn, "SELECT starts_at, planned_minutes, status, worker_id FROM appointments"
    )
    assert {r["worker_id"] for r in rows} == {profile.actor.worker_id}
    found = []
    for row in rows:
        starts = datetime.fromisoformat(row["starts_at"]).astimezone().replace(tzinfo=None)
        found.append((starts, starts + timedelta(minutes=row["planned_minutes"]), row["status"]))
    return sorted(found)


@pytest.mark.parametrize("today", [SUNDAY, WEDNESDAY], ids=["on-a-sunday", "on-a-wednesday"])
def test_every_demo_booking_is_on_a_weekday_in_working_hours_and_none_overlap(
    open_profile, london, today
):
    assert add_demo_caseload(open_profile, 200, seed=2026, today=today) == 200
    found = bookings(open_profile)
    assert len(found) > 300
    assert {status for _s, _e, status in found} >= {"attended", "booked", "did_not_attend"}
    for starts, ends, _status in found:
        assert starts.weekday() < 5, f"{starts:%a %d %b %Y %H:%M} is at a weekend"
        assert starts.time() >= DAY_STARTS and ends.time() <= DAY_ENDS, f"{starts} to {ends}"
        assert ends.date() == starts.date()
    clashes = [(a, b) for a, b in zip(found, found[1:], strict=False) if b[0] < a[1]]
    assert clashes == []


def test_a_demo_made_at_the_weekend_fills_the_monday_after(open_profile, london):
    add_demo_caseload(open_profile, 60, seed=7, today=SUNDAY)
    service = AppointmentService(open_profile)
    assert service.day(SUNDAY) == []
    assert service.day(SUNDAY - timedelta(days=1)) == []
    monday = service.day(MONDAY)
    assert [e.starts_at.strftime("%H:%M") for e in monday] == [
        "09:30",
        "10:30",
        "11:30",
        "13:30",
        "14:30",
        "15:30",
    ]
    assert monday[0].prepare_notes == "Bring the leaflet for the walking group"


def test_each_referrals_sessions_follow_one_another_from_the_referral(open_profile, london):
    add_demo_caseload(open_profile, 200, seed=2026, today=WEDNESDAY)
    rows = fetch_dicts(
        open_profile.conn,
        "SELECT a.referral_id, a.starts_at, a.kind, r.referral_date FROM appointments a"
        " JOIN referrals r ON r.id = a.referral_id"
        " WHERE a.status = 'attended' ORDER BY a.referral_id, a.starts_at",
    )
    by_referral: dict[str, list[dict]] = {}
    for row in rows:
        by_referral.setdefault(row["referral_id"], []).append(row)
    assert len(by_referral) > 50
    for sessions in by_referral.values():
        days = [datetime.fromisoformat(s["starts_at"]).astimezone().date() for s in sessions]
        assert date.fromisoformat(sessions[0]["referral_date"]) <= days[0]
        assert days[-1] < WEDNESDAY
        assert days == sorted(set(days))
        assert [s["kind"] for s in sessions] == ["initial"] + ["follow_up"] * (len(days) - 1)


def test_a_full_week_hands_out_each_weekday_slot_once_and_then_says_so(london):
    diary = Diary(SUNDAY, SUNDAY + timedelta(days=6))
    week = (SUNDAY, SUNDAY + timedelta(days=6))
    starts = [diary.take(WEDNESDAY, *week, slot=2) for _ in range(30)]
    assert len(set(starts)) == 30
    local = [datetime.fromisoformat(s).astimezone() for s in starts]
    assert {s.date() for s in local} == {MONDAY + timedelta(days=n) for n in range(5)}
    assert starts[0] == "2026-07-08T10:30:00+00:00"  # 11:30 in London, summer time
    assert diary.take(WEDNESDAY, *week) is None
    assert diary.overbook(SUNDAY, *week, slot=0) == "2026-07-06T08:30:00+00:00"
    assert diary.overbooked == 1
