"""Booking on the days the clocks change, and outcomes only for sessions whose time has come.

The zone is Europe/London, passed in; "now" is fixed. 29 March 2026 has no 01:00-02:00, and
25 October 2026 has it twice (first in BST, then in GMT).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from linkworker_desktop.domain.appointments import DNA_AND_THE_CAP, AppointmentStatus
from linkworker_desktop.domain.clock_changes import LONDON, AmbiguousTime, NonexistentTime
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from tests.support.factories import make_patient, make_referral

SPRING = date(2026, 3, 29)
AUTUMN = date(2026, 10, 25)


@pytest.fixture
def service(open_profile):
    return AppointmentService(open_profile, zone=LONDON)


def referral_from(profile, referred: date) -> str:
    patient: Patient = make_patient()
    referral: Referral = make_referral(referral_date=referred)
    CaseloadService(profile).add_patient(patient, referral)
    return referral.id


def stored_starts(profile) -> list[str]:
    rows = profile.conn.execute("SELECT starts_at FROM appointments ORDER BY starts_at")
    return [row[0] for row in rows.fetchall()]


def test_a_time_the_clocks_skip_is_refused_with_the_time_to_book_instead(service, open_profile):
    referral_id = referral_from(open_profile, date(2026, 3, 2))
    now = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    with pytest.raises(NonexistentTime) as caught:
        service.book(referral_id, datetime.combine(SPRING, time(1, 30)), now=now)
    assert caught.value.problems == {
        "starts_at": "01:30 doesn't exist on 29 March 2026: the clocks go forward at 01:00. "
        "Book 02:30 instead?"
    }
    assert caught.value.instead == datetime(2026, 3, 29, 2, 30, tzinfo=LONDON)
    assert stored_starts(open_profile) == []
    service.book(referral_id, caught.value.instead, now=now)
    assert stored_starts(open_profile) == ["2026-03-29T01:30:00+00:00"]


def test_a_time_that_happens_twice_asks_which_and_each_answer_is_its_own_instant(
    service, open_profile
):
    referral_id = referral_from(open_profile, date(2026, 10, 1))
    now = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
    with pytest.raises(AmbiguousTime) as caught:
        service.book(referral_id, datetime.combine(AUTUMN, time(1, 30)), now=now)
    assert caught.value.problems == {
        "starts_at": "01:30 happens twice on 25 October 2026, because the clocks go back. "
        "Which one: 01:30 BST (first) or 01:30 GMT (second)?"
    }
    assert stored_starts(open_profile) == []
    first, second = caught.value.choices
    service.book(referral_id, first, now=now)
    service.book(referral_id, second, now=now)
    assert stored_starts(open_profile) == [
        "2026-10-25T00:30:00+00:00",
        "2026-10-25T01:30:00+00:00",
    ]
    day = service.day(AUTUMN)
    assert [(e.starts_at.hour, e.starts_at.minute, e.starts_at.tzname()) for e in day] == [
        (1, 30, "BST"),
        (1, 30, "GMT"),
    ]


def test_an_ordinary_time_on_a_change_day_is_booked_without_a_question(service, open_profile):
    referral_id = referral_from(open_profile, date(2026, 10, 1))
    now = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
    service.book(referral_id, datetime.combine(AUTUMN, time(10, 0)), now=now)
    assert stored_starts(open_profile) == ["2026-10-25T10:00:00+00:00"]


def test_a_move_to_a_skipped_time_is_refused_and_the_booking_stays(service, open_profile):
    referral_id = referral_from(open_profile, date(2026, 3, 2))
    now = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
    booked = service.book(referral_id, datetime(2026, 3, 27, 10, 0), now=now)
    with pytest.raises(NonexistentTime):
        service.move(booked, datetime.combine(SPRING, time(1, 15)), now=now)
    assert stored_starts(open_profile) == ["2026-03-27T10:00:00+00:00"]


def test_a_did_not_attend_two_days_ahead_is_refused_and_changes_nothing(service, open_profile):
    referral_id = referral_from(open_profile, date(2026, 7, 1))
    now = datetime(2026, 7, 13, 9, 0, tzinfo=LONDON)
    initial = service.book(referral_id, datetime(2026, 7, 14, 10, 0), now=now)
    ahead = service.book(referral_id, datetime(2026, 7, 15, 10, 0), now=now)
    later = service.book(referral_id, datetime(2026, 7, 22, 10, 0), now=now)
    with pytest.raises(ValidationError) as caught:
        service.did_not_attend(ahead, now=now)
    assert caught.value.problems == {
        "status": "This session has not started yet (it is booked for 15 Jul 2026 at 10:00). "
        "A did-not-attend can be recorded once the start time has passed; to call it off "
        "now, cancel it."
    }
    assert service._appointment(ahead)["status"] == "booked"
    numbering = service.numbering(referral_id)
    assert (numbering[initial], numbering[ahead], numbering[later]) == (
        ("initial", 0),
        ("follow_up", 1),
        ("follow_up", 2),
    )


def test_a_did_not_attend_once_the_start_has_passed_does_not_use_up_a_follow_up(
    service, open_profile
):
    referral_id = referral_from(open_profile, date(2026, 7, 1))
    booked_at = datetime(2026, 7, 10, 9, 0, tzinfo=LONDON)
    initial = service.book(referral_id, datetime(2026, 7, 13, 10, 0), now=booked_at)
    missed = service.book(referral_id, datetime(2026, 7, 14, 10, 0), now=booked_at)
    later = service.book(referral_id, datetime(2026, 7, 21, 10, 0), now=booked_at)
    service.did_not_attend(missed, now=datetime(2026, 7, 14, 10, 1, tzinfo=LONDON))
    assert service._appointment(missed)["status"] == AppointmentStatus.DID_NOT_ATTEND.value
    numbering = service.numbering(referral_id)
    assert missed not in numbering
    assert (numbering[initial], numbering[later]) == (("initial", 0), ("follow_up", 1))
    assert "does not use up one of the follow-ups" in DNA_AND_THE_CAP


def test_a_did_not_attend_exactly_at_the_start_is_accepted(service, open_profile):
    referral_id = referral_from(open_profile, date(2026, 7, 1))
    starts = datetime(2026, 7, 14, 10, 0, tzinfo=LONDON)
    booked = service.book(referral_id, starts, now=starts - timedelta(days=3))
    service.did_not_attend(booked, now=starts)
    assert service._appointment(booked)["status"] == "did_not_attend"
