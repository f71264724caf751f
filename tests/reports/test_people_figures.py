"""``connections``, ``equity`` and ``coding`` worked by hand (1 Apr – 30 Jun 2026).

Connections made in the period: five, to a walking group (Physical activity) and a lunch club
(Loneliness and social; Food): referred / attended, accompanied / attending regularly,
signposted / service full, referred / not suitable, referred / no outcome yet. One more on
31 Mar is outside. -> total 5; by kind referred 3, accompanied 1, signposted 1; by category
Physical activity 3, Loneliness and social 2, Food 2; with an outcome 4 / 5 = 80.0%;
attended 2 / 5 = 40.0%; turned away full 1, closed 0, unsuitable 1.
"""

from __future__ import annotations

from datetime import date

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import Ethnicity, Gender
from linkworker_desktop.domain.directory import ConnectionKind as Kind
from linkworker_desktop.domain.directory import ConnectionOutcome as Outcome
from linkworker_desktop.reports.period import Period
from linkworker_desktop.services.coding import set_coded
from linkworker_desktop.storage.records import fetch_dicts

SPRING = Period(date(2026, 4, 1), date(2026, 6, 30))


def test_connections_by_hand(caseload):
    walking = caseload.service("Riverside walking group", ["Physical activity"])
    lunch = caseload.service("St Anne's lunch club", ["Loneliness and social", "Food"])
    a = caseload.refer(date(2026, 3, 20))
    b = caseload.refer(date(2026, 3, 21))
    caseload.connect(a, walking, date(2026, 4, 1), Kind.REFERRED, Outcome.ATTENDED)
    caseload.connect(a, lunch, date(2026, 6, 30), Kind.ACCOMPANIED, Outcome.ATTENDING_REGULARLY)
    caseload.connect(b, lunch, date(2026, 5, 1), Kind.SIGNPOSTED, Outcome.SERVICE_FULL)
    caseload.connect(b, walking, date(2026, 5, 2), Kind.REFERRED, Outcome.NOT_SUITABLE)
    caseload.connect(b, walking, date(2026, 5, 3), Kind.REFERRED)
    caseload.connect(b, walking, date(2026, 3, 31), Kind.REFERRED, Outcome.ATTENDED)
    report = caseload.report(SPRING)
    assert report.figures["connections"] == {
        "total": 5,
        "by_kind": {"signposted": 1, "referred": 3, "accompanied": 1},
        "by_category": {"Food": 2, "Loneliness and social": 2, "Physical activity": 3},
        "with_outcome_pct": 80.0,
        "attended_pct": 40.0,
        "turned_away": {"full": 1, "closed": 0, "unsuitable": 1},
    }
    assert report.people["connections.turned_away.full"] == (b[0],)
    assert report.people["connections.attended"] == (a[0],)


def test_equity_by_hand(caseload):
    # Ages on the referral date: 17 (the day before 18), 18 (the birthday), 34, 35, 84, 85.
    caseload.refer(date(2026, 5, 10), born=date(2008, 5, 11), gender=Gender.MALE)
    caseload.refer(date(2026, 5, 10), born=date(2008, 5, 10), ethnicity=Ethnicity.N)
    caseload.refer(date(2026, 5, 10), born=date(1991, 6, 1), ethnicity=Ethnicity.N)
    caseload.refer(date(2026, 5, 10), born=date(1991, 5, 10), gender=Gender.NON_BINARY)
    caseload.refer(date(2026, 5, 10), born=date(1941, 5, 11), ethnicity=Ethnicity.Z)
    caseload.refer(date(2026, 5, 10), born=date(1941, 5, 10), gender=Gender.NOT_STATED)
    caseload.refer(date(2026, 3, 31), born=date(1950, 1, 1))  # before the period
    figures = caseload.report(SPRING).figures["equity"]
    assert figures["age_band"] == {
        "0-17": 1,
        "18-24": 1,
        "25-34": 1,
        "35-44": 1,
        "45-54": 0,
        "55-64": 0,
        "65-74": 0,
        "75-84": 1,
        "85+": 1,
    }
    assert {k: v for k, v in figures["gender"].items() if v} == {
        "female": 3,
        "male": 1,
        "non_binary": 1,
        "not_stated": 1,
    }
    assert {k: v for k, v in figures["ethnicity"].items() if v} == {"A": 3, "N": 2, "Z": 1}
    assert figures["imd_decile"] is None


def test_coding_lines_by_hand(caseload, open_profile):
    coded = caseload.refer(date(2026, 4, 2))
    waiting = caseload.refer(date(2026, 6, 30))
    declined = caseload.refer(date(2026, 3, 15))  # accepted before the period
    caseload.discharge(declined, date(2026, 4, 20), DischargeReason.DECLINED_FURTHER)
    late = caseload.refer(date(2026, 6, 1))
    caseload.discharge(late, date(2026, 7, 2), DischargeReason.DECLINED_FURTHER)
    set_coded(open_profile, coded[1], date(2026, 4, 9))
    set_coded(open_profile, declined[1], date(2026, 4, 21), declined=True)

    report = caseload.report(SPRING)
    assert report.figures["coding"] == {
        "accepted": 3,
        "declined": 1,
        "confirmed_coded": 2,
        "to_code_count": 2,
    }
    lines = [
        (line.referral_id, line.code, line.date, line.coded, line.coded_on)
        for line in report.coding_lines
    ]
    assert lines == [
        (coded[1], "871731000000106", "2026-04-02", True, "2026-04-09"),
        (declined[1], "871711000000103", "2026-04-20", True, "2026-04-21"),
        (late[1], "871731000000106", "2026-06-01", False, None),
        (waiting[1], "871731000000106", "2026-06-30", False, None),
    ]
    assert set(report.people["coding.to_code"]) == {late[0], waiting[0]}
    assert [line.term for line in report.coding_lines][:2] == [
        "Referral to social prescribing service",
        "Social prescribing declined",
    ]
    # The tick is a change like any other: audited and queued to sync.
    queued = fetch_dicts(
        open_profile.conn,
        "SELECT changes FROM outbox WHERE entity = 'referrals' AND entity_id = ?"
        " ORDER BY mutation_id DESC LIMIT 1",
        (coded[1],),
    )
    assert '"coded_on": "2026-04-09"' in queued[0]["changes"]
