"""A token of organisation A never receives B's patients, whatever the request says."""

from __future__ import annotations

import json

import httpx
import pytest

from linkworker_desktop.sync.protocol import Mutation, PushRequest


@pytest.fixture
def two_orgs(make_org):
    a_org, b_org = make_org("Riverside PCN"), make_org("Hillside PCN")
    a, b = a_org.laptop("North"), b_org.laptop("North")  # same team name, different orgs
    b_patient = b.add_patient(given_name="Bea", family_name="Hillside")
    b.sync()
    a_patient = a.add_patient(given_name="Ann", family_name="Riverside")
    a.sync()
    return a, b, a_patient, b_patient


def _audit(hub, action):
    return [r.detail for r in hub.rows(
        "SELECT detail FROM hub_audit WHERE action = :a ORDER BY id", a=action)]  # fmt: skip


def test_a_full_pull_holds_only_the_organisations_own_records(two_orgs, hub):
    a, b, a_patient, b_patient = two_orgs
    a.sync()
    assert a.ids("patients") == {a_patient}
    assert b_patient not in a.ids("patients", live_only=False)
    everything = httpx.get(
        f"{hub.url}/v1/sync/pull",
        params={"cursor": 0, "limit": 1000},
        headers={"Authorization": f"Bearer {a.token}"},
        timeout=10,
    ).json()
    ids = {change["entity_id"] for change in everything["changes"]}
    # (a's own patient is not echoed back to it; its organisation's teams and workers are.)
    hub_a_ids = {r.id for r in hub.rows("SELECT id FROM records WHERE org_id = "
                 "(SELECT org_id FROM records WHERE id = :i)", i=a_patient)}  # fmt: skip
    assert ids and ids <= hub_a_ids and b_patient not in ids
    hub_b_ids = {r.id for r in hub.rows("SELECT id FROM records WHERE org_id <> "
                 "(SELECT org_id FROM records WHERE id = :i)", i=a_patient)}  # fmt: skip
    assert b_patient in hub_b_ids and not ids & hub_b_ids
    b_workers = {r.id for r in hub.rows("SELECT id FROM workers WHERE id = :i", i=b.worker_id)}
    assert not ids & b_workers


@pytest.mark.parametrize(
    "changes",
    [{"phone": "01632 960099"}, {"deleted": 1}],
    ids=["edit", "delete"],
)
def test_a_push_naming_another_organisations_record_learns_nothing_and_changes_nothing(
    two_orgs, hub, changes
):
    """Records are keyed per organisation: another's id is answered as an id never seen."""
    a, b, _a_patient, b_patient = two_orgs
    before = hub.rows("SELECT data, version FROM records WHERE id = :i", i=b_patient)
    op = "delete" if "deleted" in changes else "put"
    transport = a.transport()
    answers = [
        transport.push(
            PushRequest(
                client_id=a.client_id,
                mutations=[
                    Mutation(
                        mutation_id=mutation_id,
                        entity="patients",
                        entity_id=record_id,
                        op=op,
                        changes=changes,
                    )
                ],
            )
        )  # fmt: skip
        for mutation_id, record_id in ((10_000, b_patient), (10_001, "never-seen-before"))
    ]
    transport.close()
    taken, fresh = (
        (r.applied, r.skipped, r.conflicts, [x.reason for x in r.rejected]) for r in answers
    )
    assert taken == fresh
    assert hub.rows("SELECT data, version FROM records WHERE id = :i", i=b_patient) == before
    b.sync()
    assert b.record("patients", b_patient)["deleted"] == 0
    assert b.record("patients", b_patient)["phone"] != "01632 960099"


def test_a_child_record_under_another_organisations_patient_is_refused(two_orgs, hub):
    a, _b, _a_patient, b_patient = two_orgs
    transport = a.transport()
    response = transport.push(
        PushRequest(
            client_id=a.client_id,
            mutations=[
                Mutation(mutation_id=10_000, entity="referrals",
                         entity_id="01900000-0000-7000-8000-0000000000aa",
                         op="put", changes={"patient_id": b_patient, "source": "gp"})
            ],
        )
    )  # fmt: skip
    transport.close()
    assert [r.mutation_id for r in response.rejected] == [10_000]
    assert hub.rows("SELECT id FROM records WHERE entity = 'referrals' AND id = :i",
                    i="01900000-0000-7000-8000-0000000000aa") == []  # fmt: skip
    assert any("referrals" in detail for detail in _audit(hub, "refused"))


def test_a_patient_moved_into_another_organisations_team_is_refused(two_orgs, hub):
    a, b, a_patient, _b_patient = two_orgs
    transport = a.transport()
    response = transport.push(
        PushRequest(
            client_id=a.client_id,
            mutations=[
                Mutation(mutation_id=10_000, entity="patients", entity_id=a_patient,
                         op="put", changes={"team_id": b.enrolment.team_id})
            ],
        )
    )  # fmt: skip
    transport.close()
    assert "another organisation" in response.rejected[0].reason
    data = json.loads(hub.rows("SELECT data FROM records WHERE id = :i", i=a_patient)[0].data)
    assert data["team_id"] == a.enrolment.team_id
    b.sync()
    assert a_patient not in b.ids("patients", live_only=False)


def test_every_push_and_pull_is_audited(two_orgs, hub):
    a, *_ = two_orgs
    rows = hub.rows("SELECT action, device_id FROM hub_audit WHERE device_id = :d",
                    d=a.enrolment.device_id)  # fmt: skip
    assert [r.action for r in rows].count("push") == 1
    assert [r.action for r in rows].count("pull") >= 1


def test_a_refused_mutation_leaves_no_conflict_behind(make_org, hub):
    riverside, hillside = make_org("Riverside PCN"), make_org("Hillside PCN")
    a, colleague = riverside.laptop("North"), riverside.laptop("North")
    other = hillside.laptop("North")
    pid = a.add_patient(phone="01632 960001")
    a.sync()
    colleague.sync()
    colleague.edit("patients", pid, phone="01632 960002")
    colleague.sync()
    versions_before = {r.id: r.version for r in hub.rows("SELECT id, version FROM records")}
    transport = a.transport()
    response = transport.push(
        PushRequest(
            client_id=a.client_id,
            mutations=[
                Mutation(mutation_id=10_000, entity="patients", entity_id=pid, op="put",
                         changes={"phone": "01632 960003", "team_id": other.enrolment.team_id},
                         base_versions={"phone": 1, "team_id": 1})
            ],
        )
    )  # fmt: skip
    transport.close()
    assert response.conflicts == 0 and len(response.rejected) == 1
    assert hub.rows("SELECT id FROM records WHERE entity = 'conflicts'") == []
    assert {r.id: r.version for r in hub.rows("SELECT id, version FROM records")} == (
        versions_before
    )
