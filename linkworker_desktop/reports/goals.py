"""``goals``: referrals discharged in the period with a goal, and how their ratings moved.

A goal's change is its last 0–10 rating minus its first, in the stable order (time, then
sequence, then id); a goal rated once has no change yet and is left out of the mean.
"""

from __future__ import annotations

from typing import Any

from linkworker_desktop.reports.discharges import discharged
from linkworker_desktop.reports.model import People, ReportSettings, mean
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import RatingRow, ReportData


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    closed = {r.id: r for r in discharged(data, period)}
    by_goal: dict[str, list[RatingRow]] = {}
    for rating in data.ratings:  # already in the stable order
        if rating.referral_id in closed:
            by_goal.setdefault(rating.goal_id, []).append(rating)
    with_goal = sorted({goal.referral_id for goal in data.goals if goal.referral_id in closed})
    people.touch("goals.referrals")
    for referral_id in with_goal:
        people.add("goals.referrals", closed[referral_id].patient_id)
    changes = [r[-1].rating - r[0].rating for r in by_goal.values() if len(r) > 1]
    return {"referrals": len(with_goal), "mean_change": mean(changes)}
