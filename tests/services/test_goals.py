"""Goals in the patient's words and their 0-10 progress ratings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.goals import GoalStatus
from linkworker_desktop.services import goals as goals_module
from linkworker_desktop.services.goals import GoalService
from tests.support.session_factories import FakeUtcNow, add_patient


@pytest.fixture
def service(open_profile, monkeypatch):
    # Ratings are ordered by when they were recorded; give each a distinct time.
    monkeypatch.setattr(goals_module, "utc_now", FakeUtcNow(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    return GoalService(open_profile)


@pytest.fixture
def patient(open_profile):
    return add_patient(open_profile, "Toby", "Wren")


def test_a_goal_starts_not_started_in_the_patients_words(service, patient):
    patient_id, referral_id = patient
    goal_id = service.add(patient_id, "  Go to the Tuesday coffee morning  ", referral_id)
    (goal,) = service.goals(patient_id)
    assert (goal.id, goal.description, goal.status) == (
        goal_id,
        "Go to the Tuesday coffee morning",
        GoalStatus.NOT_STARTED,
    )
    assert goal.ratings == () and goal.latest_rating is None


def test_an_empty_goal_is_refused(open_profile, service, patient):
    with pytest.raises(ValidationError, match="own words"):
        service.add(patient[0], "   ")
    assert open_profile.conn.execute("SELECT COUNT(*) FROM goals").fetchone()[0] == 0


def test_ratings_are_kept_oldest_first(service, patient):
    goal_id = service.add(patient[0], "Walk round the park three mornings a week")
    for rating in (2, 5, 4):
        service.rate(goal_id, rating)
    (goal,) = service.goals(patient[0])
    assert [rating for _at, rating in goal.ratings] == [2, 5, 4]
    assert goal.latest_rating == 4


def test_a_first_rating_above_zero_puts_the_goal_in_progress(service, patient):
    goal_id = service.add(patient[0], "See the money adviser")
    service.rate(goal_id, 0)
    assert service.goals(patient[0])[0].status == GoalStatus.NOT_STARTED
    service.rate(goal_id, 3)
    assert service.goals(patient[0])[0].status == GoalStatus.IN_PROGRESS


def test_a_rating_does_not_undo_an_achieved_goal(service, patient):
    goal_id = service.add(patient[0], "Join the Breathe Easy group")
    service.set_status(goal_id, GoalStatus.ACHIEVED)
    service.rate(goal_id, 10)
    assert service.goals(patient[0])[0].status == GoalStatus.ACHIEVED


@pytest.mark.parametrize("rating", [-1, 11, True, "6"])
def test_a_rating_off_the_scale_is_refused_and_not_kept(open_profile, service, patient, rating):
    goal_id = service.add(patient[0], "Try the chair-based exercise class")
    with pytest.raises(ValidationError):
        service.rate(goal_id, rating)
    assert open_profile.conn.execute("SELECT COUNT(*) FROM goal_progress").fetchone()[0] == 0


def test_a_rating_keeps_its_session_and_note_and_is_queued_for_sync(open_profile, service, patient):
    goal_id = service.add(patient[0], "Register as a carer")
    progress_id = service.rate(goal_id, 6, note="  Form sent off ")
    row = open_profile.conn.execute(
        "SELECT goal_id, rating, note FROM goal_progress WHERE id = ?", (progress_id,)
    ).fetchone()
    assert row == (goal_id, 6, "Form sent off")
    queued = {
        entity
        for (entity,) in open_profile.conn.execute(
            "SELECT entity FROM outbox WHERE entity_id IN (?, ?)", (goal_id, progress_id)
        )
    }
    assert queued == {"goals", "goal_progress"}


def test_goals_belong_to_their_patient(open_profile, service, patient):
    other_id, _other_referral = add_patient(open_profile, "Uma", "Yardley")
    service.add(patient[0], "Go to the bereavement support group")
    assert service.goals(other_id) == []
