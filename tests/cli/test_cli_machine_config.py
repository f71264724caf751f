"""The command line under the organisation's machine configuration: its hub, its demo switch."""

from __future__ import annotations

from linkworker_desktop.services import profile, sync_service
from tests.conftest import PASSPHRASE
from tests.support.machine_config import write_machine_config

STDIN = PASSPHRASE + "\n"


def test_enrol_needs_only_the_code_where_the_hub_is_set(cli, data_dir, org):
    write_machine_config(f'[organisation]\nhub_url = "{org.hub.url}"\n')
    worker_id = org.worker("Sam Patel", "North")
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    enrolled = cli("enrol", "--code", org.code(worker_id), stdin=STDIN)
    assert (enrolled.code, enrolled.err) == (0, "")
    assert enrolled.out == f"Enrolled with {org.name}, team North as Sam Patel.\n"
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        assert sync_service.status(opened).hub_url == org.hub.url
    finally:
        opened.close()


def test_another_hub_than_the_organisations_is_refused(cli):
    write_machine_config('[organisation]\nhub_url = "https://hub.riverside.example.nhs.uk"\n')
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    refused = cli(
        "enrol", "--hub", "https://hub.elsewhere.example", "--code", "ABCD-EFGH", stdin=STDIN
    )
    assert refused.code == 1
    assert refused.err == (
        "linkworker: This computer's hub is set by your organisation "
        "(https://hub.riverside.example.nhs.uk); enrol without --hub.\n"
    )
    same = cli(
        "enrol", "--hub", "https://hub.riverside.example.nhs.uk/", "--code", "x", stdin=STDIN
    )
    assert "whole code" in same.err  # the same hub, written with a slash, passes that check


def test_without_a_set_hub_the_address_is_asked_for(cli):
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    refused = cli("enrol", "--code", "ABCD-EFGH", stdin=STDIN)
    assert refused.code == 1
    assert refused.err == (
        "linkworker: Give the hub's address with --hub (like https://hub.example.nhs.uk).\n"
    )


def test_demo_data_turned_off_is_refused_and_nothing_added(cli, data_dir):
    write_machine_config("[locked]\noffer_demo_data = false\n")
    assert cli("init", "--worker", "Sam Patel", stdin=STDIN).code == 0
    refused = cli("demo-data", "--patients", "3", stdin=STDIN)
    assert refused.code == 1
    assert refused.err == (
        "linkworker: Your organisation has turned demo data off on this computer; "
        "nothing was added.\n"
    )
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        assert opened.conn.execute("SELECT count(*) FROM patients").fetchone()[0] == 0
    finally:
        opened.close()
