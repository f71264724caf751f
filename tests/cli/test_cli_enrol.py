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
