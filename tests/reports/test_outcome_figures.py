"""``outcomes``, ``goals``, ``satisfaction`` and ``gp_use`` worked by hand (1 Apr – 30 Jun 2026).

ONS4 (life, worthwhile, happiness, anxiety):
    A  baseline 1 Apr (3 4 5 8), follow-up 23:30 on 30 Jun, the last day (6 6 7 4):
       +3 +2 +2 -4
    B  baseline 5 Apr, review 1 May, follow-up 00:30 on 1 Jul: the last result is after the
       period, so no pair (though it is still 30 Jun in UTC)
    C  two results in the same millisecond, (2 2 2 9) recorded first, then (4 5 6 7):
       +2 +3 +4 -2
    D  one result only; E a complete baseline and an incomplete follow-up: no pairs
    -> 2 pairs; mean change 2.50, 2.50, 3.00, -3.00 (anxiety falls as people improve)
UCLA-3: F baseline 9, follow-up 4 -> 1 pair, mean change -5.00.
Goals, referrals closed in the period: A (rated 2 then 7: +5; another goal rated once) and C
(rated 6 then 2 in the same millisecond: -4); E closed with no goal; D closed after the period.
-> 2 referrals, mean change 0.50.
"""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.reports.period import Period
from tests.support.report_caseload import london, ons4

SPRING = Period(date(2026, 4, 1), date(2026, 6, 30))
SAME_MS = london(date(2026, 5, 10), 10, 0, 123)


@pytest.fixture
def people(caseload):
    a = caseload.refer(date(2026, 4, 1))
    caseload.measure(a, "ons4", ons4(3, 4, 5, 8), london(date(2026, 4, 1)), "baseline")
    caseload.measure(a, "ons4", ons4(6, 6, 7, 4), london(date(2026, 6, 30), 23, 30))
    b = caseload.refer(date(2026, 4, 2))
    caseload.measure(b, "ons4", ons4(5, 5, 5, 5), london(date(2026, 4, 5)), "baseline")
    caseload.measure(b, "ons4", ons4(6, 6, 6, 6), london(date(2026, 5, 1)))
    caseload.measure(b, "ons4", ons4(9, 9, 9, 9), london(date(2026, 7, 1), 0, 30))
    c = caseload.refer(date(2026, 4, 3))
    caseload.measure(c, "ons4", ons4(2, 2, 2, 9), SAME_MS, "baseline")
    caseload.measure(c, "ons4", ons4(4, 5, 6, 7), SAME_MS)
    d = caseload.refer(date(2026, 4, 4))
    caseload.measure(d, "ons4", ons4(1, 1, 1, 1), london(date(2026, 5, 1)), "baseline")
    e = caseload.refer(date(2026, 4, 5))
    caseload.measure(e, "ons4", ons4(1, 1, 1, 1), london(date(2026, 4, 6)), "baseline")
    incomplete = {**ons4(9, 9, 9, 9), "anxiety": None}
    caseload.measure(e, "ons4", incomplete, london(date(2026, 6, 1)))
    f = caseload.refer(date(2026, 4, 6))
    loneliest = {"companionship": 3, "left_out": 3, "isolated": 3}
    caseload.measure(f, "ucla3", loneliest, london(date(2026, 4, 7)), "baseline")
    better = {"companionship": 1, "left_out": 2, "isolated": 1}
    caseload.measure(f, "ucla3", better, london(date(2026, 6, 7)))

    caseload.goal(a, [(london(date(2026, 4, 1)), 2), (london(date(2026, 6, 1)), 7)])
    caseload.goal(a, [(london(date(2026, 4, 1)), 4)])
    caseload.goal(c, [(SAME_MS, 6), (SAME_MS, 2)])
    caseload.goal(d, [(london(date(2026, 4, 5)), 1), (london(date(2026, 6, 5)), 9)])
    caseload.discharge(a, date(2026, 6, 30), DischargeReason.GOALS_MET)
    caseload.discharge(c, date(2026, 5, 15), DischargeReason.GOALS_MET)
    caseload.discharge(d, date(2026, 7, 2), DischargeReason.GOALS_MET)
    caseload.discharge(e, date(2026, 6, 1), DischargeReason.MOVED_AWAY)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def test_ons4_pairs_by_hand(caseload, people):
    report = caseload.report(SPRING)
    assert report.figures["outcomes"]["ons4"] == {
        "pairs": 2,
        "mean_change": {
            "life_satisfaction": 2.5,
            "worthwhile": 2.5,
            "happiness": 3.0,
            "anxiety": -3.0,
        },
    }
    assert set(report.people["outcomes.ons4.pairs"]) == {people["a"][0], people["c"][0]}


def test_ucla3_and_a_measure_with_no_pairs(caseload, people):
    outcomes = caseload.report(SPRING).figures["outcomes"]
    assert outcomes["ucla3"] == {"pairs": 1, "mean_change": {"total": -5.0}}
    assert outcomes["swemwbs"] == {"pairs": 0, "mean_change": {"metric": None}}


def test_a_follow_up_the_day_after_counts_in_the_next_period(caseload, people):
    july = caseload.report(Period(date(2026, 7, 1), date(2026, 7, 31)))
    assert july.figures["outcomes"]["ons4"]["pairs"] == 1
    assert july.figures["outcomes"]["ons4"]["mean_change"]["anxiety"] == 4.0
    assert july.people["outcomes.ons4.pairs"] == (people["b"][0],)


def test_goals_by_hand(caseload, people):
    report = caseload.report(SPRING)
    assert report.figures["goals"] == {"referrals": 2, "mean_change": 0.5}
    assert set(report.people["goals.referrals"]) == {people["a"][0], people["c"][0]}


def test_satisfaction_by_hand(caseload):
    answers = [1, 2, 2, 4, 6]
    for number, answer in enumerate(answers, start=1):
        person = caseload.refer(date(2026, 4, number))
        caseload.measure(person, "fft", {"experience": answer}, london(date(2026, 5, number)))
    late = caseload.refer(date(2026, 4, 20))
    caseload.measure(late, "fft", {"experience": 1}, london(date(2026, 7, 1), 0, 30))
    blank = caseload.refer(date(2026, 4, 21))
    caseload.measure(blank, "fft", {"experience": None}, london(date(2026, 5, 21)))
    figures = caseload.report(SPRING).figures["satisfaction"]
    assert figures == {
        "responses": 5,
        "good_pct": 60.0,
        "by_answer": {
            "very_good": 1,
            "good": 2,
            "neither": 0,
            "poor": 1,
            "very_poor": 0,
            "dont_know": 1,
        },
    }


def test_gp_use_pairs_the_latest_count_of_each_kind(caseload):
    a = caseload.refer(date(2026, 1, 5))
    caseload.measure(
        a, "gp_appointments", {"before_referral": 8, "after_discharge": None},
        london(date(2026, 1, 6)),
    )  # fmt: skip
    caseload.measure(
        a, "gp_appointments", {"before_referral": None, "after_discharge": 3},
        london(date(2026, 6, 20)),
    )  # fmt: skip
    c = caseload.refer(date(2026, 1, 6))
    caseload.measure(
        c, "gp_appointments", {"before_referral": 4, "after_discharge": 6},
        london(date(2026, 5, 20)),
    )  # fmt: skip
    d = caseload.refer(date(2026, 1, 7))
    caseload.measure(
        d, "gp_appointments", {"before_referral": 5, "after_discharge": None},
        london(date(2026, 5, 20)),
    )  # fmt: skip
    b = caseload.refer(date(2026, 1, 8))
    caseload.measure(
        b, "gp_appointments", {"before_referral": 10, "after_discharge": 2},
        london(date(2026, 7, 5)),
    )  # fmt: skip
    report = caseload.report(SPRING)
    assert report.figures["gp_use"] == {"pairs": 2, "mean_change": -1.5}
    assert set(report.people["gp_use.pairs"]) == {a[0], c[0]}


def test_no_results_means_no_pairs_and_no_means(caseload):
    report = caseload.report(SPRING)
    assert report.figures["outcomes"]["ons4"]["pairs"] == 0
    assert set(report.figures["outcomes"]["ons4"]["mean_change"].values()) == {None}
    assert report.figures["goals"] == {"referrals": 0, "mean_change": None}
    assert report.figures["satisfaction"]["good_pct"] is None
    assert report.figures["gp_use"] == {"pairs": 0, "mean_change": None}
