"""Load and save the wellbeing plan of a patient's current referral."""

from __future__ import annotations

from datetime import date
from typing import Any

from linkworker_desktop.domain.goals import GoalStatus
from linkworker_desktop.domain.plan import (
    Helper,
    HelperKind,
    PlanGoal,
    Step,
    WellbeingPlan,
    validate_goal,
    validate_plan,
)
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork

_PLAN_FIELDS = (
    "what_matters",
    "working",
    "not_working",
    "strengths",
    "contingency",
    "share_with",
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


class PlanService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    @property
    def _conn(self) -> Any:
        return self.profile.conn

    def current_referral_id(self, patient_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT id FROM referrals WHERE patient_id = ? AND deleted = 0"
            " ORDER BY referral_date DESC, created_at DESC LIMIT 1",
            (patient_id,),
        ).fetchone()
        return row[0] if row else None

    def load(self, patient_id: str, referral_id: str | None = None) -> WellbeingPlan:
        """The plan of the referral (default: the current one); an empty plan if none is saved."""
        referral_id = referral_id or self.current_referral_id(patient_id)
        rows = fetch_dicts(
            self._conn,
            "SELECT * FROM plans WHERE patient_id = ? AND referral_id IS ? AND deleted = 0"
            " ORDER BY created_at DESC LIMIT 1",
            (patient_id, referral_id),
        )
        plan = WellbeingPlan(patient_id=patient_id, referral_id=referral_id)
        if rows:
            row = rows[0]
            plan.id = row["id"]
            for name in _PLAN_FIELDS:
                setattr(plan, name, row[name])
            plan.review_date = _day(row["review_date"])
        if not plan.what_matters:
            plan.what_matters = self._what_matters_from_sessions(patient_id, referral_id)
        plan.goals = self._goals(patient_id, referral_id)
        return plan

    def _what_matters_from_sessions(self, patient_id: str, referral_id: str | None) -> str:
        row = self._conn.execute(
            "SELECT what_matters FROM sessions WHERE patient_id = ? AND deleted = 0"
            " AND what_matters != '' AND (referral_id IS ? OR ? IS NULL)"
            " ORDER BY started_at DESC LIMIT 1",
            (patient_id, referral_id, referral_id),
        ).fetchone()
        return row[0] if row else ""

    def _goals(self, patient_id: str, referral_id: str | None) -> list[PlanGoal]:
        goal_rows = fetch_dicts(
            self._conn,
            "SELECT * FROM goals WHERE patient_id = ? AND deleted = 0"
            " AND (referral_id IS ? OR referral_id IS NULL OR ? IS NULL)"
            " ORDER BY position, created_at",
            (patient_id, referral_id, referral_id),
        )
        ids = [g["id"] for g in goal_rows]
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        steps: dict[str, list[Step]] = {}
        for r in fetch_dicts(
            self._conn,
            f"SELECT * FROM goal_steps WHERE goal_id IN ({marks}) AND deleted = 0"
            " ORDER BY position, created_at",
            ids,
        ):
            steps.setdefault(r["goal_id"], []).append(
                Step(r["what"], r["who"], _day(r["by_when"]), bool(r["done"]), r["id"])
            )
        helpers: dict[str, list[Helper]] = {}
        for r in fetch_dicts(
            self._conn,
            f"SELECT * FROM goal_helpers WHERE goal_id IN ({marks}) AND deleted = 0"
            " ORDER BY created_at",
            ids,
        ):
            helpers.setdefault(r["goal_id"], []).append(
                Helper(r["name"], HelperKind(r["kind"]), r["contact"], r["when_text"], r["id"])
            )
        ratings: dict[str, list[tuple[date, int]]] = {}
        for r in fetch_dicts(
            self._conn,
            f"SELECT goal_id, recorded_at, rating FROM goal_progress WHERE goal_id IN ({marks})"
            " AND deleted = 0 ORDER BY recorded_at, sequence, id",
            ids,
        ):
            day = _day(r["recorded_at"])
            if day is not None:
                ratings.setdefault(r["goal_id"], []).append((day, r["rating"]))
        return [
            PlanGoal(
                description=g["description"],
                why_it_matters=g["why_it_matters"],
                target_date=_day(g["target_date"]),
                status=GoalStatus(g["status"]),
                barriers=g["barriers"],
                steps=steps.get(g["id"], []),
                helpers=helpers.get(g["id"], []),
                ratings=ratings.get(g["id"], []),
                id=g["id"],
            )
            for g in goal_rows
        ]

    # --- saving -------------------------------------------------------------------------------

    def save_plan(self, plan: WellbeingPlan) -> str:
        """Save the plan's own parts (not its goals: see save_goal)."""
        validate_plan(plan, date.today())
        values: dict[str, Any] = {name: getattr(plan, name).strip() for name in _PLAN_FIELDS}
        values["review_date"] = plan.review_date.isoformat() if plan.review_date else None
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            if plan.id:
                uow.update("plans", plan.id, values)
            else:
                plan.id = uow.insert(
                    "plans",
                    dict(values, patient_id=plan.patient_id, referral_id=plan.referral_id),
                )
        return plan.id

    def save_goal(self, plan: WellbeingPlan, goal: PlanGoal) -> str:
        """Save a goal with its steps and helpers; removed steps and helpers are tombstoned."""
        validate_goal(goal)
        values: dict[str, Any] = {
            "description": goal.description,
            "why_it_matters": goal.why_it_matters.strip(),
            "target_date": goal.target_date.isoformat() if goal.target_date else None,
            "status": GoalStatus(goal.status).value,
            "barriers": goal.barriers.strip(),
        }
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            if goal.id:
                uow.update("goals", goal.id, values)
            else:
                position = len(plan.goals)
                goal.id = uow.insert(
                    "goals",
                    dict(
                        values,
                        patient_id=plan.patient_id,
                        referral_id=plan.referral_id,
                        position=position,
                    ),
                )
            self._sync_children(uow, goal)
        return goal.id

    def _sync_children(self, uow: UnitOfWork, goal: PlanGoal) -> None:
        kept_steps = set()
        for position, step in enumerate(goal.steps):
            values = {
                "what": step.what,
                "who": step.who.strip(),
                "by_when": step.by_when.isoformat() if step.by_when else None,
                "done": int(step.done),
                "position": position,
            }
            if step.id:
                uow.update("goal_steps", step.id, values)
            else:
                step.id = uow.insert("goal_steps", dict(values, goal_id=goal.id))
            kept_steps.add(step.id)
        for (old_id,) in self._conn.execute(
            "SELECT id FROM goal_steps WHERE goal_id = ? AND deleted = 0", (goal.id,)
        ).fetchall():
            if old_id not in kept_steps:
                uow.delete("goal_steps", old_id)
        kept_helpers = set()
        for helper in goal.helpers:
            values = {
                "name": helper.name,
                "kind": HelperKind(helper.kind).value,
                "contact": helper.contact.strip(),
                "when_text": helper.when_text.strip(),
            }
            if helper.id:
                uow.update("goal_helpers", helper.id, values)
            else:
                helper.id = uow.insert("goal_helpers", dict(values, goal_id=goal.id))
            kept_helpers.add(helper.id)
        for (old_id,) in self._conn.execute(
            "SELECT id FROM goal_helpers WHERE goal_id = ? AND deleted = 0", (goal.id,)
        ).fetchall():
            if old_id not in kept_helpers:
                uow.delete("goal_helpers", old_id)
