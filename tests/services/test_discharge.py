"""Discharge: the reason sets the referral's status, and booked sessions are cancelled."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.discharge import discharge
from linkworker_desktop.services.sessions import SessionService
from tests.support.session_factories import add_patient, local


@pytest.fixture
def referral(open_profile):
    return add_patient(open_profile, "Nell", "Brackley")[1]


def referral_row(profile, referral_id: str) -> tuple:
    return profile.conn.execute(
        "SELECT status, discharge_reason, discharge_notes, discharged_on FROM referrals"
        " WHERE id = ?",
        (referral_id,),
    ).fetchone()


@pytest.mark.parametrize(
    ("reason", "status"),
    [
        (DischargeReason.GOALS_MET, "discharged"),
        (DischargeReason.OTHER_SERVICE, "discharged"),
        (DischargeReason.DECLINED_FURTHER, "declined"),
        (DischargeReason.DID_NOT_ENGAGE, "did_not_engage"),
        (DischargeReason.MOVED_AWAY, "discharged"),
        (DischargeReason.DIED, "discharged"),
    ],
)
def test_the_reason_sets_the_status(open_profile, referral, reason, status):
    discharge(open_profile, referral, reason)
    assert referral_row(open_profile, referral) == (
        status,
        reason.value,
        "",
        date.today().isoformat(),
    )


def test_booked_sessions_are_cancelled_and_attended_ones_kept(open_profile, referral):
    appointments = AppointmentService(open_profile)
    attended = appointments.book(referral, local(-7, 10), past_confirmed=True)
    sessions = SessionService(open_profile)
    sessions.end(sessions.start(attended).session_id, {"welcome": 2400})
    next_week = appointments.book(referral, local(7, 10))
    week_after = appointments.book(referral, local(14, 10))

    cancelled = discharge(open_profile, referral, DischargeReason.GOALS_MET, on=local(-1, 0).date())

    assert sorted(cancelled) == sorted([next_week, week_after])
    rows = dict(
        open_profile.conn.execute(
            "SELECT id, status || ':' || cancel_reason FROM appointments"
        ).fetchall()
    )
    assert rows == {
        attended: "attended:",
        next_week: "cancelled:Patient discharged",
        week_after: "cancelled:Patient discharged",
    }
    assert referral_row(open_profile, referral)[3] == (date.today() - timedelta(days=1)).isoformat()


def test_other_needs_notes(open_profile, referral):
    with pytest.raises(ValidationError, match="Say why"):
        discharge(open_profile, referral, DischargeReason.OTHER, "   ")
    assert referral_row(open_profile, referral)[0] == "new"
    discharge(open_profile, referral, DischargeReason.OTHER, "  Now in a care home  ")
    assert referral_row(open_profile, referral)[:3] == ("discharged", "other", "Now in a care home")


def test_a_closed_referral_cannot_be_discharged_twice(open_profile, referral):
    discharge(open_profile, referral, DischargeReason.DECLINED_FURTHER)
    with pytest.raises(ValidationError, match="already closed"):
        discharge(open_profile, referral, DischargeReason.GOALS_MET)
    assert referral_row(open_profile, referral)[:2] == ("declined", "declined_further")


def test_a_discharge_date_in_the_future_is_refused(open_profile, referral):
    with pytest.raises(ValidationError, match="future"):
        discharge(open_profile, referral, DischargeReason.GOALS_MET, on=date.today() + timedelta(1))
    assert referral_row(open_profile, referral)[0] == "new"


def test_an_unknown_reason_or_referral_is_refused(open_profile, referral):
    with pytest.raises(ValueError):
        discharge(open_profile, referral, "fed_up")
    with pytest.raises(ValidationError, match="not in the caseload"):
        discharge(open_profile, "no-such-referral", DischargeReason.GOALS_MET)


def test_discharge_is_queued_for_sync(open_profile, referral):
    AppointmentService(open_profile).book(referral, local(3, 10))
    before = open_profile.conn.execute("SELECT MAX(mutation_id) FROM outbox").fetchone()[0]
    discharge(open_profile, referral, DischargeReason.MOVED_AWAY)
    entities = [
        entity
        for (entity,) in open_profile.conn.execute(
            "SELECT entity FROM outbox WHERE mutation_id > ? ORDER BY mutation_id", (before,)
        )
    ]
    assert entities == ["appointments", "referrals"]


def test_discharging_during_the_last_session_keeps_that_session(open_profile, referral):
    # The worker discharges in the last session's "next steps", then ends the session.
    appointments = AppointmentService(open_profile)
    today = appointments.book(referral, local(0, 0, 5), past_confirmed=True)
    later = appointments.book(referral, local(7, 10))
    sessions = SessionService(open_profile)
    running = sessions.start(today)

    cancelled = discharge(open_profile, referral, DischargeReason.GOALS_MET)
    assert cancelled == [later]
    sessions.end(running.session_id, {"welcome": 1500})
    assert open_profile.conn.execute(
        "SELECT status, cancel_reason FROM appointments WHERE id = ?", (today,)
    ).fetchone() == ("attended", "")
