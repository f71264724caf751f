"""The Report as a whole: groups, the JSON shape, the footnotes and the drill-down lists."""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.choices import ReferralSource
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.reports import report_to_json
from linkworker_desktop.reports.period import Period
from tests.support.report_caseload import GENERATED_AT

SPRING = Period(date(2026, 4, 1), date(2026, 6, 30))


@pytest.fixture
def people(caseload):
    a = caseload.refer(date(2026, 4, 1))
    caseload.contact(a, date(2026, 4, 2))
    b = caseload.refer(date(2026, 4, 2), source=ReferralSource.SELF, practice="B86002")
    caseload.contact(b, date(2026, 4, 3), status="did_not_attend")
    c = caseload.refer(date(2026, 4, 3), practice="B86002")
    caseload.contact(c, date(2026, 4, 4))
    return {"a": a, "b": b, "c": c}


def test_groups_split_the_total_and_leave_it_whole(caseload, people):
    report = caseload.report(SPRING, by="practice")
    assert sorted(report.groups) == ["B86001", "B86002"]
    assert report.groups["B86001"]["referrals"]["received"] == 1
    assert report.groups["B86002"]["referrals"]["received"] == 2
    assert report.groups["B86002"]["contacts"]["dna_rate_pct"] == 50.0
    assert report.groups["B86001"]["contacts"]["dna_rate_pct"] == 0.0
    assert report.figures["contacts"]["dna_rate_pct"] == 33.3
    assert report.figures["referrals"]["received"] == 3


def test_one_worker_and_one_team_make_one_group_each(caseload, people):
    by_worker = caseload.report(SPRING, by="worker")
    assert list(by_worker.groups) == ["Sam Patel"]
    assert by_worker.groups["Sam Patel"] == by_worker.figures
    assert list(caseload.report(SPRING, by="team").groups) == ["North PCN"]


def test_an_unknown_grouping_is_refused(caseload):
    with pytest.raises(ValidationError, match="worker, team, practice, source"):
        caseload.report(SPRING, by="postcode")


def test_json_holds_the_figures_and_the_period_and_groups_only_when_asked(caseload, people):
    plain = report_to_json(caseload.report(SPRING))
    assert "groups" not in plain and "by" not in plain
    assert plain["period"] == {"from": "2026-04-01", "to": "2026-06-30"}
    assert plain["contacts"]["dna_rate_pct"] == 33.3
    grouped = report_to_json(caseload.report(SPRING, by="source"))
    assert set(grouped["groups"]) == {"gp", "self"}
    assert grouped["groups"]["self"]["contacts"]["did_not_attend"] == 1


def test_meta_names_the_service_period_and_every_definition(caseload, people):
    report = caseload.report(SPRING)
    assert report.meta["service"] == "Northfield Social Prescribing"
    assert report.meta["team"] == "North PCN"
    assert report.meta["generated_at"] == GENERATED_AT.isoformat(timespec="seconds")
    notes = report.meta["footnotes"]
    assert notes[0] == (
        "The period runs from 1 Apr 2026 to 30 Jun 2026 (both days included); every date in it"
        " counts."
    )
    assert "ONS4 anxiety runs the other way: a fall in anxiety is an improvement." in notes
    assert any("The target is 14 days" in note for note in notes)
    for word in ("Referrals received", "First contact", "Contacts", "Discharges", "Outcomes",
                 "Goals", "Connections", "Equity", "Satisfaction", "GP use", "Coding"):  # fmt: skip
        assert sum(note.startswith(word) for note in notes) == 1, word


def test_people_lists_name_the_patients_behind_each_figure(caseload, people):
    report = caseload.report(SPRING)
    assert report.people["contacts.did_not_attend"] == (people["b"][0],)
    assert report.people["referrals.by_source.self"] == (people["b"][0],)
    assert report.people["referrals.received"] == tuple(people[k][0] for k in "abc")
    # A figure of zero still has its (empty) list, so the screen can say "nobody".
    assert report.people["contacts.cancelled"] == ()
