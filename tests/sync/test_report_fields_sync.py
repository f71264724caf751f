"""What the reports lean on travels between laptops: the order numbers and the coded tick.

Two goal ratings and two ONS4 results made in the same millisecond reach a colleague with their
sequence, so both laptops agree which is first and which is last; the coded tick goes too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.reports import Period, ReportSettings, build_report
from linkworker_desktop.services import goals as goals_module
from linkworker_desktop.services import measures as measures_module
from linkworker_desktop.services.coding import set_coded
from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.services.library import shipped_measures
from linkworker_desktop.services.measures import MeasureService

SAME_MS = "2026-05-04T09:00:00.250+00:00"
MAY = Period(date(2026, 5, 1), date(2026, 5, 31))


def ons4(value: int) -> dict[str, int | None]:
    return dict.fromkeys(("life_satisfaction", "worthwhile", "happiness", "anxiety"), value)


def figures(laptop):
    settings = ReportSettings(zone=LONDON, measures=shipped_measures())
    made = datetime(2026, 11, 30, tzinfo=UTC)
    return build_report(laptop.profile.conn, MAY, settings=settings, generated_at=made).figures


@pytest.fixture
def pair(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    a.sync()
    b.sync()
    return a, b


def test_sequences_and_the_coded_tick_round_trip(pair, monkeypatch):
    asha, ben = pair
    monkeypatch.setattr(goals_module, "utc_now", lambda: SAME_MS)
    monkeypatch.setattr(measures_module, "utc_now", lambda: SAME_MS)
    patient_id = asha.add_patient()
    referral_id = asha.add_referral(patient_id, referral_date=date(2026, 5, 1))
    goals = GoalService(asha.profile)
    goal_id = goals.add(patient_id, "Swim on Saturdays", referral_id)
    goals.rate(goal_id, 6)
    goals.rate(goal_id, 2)
    measures = MeasureService(asha.profile)
    measures.record(patient_id, "ons4", ons4(3), "baseline", referral_id)
    measures.record(patient_id, "ons4", ons4(8), "review", referral_id)
    set_coded(asha.profile, referral_id, date(2026, 5, 2), today=date(2026, 11, 30))
    pushed = asha.sync()
    assert (pushed.error, pushed.rejected) == ("", [])
    pulled = ben.sync()
    assert (pulled.error, pulled.rejected) == ("", [])

    ratings = ben.profile.conn.execute(
        "SELECT rating, sequence FROM goal_progress WHERE goal_id = ? ORDER BY sequence",
        (goal_id,),
    ).fetchall()
    assert ratings == [(6, 1), (2, 2)]
    results = ben.profile.conn.execute(
        "SELECT timepoint, sequence FROM measure_results WHERE patient_id = ? ORDER BY sequence",
        (patient_id,),
    ).fetchall()
    assert results == [("baseline", 1), ("review", 2)]
    assert ben.record("referrals", referral_id)["coded_on"] == "2026-05-02"
    on_ben = figures(ben)
    assert on_ben["outcomes"]["ons4"]["mean_change"]["anxiety"] == 5.0
    assert on_ben["coding"]["confirmed_coded"] == 1
    assert on_ben["outcomes"] == figures(asha)["outcomes"]
