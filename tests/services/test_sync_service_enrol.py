"""Enrolment of a caseload set up without a team: the worker's team arrives with the enrolment."""

from __future__ import annotations

import pytest

from tests.support.laptop import Laptop


@pytest.fixture
def teamless_laptop(tmp_path):
    laptop = Laptop(tmp_path / "teamless", "Jo Fielding", team_name="")
    yield laptop
    laptop.close()


def test_a_caseload_made_without_a_team_takes_the_hubs_team_on_enrolment(org, teamless_laptop):
    worker_id = org.worker("Jo Fielding", "North")
    before = teamless_laptop.add_patient(given_name="Before", family_name="Enrolment")
    teamless_laptop.enrol(org.hub.url, org.code(worker_id))

    after = teamless_laptop.add_patient(given_name="After", family_name="Enrolment")

    north = org.teams["North"]
    assert teamless_laptop.record("teams", north)["name"] == "North"
    assert teamless_laptop.record("workers", worker_id)["team_id"] == north
    assert teamless_laptop.record("patients", before)["team_id"] == north
    assert teamless_laptop.record("patients", after)["team_id"] == north
    assert teamless_laptop.profile.team_name == "North"
    assert teamless_laptop.profile.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    result = teamless_laptop.sync()
    assert result.error == "" and result.rejected == []
    stored = org.hub.rows(
        "SELECT id, team_id, owner_id FROM records WHERE entity = 'patients' ORDER BY id"
    )
    assert sorted(tuple(r) for r in stored) == sorted(
        [(before, north, worker_id), (after, north, worker_id)]
    )


def test_a_hub_worker_with_no_team_leaves_the_laptops_team_as_it_was(org, tmp_path):
    laptop = Laptop(tmp_path / "own-team", "Ben Ode", team_name="Laptop team")
    try:
        worker_id = org.worker("Ben Ode", None)
        laptop.enrol(org.hub.url, org.code(worker_id))
        patient = laptop.add_patient()
        assert laptop.record("patients", patient)["team_id"] is None
        assert laptop.profile.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert laptop.sync().error == ""
    finally:
        laptop.close()
