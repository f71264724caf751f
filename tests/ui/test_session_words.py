"""The words Today and the record use for change, attendance and the session counter."""

from __future__ import annotations

from datetime import date, datetime

from linkworker_desktop.domain.appointments import AppointmentStatus
from linkworker_desktop.domain.measures import Change
from linkworker_desktop.ui.models.session_words import (
    attendance_text,
    change_text,
    day_and_time,
    long_date,
    minutes_text,
    relative_day,
    sessions_used_text,
    time_range,
)


def test_change_is_worded_with_direction_aware_of_anxiety():
    assert change_text(Change("anxiety", "Anxiety", 7, 3, False)) == (
        "Anxiety fell from 7 to 3 (better)"
    )
    assert change_text(Change("anxiety", "Anxiety", 3, 5, False)) == (
        "Anxiety rose from 3 to 5 (worse)"
    )
    assert change_text(Change("life", "Life satisfaction", 4, 7, True)) == (
        "Life satisfaction rose from 4 to 7 (better)"
    )
    assert change_text(Change("happy", "Happiness", 6, 4, True)) == (
        "Happiness fell from 6 to 4 (worse)"
    )
    assert change_text(Change("w", "Wellbeing", 21.5, 21.5, True)) == (
        "Wellbeing stayed at 21.5 (no change)"
    )


def test_the_session_counter_against_the_cap():
    assert sessions_used_text(True, 3, 5) == "Initial session and 3 of 5 follow-ups used"
    assert sessions_used_text(True, 0, 5) == "Initial session and 0 of 5 follow-ups used"
    assert sessions_used_text(True, 6, 5) == (
        "Initial session and 6 follow-ups used, beyond the 5 offered"
    )
    assert sessions_used_text(False, 0, 1).startswith("No sessions yet (1 follow-up offered")


def test_attendance_words():
    assert attendance_text(AppointmentStatus.DID_NOT_ATTEND) == "Did not attend"
    assert attendance_text(AppointmentStatus.CANCELLED, " Unwell ") == "Cancelled (Unwell)"
    assert attendance_text(AppointmentStatus.CANCELLED) == "Cancelled"


def test_dates_and_times():
    moment = datetime(2026, 6, 3, 9, 30)
    assert time_range(moment, 45) == "09:30–10:15"
    assert day_and_time(moment) == "Wed 3 Jun 2026, 09:30"
    assert long_date(date(2026, 6, 3)) == "Wednesday 3 June 2026"
    assert relative_day(date(2026, 6, 4), date(2026, 6, 3)) == "Tomorrow"
    assert relative_day(date(2026, 6, 9), date(2026, 6, 3)) == ""
    assert minutes_text(1699) == "28 min"
    assert minutes_text(None) == "–"
