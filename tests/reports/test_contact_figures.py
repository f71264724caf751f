"""``first_contact``, ``contacts`` and ``discharges`` worked by hand on one small caseload.

Target 14 days, period 1 April to 30 June 2026:

    A  referred 1 Apr: attended 15 Apr (14 days) and 20 Apr; discharged 30 Jun, goals met
    B  referred 10 Apr: attended 8 Apr (before the referral: no wait), missed 12 Apr,
       attended 25 Apr (15 days); discharged 1 Jul (after the period)
    C  referred 1 May: attended 4 May by telephone (3 days), cancelled 5 May; discharged
       10 May to another service
    D  referred 30 Jun (the last day): attended 2 Jul, after the period: not yet seen
    E  referred 1 Jun: attended 23:00 on 30 Jun (in the period: 29 days) and 00:30 on 1 Jul
       (after it, though still 30 Jun in UTC)
    F  referred 20 Mar (before the period): attended 2 Apr

First contact: seen A 14, B 15, C 3, E 29 -> median 14.5; within 14 days A and C -> 50.0%;
not yet seen D -> 1. Contacts in the period: attended A2 B2 C1 E1 F1 = 7, missed 1,
cancelled 1; by mode 6 surgery, 1 telephone; DNA rate 1 / 8 = 12.5%. Discharges: A and C,
attended sessions 2 and 1 -> mean 1.50.
"""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.reports.period import Period

SPRING = Period(date(2026, 4, 1), date(2026, 6, 30))


@pytest.fixture
def people(caseload):
    a = caseload.refer(date(2026, 4, 1))
    caseload.contact(a, date(2026, 4, 15))
    caseload.contact(a, date(2026, 4, 20))
    b = caseload.refer(date(2026, 4, 10))
    caseload.contact(b, date(2026, 4, 8))
    caseload.contact(b, date(2026, 4, 12), status="did_not_attend")
    caseload.contact(b, date(2026, 4, 25))
    c = caseload.refer(date(2026, 5, 1))
    caseload.contact(c, date(2026, 5, 4), mode="telephone")
    caseload.contact(c, date(2026, 5, 5), status="cancelled")
    d = caseload.refer(date(2026, 6, 30))
    caseload.contact(d, date(2026, 7, 2))
    e = caseload.refer(date(2026, 6, 1))
    caseload.contact(e, date(2026, 6, 30), hour=23)
    caseload.contact(e, date(2026, 7, 1), hour=0)
    f = caseload.refer(date(2026, 3, 20))
    caseload.contact(f, date(2026, 4, 2))
    caseload.discharge(a, date(2026, 6, 30), DischargeReason.GOALS_MET)
    caseload.discharge(b, date(2026, 7, 1), DischargeReason.GOALS_MET)
    caseload.discharge(c, date(2026, 5, 10), DischargeReason.OTHER_SERVICE)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def test_first_contact_by_hand(caseload, people):
    report = caseload.report(SPRING)
    assert report.figures["first_contact"] == {
        "seen": 4,
        "median_days": 14.5,
        "within_target_pct": 50.0,
        "target_days": 14,
        "not_yet_seen": 1,
    }
    assert report.people["first_contact.not_yet_seen"] == (people["d"][0],)
    assert set(report.people["first_contact.within_target"]) == {
        people["a"][0],
        people["c"][0],
    }


def test_the_target_is_the_services_setting(caseload, people):
    figures = caseload.report(SPRING, target_days=15).figures["first_contact"]
    assert (figures["within_target_pct"], figures["target_days"]) == (75.0, 15)


def test_a_contact_before_the_referral_is_not_its_first_contact(caseload):
    early = caseload.refer(date(2026, 4, 10))
    caseload.contact(early, date(2026, 4, 9))
    figures = caseload.report(SPRING).figures
    assert figures["first_contact"]["seen"] == 0
    assert figures["first_contact"]["median_days"] is None
    assert figures["first_contact"]["within_target_pct"] is None
    assert figures["first_contact"]["not_yet_seen"] == 1
    assert figures["contacts"]["attended"] == 1  # still a contact dated in the period


def test_contacts_by_hand(caseload, people):
    report = caseload.report(SPRING)
    figures = report.figures["contacts"]
    assert {k: figures[k] for k in ("attended", "did_not_attend", "cancelled")} == {
        "attended": 7,
        "did_not_attend": 1,
        "cancelled": 1,
    }
    assert figures["by_mode"] == {
        "surgery": 6,
        "home_visit": 0,
        "telephone": 1,
        "video": 0,
        "community_venue": 0,
    }
    assert figures["dna_rate_pct"] == 12.5
    assert report.people["contacts.did_not_attend"] == (people["b"][0],)
    assert report.people["contacts.cancelled"] == (people["c"][0],)


def test_discharges_by_hand(caseload, people):
    report = caseload.report(SPRING)
    figures = report.figures["discharges"]
    assert figures["total"] == 2
    assert {k: v for k, v in figures["by_reason"].items() if v} == {
        "goals_met": 1,
        "other_service": 1,
    }
    assert figures["mean_contacts"] == 1.5
    assert set(report.people["discharges.total"]) == {people["a"][0], people["c"][0]}


def test_an_empty_period_divides_nothing(caseload, people):
    report = caseload.report(Period(date(2025, 1, 1), date(2025, 1, 31)))
    assert report.figures["contacts"]["dna_rate_pct"] is None
    assert report.figures["discharges"] == {
        "total": 0,
        "by_reason": dict.fromkeys(report.figures["discharges"]["by_reason"], 0),
        "mean_contacts": None,
    }
    assert report.figures["first_contact"]["median_days"] is None
    assert report.people["contacts.attended"] == ()
