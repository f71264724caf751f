"""Goal ratings and measure results in the same millisecond keep the order they were recorded.

A record pulled from another laptop can arrive after one recorded later, so the order is time,
then the sequence, then the id; never the order rows happen to sit in the file.
"""

from __future__ import annotations

import json

import pytest

from linkworker_desktop.services import goals as goals_module
from linkworker_desktop.services import measures as measures_module
from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.support.session_factories import add_patient

SAME_MOMENT = "2026-03-02T09:00:00.123+00:00"


def ons4(value: int) -> dict[str, int]:
    return {"life_satisfaction": value, "worthwhile": value, "happiness": value, "anxiety": value}


@pytest.fixture
def patient(open_profile):
    return add_patient(open_profile, "Ffion", "Testbury")


@pytest.fixture
def frozen(monkeypatch):
    """Every record made in the same millisecond."""
    monkeypatch.setattr(goals_module, "utc_now", lambda: SAME_MOMENT)
    monkeypatch.setattr(measures_module, "utc_now", lambda: SAME_MOMENT)


def test_ratings_in_one_millisecond_are_numbered_one_two_three(open_profile, patient, frozen):
    service = GoalService(open_profile)
    goal_id = service.add(patient[0], "Join the walking group", patient[1])
    for rating in (4, 2, 9):
        service.rate(goal_id, rating)
    stored = open_profile.conn.execute(
        "SELECT rating, sequence FROM goal_progress WHERE goal_id = ? ORDER BY sequence",
        (goal_id,),
    ).fetchall()
    assert stored == [(4, 1), (2, 2), (9, 3)]
    (goal,) = service.goals(patient[0])
    assert [rating for _, rating in goal.ratings] == [4, 2, 9]
    assert goal.latest_rating == 9


def test_a_rating_that_arrives_late_still_sorts_by_its_sequence(open_profile, patient):
    service = GoalService(open_profile)
    goal_id = service.add(patient[0], "Join the walking group", patient[1])
    # As a pull from another laptop writes them: the second rating lands in the file first.
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        for rating, sequence in ((8, 2), (3, 1)):
            uow.insert(
                "goal_progress",
                {
                    "goal_id": goal_id,
                    "rating": rating,
                    "recorded_at": SAME_MOMENT,
                    "sequence": sequence,
                },
            )
    (goal,) = service.goals(patient[0])
    assert [rating for _, rating in goal.ratings] == [3, 8]
    assert goal.latest_rating == 8


def test_results_in_one_millisecond_keep_baseline_first(open_profile, patient, frozen):
    service = MeasureService(open_profile)
    service.record(patient[0], "ons4", ons4(3), "baseline", patient[1])
    service.record(patient[0], "ons4", ons4(6), "review", patient[1])
    results = service.results(patient[0], "ons4")
    assert [r.timepoint for r in results] == ["baseline", "review"]
    assert [
        r[0]
        for r in open_profile.conn.execute(
            "SELECT sequence FROM measure_results ORDER BY recorded_at, sequence"
        )
    ] == [1, 2]
    changes = {c.id: c.delta for c in service.change(patient[0], "ons4")}
    assert changes == {"life_satisfaction": 3, "worthwhile": 3, "happiness": 3, "anxiety": 3}


def test_a_result_that_arrives_late_still_sorts_by_its_sequence(open_profile, patient):
    service = MeasureService(open_profile)
    measure = service.get("ons4")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        for value, sequence, timepoint in ((7, 2, "review"), (2, 1, "baseline")):
            uow.insert(
                "measure_results",
                {
                    "patient_id": patient[0],
                    "referral_id": patient[1],
                    "measure_id": "ons4",
                    "timepoint": timepoint,
                    "answers": json.dumps(ons4(value)),
                    "complete": 1,
                    "scores": json.dumps(measure.score(ons4(value)).as_json()),
                    "recorded_at": SAME_MOMENT,
                    "sequence": sequence,
                },
            )
    assert [r.timepoint for r in service.results(patient[0], "ons4")] == ["baseline", "review"]
    changes = {c.id: c.delta for c in service.change(patient[0], "ons4")}
    assert changes == {"life_satisfaction": 5, "worthwhile": 5, "happiness": 5, "anxiety": 5}
