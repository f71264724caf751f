"""``linkworker sync`` says when changes from the hub could not be applied, in JSON and in words."""

from __future__ import annotations

import json
from types import SimpleNamespace

from linkworker_desktop.services import profile
from tests.conftest import PASSPHRASE
from tests.support.refused_records import REASON, REFUSED, allow_again, refuse_referrals_from

STDIN = PASSPHRASE + "\n"


def _on_the_caseload(data_dir, change) -> None:
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        change(SimpleNamespace(profile=opened))
    finally:
        opened.close()


def test_sync_reports_a_change_it_could_not_apply_and_applies_it_later(cli, data_dir, org):
    worker_id = org.worker("Sam Patel", "North")
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    assert cli("enrol", "--hub", org.hub.url, "--code", org.code(worker_id), stdin=STDIN).code == 0
    _on_the_caseload(data_dir, lambda laptop: refuse_referrals_from(laptop, REFUSED))
    jo = org.laptop("North", "Jo Fielding")
    patient = jo.add_patient(given_name="Ann", family_name="Bee")
    refused = jo.add_referral(patient, referrer_name=REFUSED)
    jo.sync()

    synced = cli("sync", "--json", stdin=STDIN)
    assert (synced.code, synced.err) == (0, "")
    report = json.loads(synced.out)
    assert report["error"] is None
    assert report["set_aside"]["count"] == 1
    (held,) = report["set_aside"]["changes"]
    assert (held["entity"], held["entity_id"], held["description"], held["reason"]) == (
        "referrals",
        refused,
        "A referral of Ann Bee",
        REASON,
    )

    plain = cli("sync", stdin=STDIN)
    assert (plain.code, plain.err) == (0, "")
    assert plain.out.splitlines()[1:] == [
        "1 change from the hub could not be applied (kept here, tried again each round):",
        f"  A referral of Ann Bee: {REASON}",
    ]

    _on_the_caseload(data_dir, allow_again)
    cleared = cli("sync", "--json", stdin=STDIN)
    assert json.loads(cleared.out)["set_aside"] == {"count": 0, "changes": []}
    assert len(cli("sync", stdin=STDIN).out.splitlines()) == 1
