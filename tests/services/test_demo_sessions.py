"""The demo caseload's history: sessions with notes, goals with ratings, ONS4 results, a day."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.storage.records import fetch_dicts
from tests.support.demo_day import DEMO_DAY

# The ONS thresholds, typed in from the ONS guidance: (highest value in the band, label).
ONS_BANDS = ((4, "Low"), (6, "Medium"), (8, "High"), (10, "Very high"))
ANXIETY_BANDS = ((1, "Very low"), (3, "Low"), (5, "Medium"), (10, "High"))


def ons_band(item: str, value: int) -> str:
    bands = ANXIETY_BANDS if item == "anxiety" else ONS_BANDS
    return next(label for top, label in bands if value <= top)


@pytest.fixture
def demo(open_profile):
    assert add_demo_caseload(open_profile, 40, seed=77, today=DEMO_DAY) == 40
    return open_profile


def rows(profile, sql: str, *params) -> list[dict]:
    return fetch_dicts(profile.conn, sql, params)


def test_every_attended_appointment_has_one_ended_session_with_a_duration(demo):
    attended = rows(demo, "SELECT id, starts_at FROM appointments WHERE status = 'attended'")
    assert len(attended) >= 20
    for appointment in attended:
        (session,) = rows(
            demo, "SELECT * FROM sessions WHERE appointment_id = ?", appointment["id"]
        )
        assert session["state"] == "ended"
        stage_seconds = json.loads(session["stage_seconds"])
        assert session["duration_seconds"] == sum(stage_seconds.values()) > 0
        started = datetime.fromisoformat(session["started_at"])
        ended = datetime.fromisoformat(session["ended_at"])
        assert ended - started == timedelta(seconds=session["duration_seconds"])
        assert started == datetime.fromisoformat(appointment["starts_at"])


def test_only_attended_appointments_have_sessions(demo):
    assert (
        rows(
            demo,
            "SELECT a.status FROM sessions s JOIN appointments a ON a.id = s.appointment_id"
            " WHERE a.status != 'attended'",
        )
        == []
    )
    assert SessionService(demo).interrupted() == []


def test_sessions_carry_notes_and_the_first_says_what_matters(demo):
    sessions = rows(demo, "SELECT id FROM sessions")
    assert len(sessions) >= 20  # the loops below check something
    for session in sessions:
        notes = rows(demo, "SELECT text FROM session_notes WHERE session_id = ?", session["id"])
        assert notes and all(n["text"].strip() for n in notes)
    patients = rows(demo, "SELECT DISTINCT patient_id FROM sessions")
    assert len(patients) >= 5
    for patient in patients:
        first, *_rest = SessionService(demo).history(patient["patient_id"])
        assert first.kind == "initial"
        assert first.what_matters


def test_goals_have_a_rating_from_every_session(demo):
    patients = rows(demo, "SELECT patient_id, COUNT(*) AS n FROM sessions GROUP BY patient_id")
    assert len(patients) >= 5  # the loop below checks something
    for patient in patients:
        goals = rows(demo, "SELECT id FROM goals WHERE patient_id = ?", patient["patient_id"])
        assert 1 <= len(goals) <= 3
        for goal in goals:
            ratings = rows(
                demo, "SELECT rating, session_id FROM goal_progress WHERE goal_id = ?", goal["id"]
            )
            assert len(ratings) == patient["n"]
            assert all(0 <= r["rating"] <= 10 and r["session_id"] for r in ratings)


def test_ons4_results_start_with_a_baseline_and_score_correctly(demo):
    results = rows(
        demo,
        "SELECT patient_id, timepoint, answers, scores, complete FROM measure_results"
        " WHERE measure_id = 'ons4' ORDER BY patient_id, recorded_at",
    )
    assert results
    seen: set[str] = set()
    for result in results:
        if result["patient_id"] not in seen:
            assert result["timepoint"] == "baseline"
            seen.add(result["patient_id"])
        answers = json.loads(result["answers"])
        assert set(answers) == {"life_satisfaction", "worthwhile", "happiness", "anxiety"}
        assert result["complete"] == 1
        scores = json.loads(result["scores"])["scores"]
        assert {s["id"]: (s["value"], s["band"]) for s in scores} == {
            item: (value, ons_band(item, value)) for item, value in answers.items()
        }
    with_sessions = {r["patient_id"] for r in rows(demo, "SELECT patient_id FROM sessions")}
    assert seen == with_sessions


def test_repeat_results_show_a_change(demo):
    (patient,) = rows(
        demo,
        "SELECT patient_id FROM measure_results GROUP BY patient_id HAVING COUNT(*) >= 2 LIMIT 1",
    )
    changes = MeasureService(demo).change(patient["patient_id"], "ons4")
    assert [c.id for c in changes] == ["life_satisfaction", "worthwhile", "happiness", "anxiety"]


def test_there_is_a_working_day_today(demo):
    today = AppointmentService(demo).day(DEMO_DAY)
    assert len(today) >= 3
    assert all(e.status.value == "booked" for e in today)
    assert [e.starts_at for e in today] == sorted(e.starts_at for e in today)
    assert any(e.prepare_notes for e in today)
    starts = [e.starts_at for e in today]
    assert len(set(starts)) == len(starts)  # no two at the same time


def test_referrals_with_sessions_have_moved_on_from_new(demo):
    statuses = {
        r["status"]
        for r in rows(
            demo,
            "SELECT DISTINCT r.status FROM referrals r JOIN sessions s ON s.referral_id = r.id",
        )
    }
    assert statuses  # a subset check of nothing would pass
    assert statuses <= {"active", "on_hold", "discharged"}
