"""``gp_use``: GP appointments in the 6 months before referral and the 6 months after discharge.

The two counts come from the practice at different times, so each referral keeps the latest
count of each kind (in the stable order); a pair counts when both are known and the count after
discharge was recorded in the period. The change is after minus before: fewer is a fall.
"""

from __future__ import annotations

from typing import Any

from linkworker_desktop.reports.model import People, ReportSettings, mean
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReportData, ResultRow

GP_APPOINTMENTS = "gp_appointments"
BEFORE = "before_referral"
AFTER = "after_discharge"


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    before: dict[str, int] = {}
    after: dict[str, tuple[int, ResultRow]] = {}
    for result in data.results:  # in the stable order: a later count replaces an earlier one
        if result.measure_id != GP_APPOINTMENTS or not result.referral_id:
            continue
        if isinstance(result.answers.get(BEFORE), int):
            before[result.referral_id] = result.answers[BEFORE]
        if isinstance(result.answers.get(AFTER), int):
            after[result.referral_id] = (result.answers[AFTER], result)
    changes = []
    people.touch("gp_use.pairs")
    for referral_id, (count, result) in after.items():
        if referral_id in before and result.day in period:
            changes.append(count - before[referral_id])
            people.add("gp_use.pairs", result.patient_id)
    return {"pairs": len(changes), "mean_change": mean(changes)}
