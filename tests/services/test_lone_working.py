"""Lone working: a home visit's start checks the worker in, its end checks them out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.lone_working import is_overdue, minutes_late
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.lone_working import LoneWorkingService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.services.settings import (
    LONE_WORKING_OVERDUE_MINUTES,
    WORKER_CONTACT,
    Settings,
)
from linkworker_desktop.storage.database import IntegrityError
from linkworker_desktop.sync.apply import PulledChanges
from linkworker_desktop.sync.protocol import PullResponse, RecordChange
from tests.support.session_factories import add_patient

START = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


def book(profile, mode: AppointmentMode, place: str = "", minutes: int = 45) -> str:
    _patient, referral = add_patient(profile, "Quinn", "Harlow")
    return AppointmentService(profile).book(
        referral, START, mode=mode, place=place, minutes=minutes, past_confirmed=True, now=START
    )


def test_starting_a_home_visit_checks_the_worker_in_until_its_planned_end(open_profile):
    Settings(open_profile.conn, open_profile.actor).set(WORKER_CONTACT, "07700 900123")
    appointment = book(open_profile, AppointmentMode.HOME_VISIT, "12 Mill Lane, Leeds", 45)
    state = SessionService(open_profile).start(appointment, now=START)
    (visit,) = LoneWorkingService(open_profile).my_open()
    assert (visit.session_id, visit.appointment_id, visit.patient_id) == (
        state.session_id,
        appointment,
        state.patient_id,
    )
    assert (visit.place, visit.worker_contact, visit.worker_id) == (
        "12 Mill Lane, Leeds",
        "07700 900123",
        open_profile.actor.worker_id,
    )
    assert visit.checked_in_at == START
    assert visit.expected_end_at == datetime(2026, 11, 30, 14, 45, tzinfo=UTC)
    assert visit.checked_out_at is None
    outbox = open_profile.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'visit_checkins'"
    ).fetchone()[0]
    assert outbox == 1  # it goes to the hub, and so to the team


def test_a_surgery_session_makes_no_check_in(open_profile):
    appointment = book(open_profile, AppointmentMode.SURGERY, "Room 4")
    SessionService(open_profile).start(appointment, now=START)
    assert LoneWorkingService(open_profile).checkins() == []


def test_a_home_visit_booked_with_no_place_names_the_patients_address(open_profile):
    appointment = book(open_profile, AppointmentMode.HOME_VISIT)
    patient = open_profile.conn.execute(
        "SELECT patient_id FROM appointments WHERE id = ?", (appointment,)
    ).fetchone()[0]
    open_profile.conn.execute(
        "UPDATE patients SET address_line1 = '3 Rose Row', town = 'Otley', postcode = 'LS21 1AA'"
        " WHERE id = ?",
        (patient,),
    )
    SessionService(open_profile).start(appointment, now=START)
    assert [v.place for v in LoneWorkingService(open_profile).checkins()] == [
        "3 Rose Row, Otley, LS21 1AA"
    ]


def test_ending_the_session_checks_the_worker_out(open_profile):
    sessions = SessionService(open_profile)
    state = sessions.start(book(open_profile, AppointmentMode.HOME_VISIT, "Flat 2"), now=START)
    ended = START + timedelta(minutes=50)
    sessions.end(state.session_id, {"welcome": 3000.0}, now=ended)
    (visit,) = LoneWorkingService(open_profile).checkins()
    assert visit.checked_out_at == ended
    assert LoneWorkingService(open_profile).my_open() == []


def test_a_check_out_stays_and_the_check_in_time_never_changes(open_profile):
    sessions = SessionService(open_profile)
    state = sessions.start(book(open_profile, AppointmentMode.HOME_VISIT, "Flat 2"), now=START)
    sessions.end(state.session_id, {"welcome": 60.0}, now=START + timedelta(minutes=5))
    for change in ("checked_out_at = NULL", "checked_in_at = '2026-11-30T15:00:00+00:00'"):
        with pytest.raises(IntegrityError, match="keeps its times"):
            open_profile.conn.execute(f"UPDATE visit_checkins SET {change}")


@pytest.mark.parametrize(("past", "overdue"), [(14, False), (15, False), (16, True)])
def test_a_visit_is_overdue_only_after_the_set_minutes_past_its_end(past, overdue):
    end = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    now = end + timedelta(minutes=past)
    assert is_overdue(end, None, now, 15) is overdue
    assert is_overdue(end, end, now, 15) is False  # checked out: never overdue
    assert minutes_late(end, now) == past


def test_the_overdue_minutes_come_from_the_setting(open_profile):
    settings = Settings(open_profile.conn, open_profile.actor)
    assert settings.get(LONE_WORKING_OVERDUE_MINUTES) == 15
    assert LoneWorkingService(open_profile).overdue_minutes() == 15
    settings.set(LONE_WORKING_OVERDUE_MINUTES, 30)
    assert LoneWorkingService(open_profile).overdue_minutes() == 30


def test_today_checks_out_only_the_workers_own_open_visit(open_profile):
    state = SessionService(open_profile).start(
        book(open_profile, AppointmentMode.HOME_VISIT, "Flat 2"), now=START
    )
    lone = LoneWorkingService(open_profile)
    (visit,) = lone.my_open()
    assert visit.session_id == state.session_id
    lone.check_out(visit.id, START + timedelta(hours=1))
    assert lone.my_open() == []
    with pytest.raises(ValidationError, match="not open under your name"):
        lone.check_out(visit.id, START + timedelta(hours=2))
    assert lone.checkins()[0].checked_out_at == START + timedelta(hours=1)


def test_a_pulled_change_cannot_reopen_a_checked_out_visit(open_profile):
    sessions = SessionService(open_profile)
    state = sessions.start(book(open_profile, AppointmentMode.HOME_VISIT, "Flat 2"), now=START)
    out = START + timedelta(minutes=40)
    sessions.end(state.session_id, {"welcome": 60.0}, now=out)
    (visit,) = LoneWorkingService(open_profile).checkins()
    reopened = RecordChange(
        entity="visit_checkins",
        entity_id=visit.id,
        version=9,
        fields={"checked_out_at": None, "place": "Somewhere else"},
        field_versions={"checked_out_at": 9, "place": 9},
        deleted=False,
    )
    page = PullResponse(
        changes=[reopened], removed=[], next_cursor=7, has_more=False, last_mutation_id=0
    )
    PulledChanges(open_profile.conn).apply_page(page)
    (kept,) = LoneWorkingService(open_profile).checkins()
    assert (kept.checked_out_at, kept.place) == (out, "Flat 2")
    cursor = open_profile.conn.execute("SELECT value FROM sync_state WHERE key = 'cursor'")
    assert cursor.fetchone()[0] == "7"  # the round went on
    held = open_profile.conn.execute("SELECT COUNT(*) FROM sync_set_aside").fetchone()[0]
    assert held == 0  # refused for good, not held to trouble the worker
