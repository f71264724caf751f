"""``linkworker init`` without a team, then ``enrol``: new patients work before the first sync."""

from __future__ import annotations

from linkworker_desktop.services import profile
from tests.conftest import PASSPHRASE

STDIN = PASSPHRASE + "\n"


def test_a_caseload_set_up_without_a_team_adds_patients_after_enrolment(cli, data_dir, org):
    worker_id = org.worker("Sam Patel", "North")
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0

    enrolled = cli("enrol", "--hub", org.hub.url, "--code", org.code(worker_id), stdin=STDIN)
    assert enrolled.code == 0, enrolled.err
    assert enrolled.out == f"Enrolled with {org.name}, team North as Sam Patel.\n"

    added = cli("demo-data", "--patients", "3", stdin=STDIN)
    assert (added.code, added.err) == (0, "")
    assert added.out.startswith("Added 3 synthetic patients")

    synced = cli("sync", "--json", stdin=STDIN)
    assert (synced.code, synced.err) == (0, "")
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        local = {r[0] for r in opened.conn.execute("SELECT id FROM patients")}
    finally:
        opened.close()
    assert len(local) == 3
    stored = org.hub.rows("SELECT id, team_id, owner_id FROM records WHERE entity = 'patients'")
    assert {tuple(r) for r in stored} == {(pid, org.teams["North"], worker_id) for pid in local}


def test_enrolling_over_plain_http_to_another_computer_is_refused_in_one_line(cli, data_dir):
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    hub = "http://192.0.2.10:8765"
    refused = cli("enrol", "--hub", hub, "--code", "ABCD-EFGH-JKLM", stdin=STDIN)
    assert refused.code == 1
    assert refused.err == (
        f"linkworker: The hub address {hub} uses plain http:// to another computer, so records "
        "would cross the network unencrypted. Use the hub's https:// address (on a test network "
        "only, enrol with --insecure).\n"
    )
    not_enrolled = cli("sync", stdin=STDIN)
    assert not_enrolled.code == 1
    assert "not enrolled with a hub yet" in not_enrolled.err


def test_insecure_at_enrolment_is_remembered_for_every_round(cli, data_dir, org):
    from linkworker_desktop.services import sync_service

    worker_id = org.worker("Sam Patel", "North")
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    enrolled = cli(
        "enrol", "--hub", org.hub.url, "--code", org.code(worker_id), "--insecure", stdin=STDIN
    )
    assert enrolled.code == 0, enrolled.err
    assert cli("sync", stdin=STDIN).code == 0
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        assert sync_service.target_for(opened).insecure is True
    finally:
        opened.close()
