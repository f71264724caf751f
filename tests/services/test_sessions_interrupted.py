"""A session left running by a crash or a lock: listed as interrupted, resumed or ended."""

from __future__ import annotations

from datetime import datetime

import pytest

from linkworker_desktop.domain.session_clock import SessionClock
from linkworker_desktop.services import profile
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.sessions import SessionService
from tests.conftest import PASSPHRASE
from tests.support.session_factories import FakeClock, add_patient


@pytest.fixture
def appointment(open_profile):
    _patient_id, referral_id = add_patient(open_profile, "Rowan", "Ellery")
    now = datetime.now().replace(second=0, microsecond=0)
    return AppointmentService(open_profile).book(referral_id, now)


@pytest.fixture
def reopen(profile_files):
    """Unlock the caseload again, as the app does after a crash or the lock screen."""
    opened = []

    def unlock():
        opened.append(profile.unlock(profile_files, PASSPHRASE))
        return opened[-1]

    yield unlock
    for each in opened:
        each.close()


def half_done_session(open_profile, appointment) -> str:
    """A session in its second stage: one kept note, one draft, time used in both stages."""
    sessions = SessionService(open_profile)
    state = sessions.start(appointment)
    sessions.autosave(state.session_id, "welcome", "Consent checked", {"welcome": 280.0})
    sessions.change_stage(state.session_id, "what_matters", {"welcome": 300.0})
    sessions.autosave(
        state.session_id,
        "what_matters",
        "Wants to get back to the allotment",
        {"welcome": 300.0, "what_matters": 412.75},
    )
    return state.session_id


def test_a_crash_leaves_the_session_interrupted_with_its_drafts(open_profile, appointment, reopen):
    session_id = half_done_session(open_profile, appointment)
    open_profile.close()  # the app goes away without ending the session

    (interrupted,) = SessionService(reopen()).interrupted()
    assert interrupted.session_id == session_id
    assert interrupted.ended is False
    assert interrupted.current_stage == "what_matters"
    assert interrupted.notes == {
        "welcome": "Consent checked",
        "what_matters": "Wants to get back to the allotment",
    }
    assert interrupted.stage_seconds == {"welcome": 300.0, "what_matters": 412.75}


def test_an_interrupted_session_can_be_resumed(open_profile, appointment, reopen):
    session_id = half_done_session(open_profile, appointment)
    open_profile.close()

    sessions = SessionService(reopen())
    resumed = sessions.start(appointment)
    assert resumed.session_id == session_id
    # The runner's clock carries on from the saved time, not from zero.
    fake = FakeClock()
    planned = {s.id: s.minutes for s in resumed.template.stages}
    clock = SessionClock(planned, clock=fake, already=resumed.stage_seconds)
    clock.start(resumed.current_stage)
    fake.advance(60)
    assert clock.seconds_in("what_matters") == 472.75  # 412.75 saved + 60 more
    assert clock.total_seconds() == 772.75  # 300 + 472.75


def test_an_interrupted_session_can_be_ended(open_profile, appointment, reopen):
    session_id = half_done_session(open_profile, appointment)
    open_profile.close()

    sessions = SessionService(reopen())
    (interrupted,) = sessions.interrupted()
    ended = sessions.end(session_id, interrupted.stage_seconds)
    assert ended.duration_seconds == 713  # 300 + 412.75 = 712.75, to the nearest second
    assert ended.notes["what_matters"] == "Wants to get back to the allotment"
    assert sessions.interrupted() == []


def test_locking_mid_session_keeps_the_place_and_the_notes(open_profile, appointment, reopen):
    session_id = half_done_session(open_profile, appointment)
    before = SessionService(open_profile).load(session_id)
    open_profile.close()  # the lock screen closes the connection and drops the key

    after = SessionService(reopen()).load(session_id)
    assert (after.current_stage, after.notes, after.stage_seconds) == (
        before.current_stage,
        before.notes,
        before.stage_seconds,
    )


def test_ended_sessions_are_not_interrupted(open_profile, appointment):
    sessions = SessionService(open_profile)
    state = sessions.start(appointment)
    assert [s.session_id for s in sessions.interrupted()] == [state.session_id]
    sessions.end(state.session_id, {"welcome": 30})
    assert sessions.interrupted() == []
