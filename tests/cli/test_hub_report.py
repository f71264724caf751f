"""``linkworker hub report``: the laptop's report code over the organisation's pushed records,
on a real hub (SQLite, and PostgreSQL where it is installed)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from linkworker_desktop.domain.choices import ReferralSource
from tests.support.pdf import text as pdf_text

FROM, TO = "2026-04-01", "2027-03-31"


@pytest.fixture
def two_teams(org):
    """North's laptop pushed two referrals in the year, South's one (and one the year before)."""
    north = org.laptop("North", "Asha Khan")
    south = org.laptop("South", "Ben Ode")
    people = []
    for laptop, day, source in (
        (north, date(2026, 5, 1), ReferralSource.GP),
        (north, date(2026, 5, 2), ReferralSource.GP),
        (south, date(2026, 5, 3), ReferralSource.SELF),
        (south, date(2026, 3, 31), ReferralSource.SELF),  # the day before the period
    ):
        patient = laptop.add_patient(given_name="Rhian", family_name=f"Powell{len(people)}")
        laptop.add_referral(patient, referral_date=day, source=source, referrer_name="Dr Kaur")
        people.append(laptop.record("patients", patient))
    for laptop in (north, south):
        laptop.sync()
    return people


def report(cli, hub, *more: str):
    return cli(
        "hub", "--database", hub.database_url, "report", "--org", "Riverside PCN",
        "--from", FROM, "--to", TO, *more,
    )  # fmt: skip


def test_one_report_holds_both_teams_pushed_records(cli, hub, two_teams):
    done = report(cli, hub, "--json")
    assert done.code == 0, done.err
    doc = json.loads(done.out)
    assert doc["referrals"]["received"] == 3
    assert doc["referrals"]["by_source"]["gp"] == 2
    assert doc["referrals"]["by_source"]["self"] == 1
    assert doc["period"] == {"from": FROM, "to": TO}
    assert doc["by"] == "team"
    assert {team: g["referrals"]["received"] for team, g in doc["groups"].items()} == {
        "North": 2,
        "South": 1,
    }


def test_team_gives_one_teams_figures_only(cli, hub, two_teams):
    done = report(cli, hub, "--team", "South", "--json")
    assert done.code == 0, done.err
    doc = json.loads(done.out)
    assert doc["referrals"]["received"] == 1
    assert doc["referrals"]["by_source"]["self"] == 1
    assert doc["referrals"]["by_source"]["gp"] == 0
    assert "groups" not in doc


def test_the_pdf_is_suppressed_and_names_nobody(cli, hub, two_teams, tmp_path):
    done = report(cli, hub, "--pdf", str(tmp_path / "riverside"))
    assert done.code == 0, done.err
    target = tmp_path / "riverside.pdf"
    assert done.out == f'Wrote {target}; counts from 1 to 7 are shown as "<8".\n'
    words = " ".join(pdf_text(target.read_bytes()).split())
    assert "Riverside PCN" in words and "Team: All teams" in words
    assert "Referrals received <8" in words
    assert "Period: 1 April 2026 to 31 March 2027, both days included" in words
    for person in two_teams:
        assert person["nhs_number"] not in words
        assert f"{person['given_name']} {person['family_name']}" not in words
        assert person["family_name"] not in words


def test_an_unknown_team_is_named_in_one_line(cli, hub, two_teams):
    done = report(cli, hub, "--team", "East", "--json")
    assert (done.code, done.out) == (1, "")
    assert done.err == "linkworker: The organisation has no team called 'East'.\n"
