"""``connections``, ``equity`` and ``coding`` worked by hand (1 Apr – 30 Jun 2026).

Connections made in the period: six, to a walking group (Physical activity), a lunch club
(Loneliness and social; Food) and a drop-in with no category: referred / attended, accompanied
/ attending regularly, signposted / service full, referred / not suitable, referred / no
outcome yet, signposted to the drop-in / no outcome yet. One more on 31 Mar is outside.
-> total 6; by kind referred 3, signposted 2, accompanied 1; by category Physical activity 3,
Loneliness and social 2, Food 2, Not categorised 1; with an outcome 4 / 6 = 66.7%;
attended 2 / 6 = 33.3%; turned away full 1, closed 0, unsuitable 1.
"""

from __future__ import annotations

from datetime import date

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import Ethnicity, Gender
from linkworker_desktop.domain.directory import ConnectionKind as Kind
from linkworker_desktop.domain.directory import ConnectionOutcome as Outcome
from linkworker_desktop.reports.equity import age_band
from linkworker_desktop.reports.period import Period
from linkworker_desktop.services.coding import set_coded
from linkworker_desktop.services.imd import load_imd
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
    unsorted = caseload.service("Drop-in", [])
    c = caseload.refer(date(2026, 3, 22))
    caseload.connect(c, unsorted, date(2026, 6, 1), Kind.SIGNPOSTED)
    report = caseload.report(SPRING)
    assert report.figures["connections"] == {
        "total": 6,
        "by_kind": {"signposted": 2, "referred": 3, "accompanied": 1},
        "by_category": {
            "Food": 2,
            "Loneliness and social": 2,
            "Not categorised": 1,
            "Physical activity": 3,
        },
        "with_outcome_pct": 66.7,
        "attended_pct": 33.3,
        "turned_away": {"full": 1, "closed": 0, "unsuitable": 1},
    }
    assert report.people["connections.turned_away.full"] == (b[0],)
    assert report.people["connections.attended"] == (a[0],)
    assert report.people["connections.total"] == (a[0], b[0], c[0])
    assert report.people["connections.by_kind.signposted"] == (b[0], c[0])
    assert report.people["connections.by_category.Food"] == (b[0], a[0])  # by date
    assert report.people["connections.by_category.Not categorised"] == (c[0],)
    empty = caseload.report(Period(date(2025, 1, 1), date(2025, 1, 2)))
    assert empty.people["connections.total"] == ()
    assert empty.figures["connections"]["with_outcome_pct"] is None


def test_two_turned_away_by_one_full_service_count_two(caseload):
    full = caseload.service("Chair yoga", ["Physical activity"])
    for day in (1, 2):
        person = caseload.refer(date(2026, 3, day))
        caseload.connect(person, full, date(2026, 4, day), Kind.REFERRED, Outcome.SERVICE_FULL)
    turned_away = caseload.report(SPRING).figures["connections"]["turned_away"]
    assert turned_away == {"full": 2, "closed": 0, "unsuitable": 0}


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
    also = caseload.refer(date(2026, 6, 2))
    set_coded(open_profile, coded[1], date(2026, 4, 9))
    set_coded(open_profile, declined[1], date(2026, 4, 21), declined=True)

    report = caseload.report(SPRING)
    assert report.figures["coding"] == {
        "accepted": 4,
        "declined": 1,
        "confirmed_coded": 2,
        "to_code_count": 3,
    }
    lines = [
        (line.referral_id, line.code, line.date, line.coded, line.coded_on)
        for line in report.coding_lines
    ]
    assert lines == [
        (coded[1], "871731000000106", "2026-04-02", True, "2026-04-09"),
        (declined[1], "871711000000103", "2026-04-20", True, "2026-04-21"),
        (late[1], "871731000000106", "2026-06-01", False, None),
        (also[1], "871731000000106", "2026-06-02", False, None),
        (waiting[1], "871731000000106", "2026-06-30", False, None),
    ]
    assert report.coding_lines[1].patient_id == declined[0]
    assert report.people["coding.to_code"] == (late[0], also[0], waiting[0])
    assert report.people["coding.confirmed_coded"] == (coded[0], declined[0])
    empty = caseload.report(Period(date(2025, 1, 1), date(2025, 1, 2)))
    assert empty.people["coding.to_code"] == ()
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


def test_every_age_band_edge():
    edges = {
        0: "0-17", 17: "0-17", 18: "18-24", 24: "18-24", 25: "25-34", 34: "25-34",
        35: "35-44", 44: "35-44", 45: "45-54", 54: "45-54", 55: "55-64", 64: "55-64",
        65: "65-74", 74: "65-74", 75: "75-84", 84: "75-84", 85: "85+", 104: "85+",
    }  # fmt: skip
    assert {age: age_band(age) for age in edges} == edges


def test_deprivation_deciles_by_hand(caseload, open_profile, tmp_path):
    table = tmp_path / "imd.csv"
    table.write_text("postcode,decile\nLS1 4AP,3\nLS6 1AN,9\n", encoding="utf-8")
    load_imd(open_profile, table)
    first = caseload.refer(date(2026, 4, 1), postcode="LS1 4AP")
    second = caseload.refer(date(2026, 4, 2), postcode="LS1 4AP", gender=Gender.MALE)
    caseload.refer(date(2026, 4, 3), postcode="LS6 1AN")
    elsewhere = caseload.refer(date(2026, 4, 4), postcode="LS2 7EW")
    caseload.refer(date(2026, 7, 1), postcode="LS6 1AN")  # after the period
    report = caseload.report(SPRING)
    equity = report.figures["equity"]
    assert equity["imd_decile"] == {
        "1": 0, "2": 0, "3": 2, "4": 0, "5": 0, "6": 0, "7": 0, "8": 0, "9": 1, "10": 0,
        "unknown": 1,
    }  # fmt: skip
    assert report.people["equity.imd_decile.3"] == (first[0], second[0])
    assert report.people["equity.imd_decile.unknown"] == (elsewhere[0],)
    assert equity["age_band"]["65-74"] == 4  # all born in 1960
    assert report.people["equity.gender.male"] == (second[0],)
    assert report.people["equity.ethnicity.A"][:2] == (first[0], second[0])
    assert len(report.people["equity.age_band.65-74"]) == 4
