"""Running a session: start, autosave, stage changes, end, and append-only once ended."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.storage.database import IntegrityError
from linkworker_desktop.storage.unit_of_work import Actor, UnitOfWork
from tests.support.session_factories import add_patient, local


@pytest.fixture
def sessions(open_profile):
    return SessionService(open_profile)


@pytest.fixture
def booked(open_profile):
    """(patient id, referral id, appointment id) for an initial session starting now."""
    patient_id, referral_id = add_patient(open_profile, "Quinn", "Harlow")
    now = datetime.now().replace(second=0, microsecond=0)
    appointment_id = AppointmentService(open_profile).book(referral_id, now, place="Room 4")
    return patient_id, referral_id, appointment_id


@pytest.fixture
def running(sessions, booked):
    return sessions.start(booked[2])


def scalar(profile, sql: str, *params):
    return profile.conn.execute(sql, params).fetchone()[0]


def outbox_count(profile, entity: str) -> int:
    return scalar(profile, "SELECT COUNT(*) FROM outbox WHERE entity = ?", entity)


def test_start_creates_a_running_session_at_the_first_stage(open_profile, running, booked):
    patient_id, referral_id, appointment_id = booked
    assert (running.patient_id, running.referral_id, running.appointment_id) == booked
    assert (running.template.id, running.template.planned_minutes) == ("initial", 45)
    assert running.current_stage == "welcome"
    assert running.ended is False and running.duration_seconds is None
    assert running.notes == {} and running.stage_seconds == {}
    assert abs(datetime.now(UTC) - running.started_at) < timedelta(minutes=1)
    row = open_profile.conn.execute(
        "SELECT state, kind, planned_minutes FROM sessions WHERE id = ?", (running.session_id,)
    ).fetchone()
    assert row == ("running", "initial", 45)
    # The appointment is only attended once the session ends.
    assert scalar(open_profile, "SELECT status FROM appointments WHERE id = ?", appointment_id) == (
        "booked"
    )


def test_starting_the_first_session_makes_the_referral_active(open_profile, running, booked):
    assert scalar(open_profile, "SELECT status FROM referrals WHERE id = ?", booked[1]) == "active"


def test_a_follow_up_uses_the_30_minute_template(open_profile, sessions, booked):
    follow_up = AppointmentService(open_profile).book(booked[1], local(7, 10))
    state = sessions.start(follow_up)
    assert (state.template.kind, state.template.planned_minutes, state.current_stage) == (
        "follow_up",
        30,
        "review",
    )


def test_starting_again_returns_the_same_session(sessions, running, booked):
    again = sessions.start(booked[2])
    assert again.session_id == running.session_id


@pytest.mark.parametrize("outcome", ["cancel", "did_not_attend"])
def test_a_cancelled_or_missed_appointment_cannot_start(open_profile, sessions, booked, outcome):
    getattr(AppointmentService(open_profile), outcome)(booked[2])
    with pytest.raises(ValidationError, match="cancelled or not attended"):
        sessions.start(booked[2])
    assert scalar(open_profile, "SELECT COUNT(*) FROM sessions") == 0


def test_autosave_writes_a_local_draft_and_nothing_to_sync(open_profile, sessions, running):
    outbox_before = scalar(open_profile, "SELECT COUNT(*) FROM outbox")
    audit_before = scalar(open_profile, "SELECT COUNT(*) FROM audit_log")
    sessions.autosave(running.session_id, "welcome", "Consent", {"welcome": 12.5})
    sessions.autosave(running.session_id, "welcome", "Consent checked", {"welcome": 17.5})

    drafts = open_profile.conn.execute(
        "SELECT stage_id, text FROM note_drafts WHERE session_id = ?", (running.session_id,)
    ).fetchall()
    assert drafts == [("welcome", "Consent checked")]  # one row per stage, the latest text
    assert scalar(open_profile, "SELECT COUNT(*) FROM outbox") == outbox_before
    assert scalar(open_profile, "SELECT COUNT(*) FROM audit_log") == audit_before
    assert scalar(open_profile, "SELECT COUNT(*) FROM session_notes") == 0
    state = sessions.load(running.session_id)
    assert state.notes == {"welcome": "Consent checked"}
    assert state.stage_seconds == {"welcome": 17.5}


def test_a_stage_change_turns_drafts_into_notes_with_audit_and_outbox(
    open_profile, sessions, running
):
    sessions.autosave(running.session_id, "welcome", "Consent to share checked", {"welcome": 250})
    sessions.change_stage(running.session_id, "what_matters", {"welcome": 260})

    note_id, text = open_profile.conn.execute(
        "SELECT id, text FROM session_notes WHERE session_id = ? AND stage_id = 'welcome'",
        (running.session_id,),
    ).fetchone()
    assert text == "Consent to share checked"
    assert scalar(open_profile, "SELECT COUNT(*) FROM note_drafts") == 0
    assert open_profile.conn.execute(
        "SELECT action FROM audit_log WHERE entity = 'session_notes' AND entity_id = ?",
        (note_id,),
    ).fetchall() == [("create",)]
    changes = json.loads(
        scalar(open_profile, "SELECT changes FROM outbox WHERE entity_id = ?", note_id)
    )
    assert changes["text"] == "Consent to share checked"
    state = sessions.load(running.session_id)
    assert state.current_stage == "what_matters"
    assert state.stage_seconds == {"welcome": 260}


def test_editing_a_kept_note_updates_it(open_profile, sessions, running):
    sessions.autosave(running.session_id, "welcome", "First words", {"welcome": 10})
    sessions.change_stage(running.session_id, "what_matters", {"welcome": 10})
    sessions.autosave(running.session_id, "welcome", "First words, corrected", {"welcome": 10})
    sessions.change_stage(running.session_id, "measure", {"welcome": 10})
    assert open_profile.conn.execute(
        "SELECT text FROM session_notes WHERE session_id = ?", (running.session_id,)
    ).fetchall() == [("First words, corrected",)]
    assert outbox_count(open_profile, "session_notes") == 2  # created, then updated


def test_an_empty_draft_makes_no_note(open_profile, sessions, running):
    sessions.autosave(running.session_id, "welcome", "   ", {"welcome": 5})
    sessions.change_stage(running.session_id, "what_matters", {"welcome": 5})
    assert scalar(open_profile, "SELECT COUNT(*) FROM session_notes") == 0


def test_a_stage_the_template_lacks_is_refused(open_profile, sessions, running):
    with pytest.raises(KeyError):
        sessions.change_stage(running.session_id, "lunch", {"welcome": 5})
    assert sessions.load(running.session_id).current_stage == "welcome"


def test_what_matters_is_kept_in_the_patients_words(sessions, running):
    sessions.set_what_matters(running.session_id, "  Seeing my grandchildren more.  ")
    assert sessions.load(running.session_id).what_matters == "Seeing my grandchildren more."


def test_end_records_the_actual_duration_and_attendance(open_profile, sessions, running, booked):
    sessions.autosave(running.session_id, "next_steps", "Booked the next one", {})
    stage_seconds = {"welcome": 290.4, "what_matters": 905.3, "next_steps": 0}
    ended = sessions.end(running.session_id, stage_seconds)

    assert ended.ended
    assert ended.duration_seconds == 1196  # 290.4 + 905.3 = 1195.7, to the nearest second
    assert ended.stage_seconds == stage_seconds
    assert ended.notes == {"next_steps": "Booked the next one"}
    appointment = booked[2]
    assert scalar(open_profile, "SELECT status FROM appointments WHERE id = ?", appointment) == (
        "attended"
    )
    assert AppointmentService(open_profile).sessions_used(booked[1]) == 1
    ended_at = scalar(open_profile, "SELECT ended_at FROM sessions WHERE id = ?", ended.session_id)
    assert datetime.fromisoformat(ended_at) >= running.started_at.replace(microsecond=0)


@pytest.mark.parametrize("stage_seconds", [{}, {"welcome": 0}, {"welcome": 0.4}])
def test_a_session_cannot_end_before_it_started(open_profile, sessions, running, stage_seconds):
    with pytest.raises(ValidationError, match="has not started yet"):
        sessions.end(running.session_id, stage_seconds)
    assert sessions.load(running.session_id).ended is False
    assert scalar(open_profile, "SELECT status FROM appointments") == "booked"


def end_quickly(sessions, state):
    return sessions.end(state.session_id, {"welcome": 60})


def test_an_ended_session_refuses_every_change(sessions, running):
    end_quickly(sessions, running)
    session_id = running.session_id
    attempts = [
        lambda: sessions.autosave(session_id, "welcome", "late words", {"welcome": 70}),
        lambda: sessions.change_stage(session_id, "what_matters", {"welcome": 70}),
        lambda: sessions.set_what_matters(session_id, "changed"),
        lambda: sessions.end(session_id, {"welcome": 70}),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="addendum"):
            attempt()
    assert sessions.load(session_id).notes == {}


def test_the_database_itself_refuses_to_change_an_ended_session(open_profile, sessions, running):
    end_quickly(sessions, running)
    with pytest.raises(IntegrityError, match="append-only"):
        open_profile.conn.execute(
            "UPDATE sessions SET duration_seconds = 5 WHERE id = ?", (running.session_id,)
        )
    assert scalar(open_profile, "SELECT duration_seconds FROM sessions") == 60


def test_an_addendum_has_its_own_author_and_time(open_profile, sessions, running):
    end_quickly(sessions, running)
    ended_at = scalar(open_profile, "SELECT ended_at FROM sessions")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        colleague = uow.insert("workers", {"display_name": "Pat Colleague"})
    as_colleague = dataclasses.replace(
        open_profile, actor=Actor(worker_id=colleague, client_id=open_profile.actor.client_id)
    )
    addendum_id = SessionService(as_colleague).add_addendum(
        running.session_id, "  Patient rang: the group starts in May.  "
    )

    author, created_at = open_profile.conn.execute(
        "SELECT author_id, created_at FROM session_addenda WHERE id = ?", (addendum_id,)
    ).fetchone()
    assert author == colleague
    assert scalar(open_profile, "SELECT author_id FROM sessions") == open_profile.actor.worker_id
    assert datetime.fromisoformat(created_at) >= datetime.fromisoformat(ended_at)
    (addendum,) = sessions.load(running.session_id).addenda
    assert (addendum["text"], addendum["author"]) == (
        "Patient rang: the group starts in May.",
        "Pat Colleague",
    )
    assert outbox_count(open_profile, "session_addenda") == 1


def test_an_addendum_needs_words_and_an_ended_session(sessions, running):
    with pytest.raises(ValidationError, match="while it is running"):
        sessions.add_addendum(running.session_id, "Too early")
    end_quickly(sessions, running)
    with pytest.raises(ValidationError, match="Write the addendum"):
        sessions.add_addendum(running.session_id, "   ")


def test_history_lists_sessions_with_durations_notes_and_addenda(
    open_profile, sessions, running, booked
):
    sessions.autosave(running.session_id, "welcome", "Consent checked", {"welcome": 300})
    sessions.end(running.session_id, {"welcome": 300, "what_matters": 1200})
    sessions.add_addendum(running.session_id, "Spelling of the group corrected")
    follow_up = AppointmentService(open_profile).book(booked[1], local(7, 10))
    sessions.start(follow_up)

    first, second = sessions.history(booked[0])
    assert (first.kind, first.state, first.duration_seconds) == ("initial", "ended", 1500)
    assert first.notes == {"welcome": "Consent checked"}
    assert [a["text"] for a in first.addenda] == ["Spelling of the group corrected"]
    assert first.as_json()["duration_minutes"] == 25.0  # 1500 s / 60
    assert (second.kind, second.state, second.duration_seconds) == ("follow_up", "running", None)
    assert second.as_json()["duration_minutes"] is None


def test_an_unknown_session_or_appointment(sessions):
    with pytest.raises(ValidationError, match="not in the caseload"):
        sessions.load("no-such-session")
    with pytest.raises(ValidationError, match="not in the caseload"):
        sessions.start("no-such-appointment")
