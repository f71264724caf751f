"""``outcomes``: per measure, the change from each referral's first result to its last.

The first complete result is the baseline and the last the follow-up, in the stable order (time,
then sequence, then id); a pair counts when the follow-up comes after the baseline in that order
and is dated in the period.
"""

from __future__ import annotations

from typing import Any

from linkworker_desktop.reports.model import People, ReportSettings, mean
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReportData, ResultRow

OUTCOME_MEASURES = ("ons4", "ucla3", "swemwbs")


def pairs(data: ReportData, period: Period, measure_id: str) -> list[tuple[ResultRow, ResultRow]]:
    """(baseline, follow-up) for each referral whose follow-up is dated in the period."""
    by_referral: dict[str, list[ResultRow]] = {}
    for result in data.results:  # already in the stable order
        if result.measure_id == measure_id and result.complete and result.referral_id:
            by_referral.setdefault(result.referral_id, []).append(result)
    found = []
    for results in by_referral.values():
        baseline, follow_up = results[0], results[-1]
        if follow_up.order > baseline.order and follow_up.day in period:
            found.append((baseline, follow_up))
    return found


def _score_ids(settings: ReportSettings, measure_id: str, found: list) -> list[str]:
    measure = settings.measures.get(measure_id)
    if measure is not None:
        return [rule.id for rule in measure.scores]
    return sorted({key for _, after in found for key in after.scores})


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for measure_id in OUTCOME_MEASURES:
        found = pairs(data, period, measure_id)
        people.touch(f"outcomes.{measure_id}.pairs")
        for _, follow_up in found:
            people.add(f"outcomes.{measure_id}.pairs", follow_up.patient_id)
        result[measure_id] = {
            "pairs": len(found),
            "mean_change": {
                score_id: mean(
                    after.scores[score_id] - before.scores[score_id]
                    for before, after in found
                    if score_id in before.scores and score_id in after.scores
                )
                for score_id in _score_ids(settings, measure_id, found)
            },
        }
    return result
