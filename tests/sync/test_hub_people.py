"""Teams and workers added on the hub after a laptop enrolled reach it on its next sync."""

from __future__ import annotations

import json

import pytest

from linkworker_desktop.sync.protocol import Mutation, PushRequest


def _past_the_first_pull(*laptops):
    """Each laptop syncs after a patient reached the hub, so none pulls from cursor 0 again."""
    laptops[0].add_patient()
    for laptop in laptops:
        laptop.sync()
        assert laptop.cursor() > 0


@pytest.fixture
def enrolled(org):
    """A North laptop that has enrolled and synced, and is past its first pull."""
    laptop = org.laptop("North", "Asha")
    _past_the_first_pull(laptop)
    return laptop


def _push(laptop, *mutations):
    transport = laptop.transport()
    try:
        return transport.push(PushRequest(client_id=laptop.client_id, mutations=list(mutations)))
    finally:
        transport.close()


def _hub_record(hub, entity, record_id):
    rows = hub.rows(
        "SELECT data, version FROM records WHERE entity = :e AND id = :i", e=entity, i=record_id
    )
    return (json.loads(rows[0].data), rows[0].version) if rows else (None, None)


def test_a_team_and_worker_added_later_reach_the_laptop_on_its_next_sync(org, enrolled):
    cursor = enrolled.cursor()
    south = org.team("South")
    priya = org.worker("Priya", "South")
    result = enrolled.sync()
    assert not result.resynced
    assert result.pulled == 2
    assert enrolled.cursor() > cursor
    team = enrolled.record("teams", south)
    worker = enrolled.record("workers", priya)
    assert team is not None and team["name"] == "South" and team["deleted"] == 0
    assert worker is not None
    assert (worker["display_name"], worker["team_id"], worker["deleted"]) == ("Priya", south, 0)


def test_a_worker_added_to_the_laptops_own_team_arrives_with_that_team(org, enrolled):
    north = org.team("North")
    ben = org.worker("Ben", "North")
    enrolled.sync()
    worker = enrolled.record("workers", ben)
    assert (worker["display_name"], worker["team_id"]) == ("Ben", north)


def test_a_worker_with_no_team_arrives_with_no_team(org, enrolled):
    floater = org.worker("Dana")
    enrolled.sync()
    worker = enrolled.record("workers", floater)
    assert worker["display_name"] == "Dana"
    assert worker["team_id"] is None


def test_people_added_later_reach_every_laptop_once_and_a_second_sync_brings_nothing(org):
    north, south = org.laptop("North", "Asha"), org.laptop("South", "Cleo")
    _past_the_first_pull(north, south)
    east = org.team("East")
    eve = org.worker("Eve", "East")
    for laptop in (north, south):
        assert laptop.sync().pulled == 2
        assert laptop.record("teams", east)["name"] == "East"
        assert laptop.record("workers", eve)["team_id"] == east
        assert laptop.sync().pulled == 0


def test_a_laptop_enrolled_later_holds_the_teams_and_workers_from_before_and_after(org, enrolled):
    south = org.team("South")
    priya = org.worker("Priya", "South")
    late = org.laptop("North", "Late")
    west = org.team("West")
    wes = org.worker("Wes", "West")
    late.sync()
    assert {south, west, org.team("North")} <= late.ids("teams")
    assert {priya, wes, enrolled.worker_id, late.worker_id} <= late.ids("workers")
    assert late.record("workers", wes)["team_id"] == west


def test_another_organisations_new_team_and_worker_never_reach_this_laptop(make_org):
    riverside, hillside = make_org("Riverside PCN"), make_org("Hillside PCN")
    laptop = riverside.laptop("North", "Asha")
    _past_the_first_pull(laptop)
    their_team = hillside.team("South")
    their_worker = hillside.worker("Hana", "South")
    their_north = hillside.team("North")  # the same name as this laptop's team
    assert laptop.sync().pulled == 0
    for team in (their_team, their_north):
        assert team not in laptop.ids("teams", live_only=False)
    assert their_worker not in laptop.ids("workers", live_only=False)


@pytest.mark.parametrize(
    ("entity", "changes"),
    [("teams", {"name": "Renamed"}), ("workers", {"display_name": "Renamed"})],
)
def test_a_push_naming_a_team_or_worker_is_rejected(org, enrolled, hub, entity, changes):
    south = org.team("South")
    priya = org.worker("Priya", "South")
    record_id = south if entity == "teams" else priya
    colleague = org.laptop("South", "Cleo")
    _past_the_first_pull(colleague)
    before = _hub_record(hub, entity, record_id)
    response = _push(
        enrolled,
        Mutation(mutation_id=10_000, entity=entity, entity_id=record_id, op="put", changes=changes),
    )
    assert response.applied == 0
    assert [r.mutation_id for r in response.rejected] == [10_000]
    assert response.rejected[0].reason
    assert _hub_record(hub, entity, record_id) == before
    assert hub.rows("SELECT name FROM teams WHERE id = :i", i=south)[0].name == "South"
    assert hub.rows("SELECT name FROM workers WHERE id = :i", i=priya)[0].name == "Priya"
    refused = hub.rows("SELECT detail FROM hub_audit WHERE action = 'refused'")
    assert any(record_id in row.detail for row in refused)
    colleague.sync()
    assert colleague.record("teams", south)["name"] == "South"
    assert colleague.record("workers", priya)["display_name"] == "Priya"


def test_a_push_making_a_new_team_is_rejected(enrolled, hub):
    made_up = "01900000-0000-7000-8000-0000000000bb"
    response = _push(
        enrolled,
        Mutation(
            mutation_id=10_000, entity="teams", entity_id=made_up, op="put",
            changes={"name": "Shadow team"},
        ),
    )  # fmt: skip
    assert [r.mutation_id for r in response.rejected] == [10_000]
    assert hub.rows("SELECT id FROM records WHERE id = :i", i=made_up) == []
    assert hub.rows("SELECT id FROM teams WHERE id = :i", i=made_up) == []


def test_a_local_change_to_a_team_is_never_sent_to_the_hub(org, enrolled, hub):
    south = org.team("South")
    enrolled.sync()
    before = _hub_record(hub, "teams", south)
    enrolled.edit("teams", south, name="Renamed here")
    enrolled.sync()
    assert enrolled.pending() == 0
    assert _hub_record(hub, "teams", south) == before
    assert hub.rows("SELECT name FROM teams WHERE id = :i", i=south)[0].name == "South"
    other = org.laptop("North", "Ben")
    other.sync()
    assert other.record("teams", south)["name"] == "South"
