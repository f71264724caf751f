"""A laptop restored from an old backup syncs again without the hub skipping or losing anything.

Back up; change and sync on the old laptop; restore the old backup on a new one and enrol it
again; change more and sync. A colleague's laptop ends up with every change, each once.
"""

from __future__ import annotations

import json

from linkworker_desktop.services import backups, profile, sync_service
from tests.conftest import PASSPHRASE
from tests.support.laptop import Laptop


def live_patients(laptop: Laptop) -> dict[str, tuple[str, str]]:
    rows = laptop.profile.conn.execute(
        "SELECT id, given_name, family_name FROM patients WHERE deleted = 0"
    ).fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def test_changes_before_and_after_a_restore_all_reach_a_colleague(org, tmp_path):
    sam = org.laptop("North", "Sam")
    colleague = org.laptop("North", "Cleo")
    p1 = sam.add_patient(given_name="Ada", family_name="Before")
    p2 = sam.add_patient(given_name="Bram", family_name="Before")
    sam.add_referral(p1)
    sam.sync()
    p3 = sam.add_patient(given_name="Cleo", family_name="Queued")  # not yet on the hub
    assert sam.pending() == 1

    folder = tmp_path / "usb-stick"
    folder.mkdir()
    backup = backups.make_backup(sam.profile, folder)

    # The old laptop carries on after the backup, and syncs.
    p4 = sam.add_patient(given_name="Dev", family_name="AfterBackup")
    sam.edit("patients", p1, family_name="EditedAfterBackup")
    old_round = sam.sync()
    assert old_round.pushed == 3
    old_client = sam.client_id
    sam.close()  # the old laptop's disk fails

    restored = backups.restore_backup(
        backup.path, profile.ProfileFiles(tmp_path / "new-laptop"), PASSPHRASE
    )
    new = Laptop.from_profile(restored, "Sam (new laptop)")
    try:
        assert new.client_id != old_client
        assert new.pending() == 1  # the change the hub had not acknowledged at the backup
        assert sync_service.status(restored).enrolled is False
        new.enrol(org.hub.url, org.code(sam.enrolment.worker_id))
        assert new.worker_id == sam.enrolment.worker_id
        assert new.pending() == 1  # enrolling again does not resend the whole caseload

        p5 = new.add_patient(given_name="Esme", family_name="AfterRestore")
        new.edit("patients", p2, given_name="BramEditedAfterRestore")
        round_ = new.sync()
        assert round_.pushed == 3
        assert round_.rejected == []
        assert round_.conflicts == 0

        colleague.sync()
        expected = {
            p1: ("Ada", "EditedAfterBackup"),
            p2: ("BramEditedAfterRestore", "Before"),
            p3: ("Cleo", "Queued"),
            p4: ("Dev", "AfterBackup"),
            p5: ("Esme", "AfterRestore"),
        }
        assert live_patients(colleague) == expected
        new.sync()
        assert live_patients(new) == expected
        hub_rows = org.hub.rows("SELECT id, data FROM records WHERE entity = 'patients'")
        assert {row.id: json.loads(row.data)["family_name"] for row in hub_rows} == {
            pid: names[1] for pid, names in expected.items()
        }
        assert new.conflicts() == []
    finally:
        new.close()


def test_a_restored_copy_that_enrols_as_another_worker_sends_its_whole_caseload(org, tmp_path):
    """A backup made before the caseload ever enrolled: enrolling sends every record, as ever."""
    files = profile.ProfileFiles(tmp_path / "never-enrolled")
    opened, _ = profile.create_profile(files, PASSPHRASE, "Nia Offline", "Own team")
    first = Laptop.from_profile(opened, "Nia")
    pid = first.add_patient(given_name="Fern", family_name="Offline")
    folder = tmp_path / "backups"
    folder.mkdir()
    backup = backups.make_backup(opened, folder)
    first.close()

    restored = backups.restore_backup(backup.path, profile.ProfileFiles(tmp_path / "r"), PASSPHRASE)
    new = Laptop.from_profile(restored, "Nia (restored)")
    colleague = org.laptop("North", "Cleo")
    try:
        new.enrol(org.hub.url, org.code(org.worker("Nia Offline", "North")))
        assert new.pending() == 1  # the patient, queued afresh by enrolment (teams are the hub's)
        assert new.sync().pushed == 1
        colleague.sync()
        assert live_patients(colleague) == {pid: ("Fern", "Offline")}
    finally:
        new.close()
