"""Booking, the session cap, overlaps, moving, cancelling and did-not-attend."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from linkworker_desktop.domain.appointments import (
    AppointmentMode,
    DischargeReason,
    NeedsConfirmation,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService, to_utc_text
from linkworker_desktop.services.discharge import discharge
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.services.settings import FOLLOW_UP_CAP
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.support.session_factories import add_patient, local


@pytest.fixture
def service(open_profile):
    return AppointmentService(open_profile)


@pytest.fixture
def referral(open_profile):
    return add_patient(open_profile, "Robin", "Ashdown")


def column(profile, appointment_id: str, name: str):
    return profile.conn.execute(
        f"SELECT {name} FROM appointments WHERE id = ?", (appointment_id,)
    ).fetchone()[0]


def referral_status(profile, referral_id: str) -> str:
    return profile.conn.execute(
        "SELECT status FROM referrals WHERE id = ?", (referral_id,)
    ).fetchone()[0]


def count(profile, table: str) -> int:
    return profile.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def book_course(service, referral_id: str, follow_ups: int) -> list[str]:
    """An initial session next week and weekly follow-ups after it."""
    return [service.book(referral_id, local(7 * (week + 1), 10)) for week in range(follow_ups + 1)]


def test_the_first_booking_is_the_45_minute_initial_then_30_minute_follow_ups(
    open_profile, service, referral
):
    _patient_id, referral_id = referral
    ids = book_course(service, referral_id, 2)
    assert [column(open_profile, i, "kind") for i in ids] == ["initial", "follow_up", "follow_up"]
    assert [column(open_profile, i, "planned_minutes") for i in ids] == [45, 30, 30]
    assert service.numbering(referral_id) == {
        ids[0]: ("initial", 0),
        ids[1]: ("follow_up", 1),
        ids[2]: ("follow_up", 2),
    }


def test_the_next_booking_is_numbered_against_the_cap(service, referral):
    _patient_id, referral_id = referral
    book_course(service, referral_id, 2)
    plan = service.plan_booking(referral_id, local(40, 10))
    assert plan.label == "Follow-up 3 of 5"
    assert (plan.follow_up_number, plan.cap, plan.over_cap) == (3, 5, False)
    assert plan.warnings == []


def test_booking_beyond_the_cap_needs_a_reason(open_profile, service, referral):
    _patient_id, referral_id = referral
    book_course(service, referral_id, 5)  # the initial and all five follow-ups
    before = count(open_profile, "appointments")
    sixth = local(60, 10)
    plan = service.plan_booking(referral_id, sixth)
    assert plan.over_cap and plan.follow_up_number == 6
    assert "beyond the 5" in plan.warnings[0]

    with pytest.raises(ValidationError) as caught:
        service.book(referral_id, sixth)
    assert "over_cap_reason" in caught.value.problems
    with pytest.raises(ValidationError):
        service.book(referral_id, sixth, over_cap_reason="   ")
    assert count(open_profile, "appointments") == before

    booked = service.book(referral_id, sixth, over_cap_reason="Waiting for the group to start")
    assert column(open_profile, booked, "over_cap_reason") == "Waiting for the group to start"
    assert service.numbering(referral_id)[booked] == ("follow_up", 6)


def test_a_reason_is_not_kept_for_a_booking_within_the_cap(open_profile, service, referral):
    _patient_id, referral_id = referral
    booked = service.book(referral_id, local(3, 10), over_cap_reason="not needed")
    assert column(open_profile, booked, "over_cap_reason") == ""


def test_the_cap_is_a_service_setting(open_profile, service, referral):
    _patient_id, referral_id = referral
    open_profile.settings.set(FOLLOW_UP_CAP, 2)
    book_course(service, referral_id, 2)
    plan = service.plan_booking(referral_id, local(40, 10))
    assert (plan.over_cap, plan.label) == (True, "Follow-up 3 (beyond the 2 offered)")


def test_a_cancelled_follow_up_frees_its_place(service, referral):
    _patient_id, referral_id = referral
    ids = book_course(service, referral_id, 5)
    service.cancel(ids[3], "Patient unwell")
    plan = service.plan_booking(referral_id, local(60, 10))
    assert (plan.follow_up_number, plan.over_cap) == (5, False)


def test_an_overlapping_booking_for_the_same_worker_is_warned_not_blocked(
    open_profile, service, referral
):
    _patient_id, referral_id = referral
    _other_patient, other_referral = add_patient(open_profile, "Jesse", "Underhill")
    service.book(other_referral, local(2, 10, 0))  # 45-minute initial: 10:00 to 10:45

    plan = service.plan_booking(referral_id, local(2, 10, 30))
    assert len(plan.warnings) == 1
    assert "Jesse Underhill" in plan.warnings[0]
    assert "10:00" in plan.warnings[0]
    service.book(referral_id, local(2, 10, 30))  # still allowed

    # Back to back with the 10:00-10:45 session is fine.
    _third, third_referral = add_patient(open_profile, "Kit", "Marlow")
    assert service.plan_booking(third_referral, local(2, 9, 15)).warnings == []  # ends 10:00


def test_another_workers_session_is_not_an_overlap(open_profile, service, referral):
    _patient_id, referral_id = referral
    _other_patient, other_referral = add_patient(open_profile, "Jesse", "Underhill")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        colleague = uow.insert("workers", {"display_name": "Pat Colleague"})
        uow.insert(
            "appointments",
            {
                "patient_id": _other_patient,
                "referral_id": other_referral,
                "starts_at": to_utc_text(local(2, 10)),
                "planned_minutes": 45,
                "kind": "initial",
                "worker_id": colleague,
            },
        )
    assert service.plan_booking(referral_id, local(2, 10, 15)).warnings == []


def test_the_first_booking_makes_a_new_referral_contacted(open_profile, service, referral):
    _patient_id, referral_id = referral
    assert referral_status(open_profile, referral_id) == "new"
    service.book(referral_id, local(1, 9))
    assert referral_status(open_profile, referral_id) == "contacted"
    service.book(referral_id, local(8, 9))
    assert referral_status(open_profile, referral_id) == "contacted"


def test_a_booking_keeps_mode_place_and_what_to_prepare(open_profile, service, referral):
    _patient_id, referral_id = referral
    booked = service.book(
        referral_id,
        local(1, 14),
        mode=AppointmentMode.HOME_VISIT,
        place="  At home  ",
        prepare_notes=" Bring the walking group leaflet ",
    )
    assert column(open_profile, booked, "mode") == "home_visit"
    assert column(open_profile, booked, "place") == "At home"
    assert column(open_profile, booked, "prepare_notes") == "Bring the walking group leaflet"
    # Stored in UTC, read back as the same moment.
    stored = datetime.fromisoformat(column(open_profile, booked, "starts_at"))
    assert stored == local(1, 14).astimezone()


def test_a_booking_is_queued_for_sync_and_audited(open_profile, service, referral):
    _patient_id, referral_id = referral
    booked = service.book(referral_id, local(1, 9))
    entities = {
        row[0]
        for row in open_profile.conn.execute(
            "SELECT entity FROM outbox WHERE entity_id = ?", (booked,)
        )
    }
    assert entities == {"appointments"}
    assert open_profile.conn.execute(
        "SELECT action FROM audit_log WHERE entity_id = ?", (booked,)
    ).fetchall() == [("create",)]


def test_move(open_profile, service, referral):
    _patient_id, referral_id = referral
    booked = service.book(referral_id, local(1, 9))
    service.move(booked, local(3, 15, 30))
    assert (
        datetime.fromisoformat(column(open_profile, booked, "starts_at"))
        == local(3, 15, 30).astimezone()
    )
    with pytest.raises(ValidationError, match="year ahead"):
        service.move(booked, local(400, 9))


def test_cancel_keeps_the_reason(open_profile, service, referral):
    _patient_id, referral_id = referral
    booked = service.book(referral_id, local(1, 9))
    service.cancel(booked, "  Patient asked to rearrange ")
    assert column(open_profile, booked, "status") == "cancelled"
    assert column(open_profile, booked, "cancel_reason") == "Patient asked to rearrange"
    with pytest.raises(ValidationError, match="Only a booked session can be moved"):
        service.move(booked, local(2, 9))


def test_did_not_attend_is_not_a_session_used(open_profile, service, referral):
    _patient_id, referral_id = referral
    booked = service.book(referral_id, local(-1, 9), past_confirmed=True)
    service.did_not_attend(booked)
    assert column(open_profile, booked, "status") == "did_not_attend"
    assert service.sessions_used(referral_id) == 0
    # The next booking is the initial session again: the first one never happened.
    assert service.plan_booking(referral_id, local(2, 9)).label == "Initial session"


@pytest.mark.parametrize(
    ("first", "second"), [("cancel", "did_not_attend"), ("did_not_attend", "cancel")]
)
def test_a_second_outcome_is_refused(open_profile, service, referral, first, second):
    _patient_id, referral_id = referral
    booked = service.book(referral_id, local(-1, 9), past_confirmed=True)
    getattr(service, first)(booked)
    status = column(open_profile, booked, "status")
    with pytest.raises(ValidationError, match="already has an outcome"):
        getattr(service, second)(booked)
    assert column(open_profile, booked, "status") == status


def test_a_closed_referral_cannot_be_booked(open_profile, service, referral):
    _patient_id, referral_id = referral
    discharge(open_profile, referral_id, DischargeReason.MOVED_AWAY)
    with pytest.raises(ValidationError, match="closed"):
        service.book(referral_id, local(1, 9))


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (lambda: datetime.now() + timedelta(days=400), "more than a year ahead"),
        (lambda: datetime.now() - timedelta(days=120), "before the referral date"),
    ],
)
def test_a_date_far_off_is_refused(open_profile, service, referral, moment, message):
    _patient_id, referral_id = referral
    with pytest.raises(ValidationError, match=message):
        service.book(referral_id, moment())
    assert count(open_profile, "appointments") == 0


@pytest.mark.parametrize("minutes", [4, 181])
def test_a_session_length_out_of_range_is_refused(service, referral, minutes):
    _patient_id, referral_id = referral
    with pytest.raises(ValidationError, match="5 to 180 minutes"):
        service.book(referral_id, local(1, 9), minutes=minutes)


def test_an_unknown_referral_or_appointment(service):
    with pytest.raises(ValidationError, match="not in the caseload"):
        service.book("no-such-referral", local(1, 9))
    with pytest.raises(ValidationError, match="not in the caseload"):
        service.cancel("no-such-appointment")


@pytest.mark.parametrize(
    "change",
    [
        lambda service, appointment: service.cancel(appointment, "Changed my mind"),
        lambda service, appointment: service.did_not_attend(appointment),
        lambda service, appointment: service.move(appointment, local(2, 9)),
    ],
)
def test_a_session_under_way_cannot_be_cancelled_missed_or_moved(
    open_profile, service, referral, change
):
    _patient_id, referral_id = referral
    booked = service.book(referral_id, local(0, 0, 5), past_confirmed=True)
    SessionService(open_profile).start(booked)
    with pytest.raises(ValidationError, match="has started"):
        change(service, booked)
    assert column(open_profile, booked, "status") == "booked"
    assert column(open_profile, booked, "starts_at") == to_utc_text(local(0, 0, 5))


def referral_date(profile, referral_id: str) -> date:
    row = profile.conn.execute(
        "SELECT referral_date FROM referrals WHERE id = ?", (referral_id,)
    ).fetchone()
    return date.fromisoformat(row[0])


def test_booking_before_the_referral_date_is_refused_with_the_date(open_profile, service, referral):
    _patient_id, referral_id = referral
    referred = referral_date(open_profile, referral_id)
    now = datetime.combine(referred + timedelta(days=2), time(12, 0))
    day_before = datetime.combine(referred - timedelta(days=1), time(10, 0))
    with pytest.raises(ValidationError) as caught:
        service.book(referral_id, day_before, past_confirmed=True, now=now)
    assert caught.value.problems == {
        "starts_at": "A session can't be booked before the referral date, "
        f"{referred.day} {referred:%b} {referred.year}."
    }
    assert count(open_profile, "appointments") == 0


def test_booking_a_time_that_has_passed_needs_confirmation(open_profile, service, referral):
    _patient_id, referral_id = referral
    referred = referral_date(open_profile, referral_id)
    now = datetime.combine(referred + timedelta(days=2), time(12, 0))
    yesterday = datetime.combine(referred + timedelta(days=1), time(16, 30))
    with pytest.raises(NeedsConfirmation) as caught:
        service.book(referral_id, yesterday, now=now)
    assert caught.value.problems == {
        "starts_at": "That time has passed. Book it anyway (for a session that already happened)?"
    }
    assert count(open_profile, "appointments") == 0
    booked = service.book(referral_id, yesterday, past_confirmed=True, now=now)
    assert column(open_profile, booked, "starts_at") == to_utc_text(yesterday)


def test_moving_follows_the_same_rules(open_profile, service, referral):
    _patient_id, referral_id = referral
    referred = referral_date(open_profile, referral_id)
    now = datetime.combine(referred + timedelta(days=2), time(12, 0))
    booked = service.book(referral_id, now + timedelta(days=1), now=now)
    with pytest.raises(ValidationError, match="can't be moved to before the referral date"):
        service.move(booked, now - timedelta(days=3), past_confirmed=True, now=now)
    earlier = now - timedelta(hours=3)
    with pytest.raises(NeedsConfirmation, match="Move it there anyway"):
        service.move(booked, earlier, now=now)
    assert column(open_profile, booked, "starts_at") == to_utc_text(now + timedelta(days=1))
    service.move(booked, earlier, past_confirmed=True, now=now)
    assert column(open_profile, booked, "starts_at") == to_utc_text(earlier)
