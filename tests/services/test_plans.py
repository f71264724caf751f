"""Saving and loading the wellbeing plan through the unit of work."""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.plan import Helper, HelperKind, PlanGoal, Step
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.plans import PlanService


@pytest.fixture
def patient_id(open_profile):
    import random

    patient = Patient(generate_test_number(random.Random(7)), "Ann", "Bee", date(1950, 1, 2))
    referral = Referral("", date.today(), ReferralSource.SELF, [ReferralReason.LONELINESS])
    return CaseloadService(open_profile).add_patient(patient, referral)


def test_plan_round_trip_with_goal_steps_and_helpers(open_profile, patient_id):
    service = PlanService(open_profile)
    plan = service.load(patient_id)
    assert plan.id == "" and plan.goals == []
    plan.what_matters = "Seeing people"
    plan.review_date = date(2027, 1, 15)
    service.save_plan(plan)
    goal = PlanGoal(
        "Go to the coffee morning",
        steps=[Step("Find the times", "Me")],
        helpers=[Helper("Coffee morning", HelperKind.SERVICE, "01632 960 101")],
    )
    service.save_goal(plan, goal)
    again = service.load(patient_id)
    assert again.what_matters == "Seeing people"
    assert again.review_date == date(2027, 1, 15)
    assert [g.description for g in again.goals] == ["Go to the coffee morning"]
    assert again.goals[0].steps[0].who == "Me"
    assert again.goals[0].helpers[0].kind == HelperKind.SERVICE
    entities = {r[0] for r in open_profile.conn.execute("SELECT entity FROM outbox")}
    assert {"plans", "goals", "goal_steps", "goal_helpers"} <= entities


def test_removing_a_step_tombstones_it(open_profile, patient_id):
    service = PlanService(open_profile)
    plan = service.load(patient_id)
    goal = PlanGoal("Walk", steps=[Step("One"), Step("Two")])
    service.save_goal(plan, goal)
    goal.steps = goal.steps[:1]
    service.save_goal(plan, goal)
    assert [s.what for s in service.load(patient_id).goals[0].steps] == ["One"]
    deleted = open_profile.conn.execute(
        "SELECT COUNT(*) FROM goal_steps WHERE deleted = 1"
    ).fetchone()[0]
    assert deleted == 1


def test_a_goal_needs_words_and_each_step_needs_a_what(open_profile, patient_id):
    service = PlanService(open_profile)
    plan = service.load(patient_id)
    with pytest.raises(ValidationError) as caught:
        service.save_goal(plan, PlanGoal("  ", steps=[Step("")]))
    assert set(caught.value.problems) == {"description", "step1"}
