"""``referrals``: received in the period (both ends included), by source, reason and practice."""

from __future__ import annotations

from datetime import date

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.reports.period import Period

SPRING = Period(date(2026, 4, 1), date(2026, 6, 30))
R = ReferralReason


def test_an_empty_period_has_zero_counts_and_no_practices(caseload):
    caseload.refer(date(2026, 3, 31))
    figures = caseload.report(SPRING).figures["referrals"]
    assert figures["received"] == 0
    assert set(figures["by_source"].values()) == {0}
    assert len(figures["by_source"]) == len(ReferralSource)
    assert figures["by_practice"] == {}
    assert (figures["declined"], figures["did_not_engage"]) == (0, 0)


def test_hand_worked_referrals(caseload):
    first_day = caseload.refer(date(2026, 4, 1), reasons=(R.LONELINESS, R.LOW_MOOD))
    last_day = caseload.refer(
        date(2026, 6, 30), source=ReferralSource.SELF, practice="B86002", reasons=(R.HOUSING,)
    )
    caseload.refer(date(2026, 3, 31))  # the day before
    caseload.refer(date(2026, 7, 1))  # the day after
    declined = caseload.refer(date(2026, 5, 10), source=ReferralSource.NURSE)
    lost = caseload.refer(date(2026, 5, 11), practice="B86002", reasons=(R.DEBT_AND_MONEY,))
    caseload.discharge(declined, date(2026, 5, 20), DischargeReason.DECLINED_FURTHER)
    caseload.discharge(lost, date(2026, 7, 15), DischargeReason.DID_NOT_ENGAGE)

    report = caseload.report(SPRING)
    figures = report.figures["referrals"]
    assert figures["received"] == 4
    assert {k: v for k, v in figures["by_source"].items() if v} == {"gp": 2, "self": 1, "nurse": 1}
    assert {k: v for k, v in figures["by_reason"].items() if v} == {
        "loneliness": 2,
        "low_mood": 1,
        "housing": 1,
        "debt_and_money": 1,
    }
    assert figures["by_practice"] == {"B86001": 2, "B86002": 2}
    assert (figures["declined"], figures["did_not_engage"]) == (1, 1)
    assert set(report.people["referrals.received"]) == {
        first_day[0],
        last_day[0],
        declined[0],
        lost[0],
    }
    assert set(report.people["referrals.by_source.gp"]) == {first_day[0], lost[0]}
    assert report.people["referrals.by_practice.B86002"] == (lost[0], last_day[0])
    assert report.people["referrals.declined"] == (declined[0],)
    assert report.people["referrals.did_not_engage"] == (lost[0],)


def test_a_period_of_one_day_with_one_referral(caseload):
    only = caseload.refer(date(2026, 4, 1))
    caseload.refer(date(2026, 4, 2))
    report = caseload.report(Period(date(2026, 4, 1), date(2026, 4, 1)))
    assert report.figures["referrals"]["received"] == 1
    assert report.figures["referrals"]["by_practice"] == {"B86001": 1}
    assert report.people["referrals.received"] == (only[0],)
