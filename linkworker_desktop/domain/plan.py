"""The personalised wellbeing plan: the person's own words, goals, steps and who can help.

Its parts follow the personalised care and support plan elements: what matters, what is working
and not working, strengths, goals and actions, review, contingency and consent to share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from linkworker_desktop.domain.choices import Labelled, register_labels
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.goals import GoalStatus


class HelperKind(Labelled):
    PERSON = "person"
    SERVICE = "service"
    PHONE = "phone"


register_labels({HelperKind.SERVICE: "Group or service", HelperKind.PHONE: "Phone line"})


@dataclass(slots=True)
class Step:
    what: str
    who: str = ""
    by_when: date | None = None
    done: bool = False
    id: str = ""


@dataclass(slots=True)
class Helper:
    name: str
    kind: HelperKind = HelperKind.PERSON
    contact: str = ""
    when_text: str = ""
    id: str = ""


@dataclass(slots=True)
class PlanGoal:
    description: str
    why_it_matters: str = ""
    target_date: date | None = None
    status: GoalStatus = GoalStatus.NOT_STARTED
    barriers: str = ""
    steps: list[Step] = field(default_factory=list)
    helpers: list[Helper] = field(default_factory=list)
    ratings: list[tuple[date, int]] = field(default_factory=list)
    id: str = ""

    @property
    def latest_rating(self) -> int | None:
        return self.ratings[-1][1] if self.ratings else None


@dataclass(slots=True)
class WellbeingPlan:
    patient_id: str
    referral_id: str | None = None
    what_matters: str = ""
    working: str = ""
    not_working: str = ""
    strengths: str = ""
    contingency: str = ""
    review_date: date | None = None
    share_with: str = ""
    goals: list[PlanGoal] = field(default_factory=list)
    id: str = ""


def validate_goal(goal: PlanGoal) -> PlanGoal:
    problems: dict[str, str] = {}
    goal.description = goal.description.strip()
    if not goal.description:
        problems["description"] = "Write the goal in the person's own words."
    for number, step in enumerate(goal.steps, start=1):
        step.what = step.what.strip()
        if not step.what:
            problems[f"step{number}"] = f"Step {number} needs to say what will be done."
    for number, helper in enumerate(goal.helpers, start=1):
        helper.name = helper.name.strip()
        if not helper.name:
            problems[f"helper{number}"] = f"Who can help {number} needs a name."
    if problems:
        raise ValidationError(problems)
    return goal


def validate_plan(plan: WellbeingPlan, today: date) -> WellbeingPlan:
    if plan.review_date and plan.review_date < today.replace(year=today.year - 5):
        raise ValidationError({"review_date": "The review date is more than five years ago."})
    return plan
