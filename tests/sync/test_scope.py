"""A worker receives their team's patients (and those assigned to them), and no others."""

from __future__ import annotations

import json
from datetime import date

import pytest

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.sync.protocol import Mutation, PushRequest


@pytest.fixture
def teams(org):
    """North: Asha and Ben. South: Cleo. Everyone has pulled the organisation once."""
    asha, ben, cleo = (
        org.laptop("North", "Asha"),
        org.laptop("North", "Ben"),
        org.laptop("South", "Cleo"),
    )
    for laptop in (asha, ben, cleo):
        laptop.sync()
    return asha, ben, cleo


def _add_with_referral(laptop):
    pid = laptop.add_patient()
    rid = CaseloadService(laptop.profile).add_referral(
        Referral(
            patient_id=pid,
            referral_date=date(2026, 1, 5),
            source=ReferralSource.SELF,
            reasons=[ReferralReason.LONELINESS],
        )
    )
    return pid, rid


def test_a_team_receives_only_its_own_patients(teams):
    asha, ben, cleo = teams
    north_pid, north_rid = _add_with_referral(asha)
    south_pid, south_rid = _add_with_referral(cleo)
    for laptop in (asha, cleo, ben):
        laptop.sync()
    assert ben.ids("patients") == {north_pid}
    assert ben.ids("referrals") == {north_rid}
    assert cleo.ids("patients") == {south_pid}
    assert cleo.ids("referrals") == {south_rid}
    assert north_pid not in cleo.ids("patients", live_only=False)


def test_an_edit_to_another_teams_patient_is_refused(teams, hub):
    asha, _ben, cleo = teams
    south_pid = cleo.add_patient(town="Hull")
    cleo.sync()
    transport = asha.transport()
    response = transport.push(PushRequest(client_id=asha.client_id, mutations=[
        Mutation(mutation_id=9_000, entity="patients", entity_id=south_pid, op="put",
                 changes={"town": "Leeds"})]))  # fmt: skip
    transport.close()
    assert "outside this worker's caseload" in response.rejected[0].reason
    data = json.loads(hub.rows("SELECT data FROM records WHERE id = :i", i=south_pid)[0].data)
    assert data["town"] == "Hull"


def test_a_patient_moved_to_another_team_leaves_the_old_teams_laptops(org, teams):
    asha, ben, cleo = teams
    pid, rid = _add_with_referral(asha)
    asha.sync()
    ben.sync()
    assert pid in ben.ids("patients") and rid in ben.ids("referrals")
    asha.edit("patients", pid, team_id=org.teams["South"], owner_worker_id=cleo.worker_id)
    assert asha.sync().removed >= 1
    ben_round = ben.sync()
    assert ben_round.removed >= 2
    cleo.sync()
    for gone_from in (asha, ben):
        assert pid not in gone_from.ids("patients", live_only=False)
        assert rid not in gone_from.ids("referrals", live_only=False)
    assert pid in cleo.ids("patients") and rid in cleo.ids("referrals")
    assert cleo.record("patients", pid)["owner_worker_id"] == cleo.worker_id


def test_a_patient_assigned_to_a_worker_reaches_them_outside_their_team(org, teams):
    asha, ben, cleo = teams
    pid = asha.add_patient()
    asha.edit("patients", pid, owner_worker_id=cleo.worker_id)  # North's patient, Cleo's case
    asha.sync()
    cleo.sync()
    ben.sync()
    assert pid in cleo.ids("patients")
    assert pid in ben.ids("patients")


def test_workers_without_a_team_see_only_the_patients_assigned_to_them(org):
    xavi, yan = org.laptop(None, "Xavi"), org.laptop(None, "Yan")
    xavi_pid = xavi.add_patient()
    yan_pid = yan.add_patient()
    xavi.sync()
    yan.sync()
    xavi.sync()
    assert xavi.ids("patients") == {xavi_pid}
    assert yan.ids("patients") == {yan_pid}
