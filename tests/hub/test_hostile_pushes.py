"""One misbehaving device cannot stop its organisation's sync, nor touch another organisation.

A delete carrying values no laptop can hold, a mutation id that would make the hub skip every
later push, and ids taken from another organisation are each refused or kept apart.
"""

from __future__ import annotations

import httpx
import pytest

from tests.support.hand_pushes import Sender, hostile_delete, new_patient


def _hub_row(hub, org_id, entity, record_id):
    rows = hub.rows(
        "SELECT data, version, deleted FROM records WHERE org_id = :o AND entity = :e AND id = :i",
        o=org_id,
        e=entity,
        i=record_id,
    )
    return tuple(rows[0]) if rows else None


def test_a_hostile_delete_is_refused_and_colleagues_keep_syncing(org, hub):
    ben, rogue = org.laptop("North", "Ben"), org.laptop("North", "Rogue")
    pid = ben.add_patient(given_name="Ann")
    ben.sync()
    rogue.sync()
    before = _hub_row(hub, org.id, "patients", pid)
    sender = Sender(hub, rogue)
    delete = hostile_delete(20_000, ben.record("patients", pid))
    response = sender.push(delete)
    assert (response["applied"], [r["mutation_id"] for r in response["rejected"]]) == (0, [20_000])
    assert "author_id must be a single value" in response["rejected"][0]["reason"]
    assert _hub_row(hub, org.id, "patients", pid) == before
    org.revoke(rogue)
    result = ben.sync()
    assert (result.pulled, result.rejected) == (0, [])
    assert ben.record("patients", pid)["deleted"] == 0
    # A new patient still reaches a colleague.
    new = ben.add_patient(given_name="Bea")
    ben.sync()
    carl = org.laptop("North", "Carl")
    carl.sync()
    assert {pid, new} <= carl.ids("patients")


def test_a_plain_delete_keeps_when_the_record_was_made(org, hub):
    ben = org.laptop("North", "Ben")
    pid = ben.add_patient(given_name="Ann")
    ben.sync()
    made = ben.record("patients", pid)["created_at"]
    response = Sender(hub, ben).push(
        {
            "mutation_id": 20_000,
            "entity": "patients",
            "entity_id": pid,
            "op": "delete",
            "changes": {"created_at": "2001-01-01T00:00:00+00:00"},
            "base_versions": dict.fromkeys(ben.record("patients", pid), 2**40),
        }
    )
    assert (response["applied"], response["rejected"]) == (1, [])
    rows = hub.rows("SELECT data, deleted FROM records WHERE entity = 'patients'")
    assert [bool(r.deleted) for r in rows] == [True]
    assert '"created_at":"' + made + '"' in rows[0].data


@pytest.mark.parametrize(
    "mutation_id",
    [2**63 - 1, 2**53, -1, "7", 7.0],
    ids=["max", "past 2**53", "neg", "text", "float"],
)
def test_a_mutation_id_out_of_range_is_refused_and_later_pushes_still_apply(org, hub, mutation_id):
    ben, asha = org.laptop("North", "Ben"), org.laptop("North", "Asha")
    body = {
        "protocol": 1,
        "client_id": ben.client_id,
        "mutations": [
            {
                "mutation_id": mutation_id,
                "entity": "patients",
                "entity_id": "not-a-real-patient",
                "op": "delete",
            }
        ],
    }
    response = httpx.post(
        f"{hub.url}/v1/sync/push",
        json=body,
        headers={"Authorization": f"Bearer {ben.token}"},
        timeout=20,
    )
    assert response.status_code == 422
    assert "mutation_id" in response.json()["detail"]
    pid = ben.add_patient(given_name="Ann")
    assert ben.sync().rejected == []
    assert ben.pending() == 0
    asha.sync()
    assert pid in asha.ids("patients")


def test_another_organisations_id_is_neither_seen_nor_taken(make_org, hub):
    riverside, hillside = make_org("Riverside PCN"), make_org("Hillside PCN")
    ann_laptop = riverside.laptop("North", "Ann")
    pid = ann_laptop.add_patient(given_name="Ann")
    ann_laptop.sync()
    before = _hub_row(hub, riverside.id, "patients", pid)
    prober = Sender(hub, hillside.laptop("East", "Prober"))
    answers = []
    for record_id in (pid, "01900000-0000-7000-8000-00000000beef"):
        change = {**new_patient(prober.laptop), "given_name": "Squatter"}
        answers.append(prober.push(prober.put("patients", record_id, change)))
        answers.append(prober.push({**prober.put("patients", record_id, {}), "op": "delete"}))
    # The same answer for a taken id as for a fresh one: nothing is learnt.
    shapes = [(a["applied"], a["conflicts"], [r["reason"] for r in a["rejected"]]) for a in answers]
    assert shapes == [(1, 0, []), (1, 0, [])] * 2
    assert _hub_row(hub, hillside.id, "patients", pid)[2] in (1, True)
    assert _hub_row(hub, riverside.id, "patients", pid) == before
    ann_laptop.sync()
    assert ann_laptop.record("patients", pid)["given_name"] == "Ann"
