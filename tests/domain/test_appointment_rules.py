"""Appointment rules with no storage: labels, overlapping slots, when a session may start."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from linkworker_desktop.domain.appointments import (
    NeedsConfirmation,
    Slot,
    check_outcome,
    check_start,
    outcome_overdue,
    session_label,
)
from linkworker_desktop.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("kind", "number", "cap", "label"),
    [
        ("initial", 0, 5, "Initial session"),
        ("follow_up", 1, 5, "Follow-up 1 of 5"),
        ("follow_up", 3, 5, "Follow-up 3 of 5"),
        ("follow_up", 5, 5, "Follow-up 5 of 5"),
        ("follow_up", 6, 5, "Follow-up 6 (beyond the 5 offered)"),
        ("follow_up", 2, 3, "Follow-up 2 of 3"),
    ],
)
def test_session_labels(kind, number, cap, label):
    assert session_label(kind, number, cap) == label


def slot(hour: int, minute: int, minutes: int) -> Slot:
    return Slot(datetime(2026, 5, 11, hour, minute), minutes)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (slot(10, 0, 30), slot(10, 15, 30), True),  # 10:15 starts inside 10:00-10:30
        (slot(10, 0, 45), slot(10, 30, 30), True),  # initial until 10:45
        (slot(10, 0, 30), slot(10, 30, 30), False),  # back to back: 10:30 end, 10:30 start
        (slot(10, 0, 30), slot(9, 30, 30), False),  # ends just as the first begins
        (slot(10, 0, 30), slot(11, 0, 30), False),
        (slot(10, 0, 60), slot(10, 15, 15), True),  # wholly inside
    ],
)
def test_slots_overlap_only_when_they_share_time(first, second, overlap):
    assert first.overlaps(second) is overlap
    assert second.overlaps(first) is overlap


NOW = datetime(2026, 11, 30, 17, 0)
REFERRED = date(2026, 11, 12)


@pytest.mark.parametrize(
    ("moving", "message"),
    [
        (False, "A session can't be booked before the referral date, 12 Nov 2026."),
        (True, "A session can't be moved to before the referral date, 12 Nov 2026."),
    ],
)
def test_a_start_before_the_referral_date_is_refused_with_the_date(moving, message):
    for starts_at in (datetime(2026, 11, 11, 23, 59), datetime(2026, 8, 1, 10, 0)):
        with pytest.raises(ValidationError) as caught:
            check_start(starts_at, NOW, REFERRED, past_confirmed=True, moving=moving)
        assert caught.value.problems == {"starts_at": message}
        assert not isinstance(caught.value, NeedsConfirmation)  # a refusal, not a question


@pytest.mark.parametrize(
    ("moving", "question"),
    [
        (False, "That time has passed. Book it anyway (for a session that already happened)?"),
        (True, "That time has passed. Move it there anyway (for a session that already happened)?"),
    ],
)
def test_a_start_that_has_passed_is_asked_about(moving, question):
    for starts_at in (datetime(2026, 11, 12, 0, 0), NOW - timedelta(minutes=16)):
        with pytest.raises(NeedsConfirmation) as caught:
            check_start(starts_at, NOW, REFERRED, moving=moving)
        assert caught.value.problems == {"starts_at": question}
        check_start(starts_at, NOW, REFERRED, past_confirmed=True, moving=moving)


@pytest.mark.parametrize(
    "starts_at",
    [
        NOW - timedelta(minutes=15),  # a walk-in booked as it starts counts as now
        NOW,
        NOW + timedelta(minutes=1),
        datetime(2027, 12, 1, 17, 0),  # 366 days ahead is still bookable
    ],
)
def test_now_and_the_year_ahead_need_no_question(starts_at):
    check_start(starts_at, NOW, REFERRED)


@pytest.mark.parametrize(
    ("starts_at", "referred", "message"),
    [
        (datetime(2027, 12, 1, 17, 1), REFERRED, "That is more than a year ahead; check the date."),
        (datetime(2026, 9, 1, 16, 59), None, "That is more than 90 days ago; check the date."),
    ],
)
def test_a_start_far_off_is_refused(starts_at, referred, message):
    with pytest.raises(ValidationError) as caught:
        check_start(starts_at, NOW, referred, past_confirmed=True)
    assert caught.value.problems == {"starts_at": message}


def test_without_a_referral_only_the_clock_rules_apply():
    check_start(datetime(2026, 9, 1, 17, 0), NOW, None, past_confirmed=True)
    with pytest.raises(NeedsConfirmation):
        check_start(datetime(2026, 9, 1, 17, 0), NOW, None)


START = datetime(2026, 7, 14, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "started", "overdue"),
    [
        (START + timedelta(minutes=29), False, False),
        (START + timedelta(minutes=30), False, False),
        (START + timedelta(minutes=31), False, True),
        (START + timedelta(hours=3), True, False),  # under way, however long it runs
    ],
)
def test_an_outcome_is_overdue_only_after_the_booked_end(now, started, overdue):
    assert outcome_overdue(Slot(START, 30), now, started) is overdue


def test_an_outcome_waits_for_the_booked_start():
    with pytest.raises(ValidationError) as caught:
        check_outcome(START, START - timedelta(minutes=1), UTC)
    assert caught.value.problems == {
        "status": "This session has not started yet (it is booked for 14 Jul 2026 at 10:00). "
        "A did-not-attend can be recorded once the start time has passed; to call it off "
        "now, cancel it."
    }
    check_outcome(START, START, UTC)
