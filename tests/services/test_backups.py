"""A backup is one checked file, as protected as the caseload, that restores row for row."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime

import pytest

from linkworker_desktop import __version__
from linkworker_desktop.services import backups, profile
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage import os_keyring
from linkworker_desktop.storage.keyfile import KeyFile
from linkworker_desktop.storage.migrations import latest_version
from linkworker_desktop.sync import state
from tests.conftest import PASSPHRASE
from tests.services.backup_support import rows_by_table, with_patients
from tests.support.factories import make_patient

NOW = datetime(2026, 3, 4, 9, 30, 15, tzinfo=UTC)
NEW_PASSPHRASE = "a brand new passphrase for later"


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "usb-stick"
    made.mkdir()
    return made


@pytest.fixture
def restored_files(tmp_path):
    return profile.ProfileFiles(tmp_path / "new-laptop")


def test_a_backup_is_one_owner_only_file_with_a_manifest(open_profile, folder):
    with_patients(open_profile, 12)
    info = backups.make_backup(open_profile, folder, NOW)
    assert info.path == folder / "caseload-2026-03-04-0930.lwbackup"
    assert sorted(p.name for p in folder.iterdir()) == ["caseload-2026-03-04-0930.lwbackup"]
    assert info.path.stat().st_mode & 0o777 == 0o600
    assert info.made_at == NOW
    assert info.app_version == __version__
    assert info.schema_version == latest_version()
    assert info.worker_name == "Sam Patel"
    assert info.counts["patients"] == 12
    assert info.counts["referrals"] == 12
    with zipfile.ZipFile(info.path) as archive:
        assert sorted(archive.namelist()) == ["caseload.db", "caseload.keys", "manifest.json"]
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["counts"] == info.counts
    assert manifest["made_at"] == "2026-03-04T09:30:15+00:00"
    assert backups.read_backup_info(info.path) == info
    assert backups.last_good_backup(open_profile) == info


def test_nothing_inside_a_backup_is_readable_without_a_key(open_profile, folder):
    CaseloadService(open_profile).add_patient(
        make_patient(given_name="Zebedee", family_name="Quillfeather")
    )
    info = backups.make_backup(open_profile, folder, NOW)
    whole = info.path.read_bytes()
    assert b"Quillfeather" not in whole
    assert b"SQLite format 3" not in whole
    assert open_profile.data_key not in whole
    with zipfile.ZipFile(info.path) as archive:
        keys = json.loads(archive.read("caseload.keys"))
    assert keys["format"] == "linkworker-keyfile"
    assert keys["key_id"] == open_profile.keyfile.key_id


def test_a_200_patient_caseload_restores_equal_row_by_row(open_profile, folder, restored_files):
    with_patients(open_profile, 200)
    before = rows_by_table(open_profile.conn)
    info = backups.make_backup(open_profile, folder, NOW)
    restored = backups.restore_backup(info.path, restored_files, PASSPHRASE)
    try:
        after = rows_by_table(restored.conn)
        assert sorted(after) == sorted(before)
        assert len(after["patients"]) == 200
        changed = {"profile", "settings", "sync_state", "outbox"}
        for table in before:
            if table not in changed:
                assert after[table] == before[table], table
        assert info.counts == {table: len(rows) for table, rows in before.items()}
    finally:
        restored.close()


def test_a_backup_is_taken_while_the_caseload_is_open_and_still_writing(open_profile, folder):
    service = CaseloadService(open_profile)
    service.add_patient(make_patient())
    info = backups.make_backup(open_profile, folder, NOW)
    service.add_patient(make_patient())
    assert info.counts["patients"] == 1
    assert open_profile.conn.execute("SELECT COUNT(*) FROM patients").fetchone() == (2,)


def test_restoring_keeps_the_caseload_that_was_there_aside_unchanged(
    open_profile, profile_files, folder
):
    with_patients(open_profile, 5)
    info = backups.make_backup(open_profile, folder, NOW)
    CaseloadService(open_profile).add_patient(make_patient(family_name="Afterwards"))
    open_profile.close()
    before = {p.name: p.read_bytes() for p in profile_files.folder.iterdir()}
    restored = backups.restore_backup(info.path, profile_files, PASSPHRASE)
    try:
        assert restored.conn.execute("SELECT COUNT(*) FROM patients").fetchone() == (5,)
    finally:
        restored.close()
    (aside,) = backups.kept_aside(profile_files)
    assert aside.name.startswith("profile.before-restore-")
    assert {p.name: p.read_bytes() for p in aside.iterdir()} == before
    kept = profile.unlock(profile.ProfileFiles(aside), PASSPHRASE)
    try:
        assert kept.conn.execute("SELECT COUNT(*) FROM patients").fetchone() == (6,)
    finally:
        kept.close()


def test_the_recovery_key_of_the_backups_time_opens_it_and_sets_a_new_passphrase(
    created, folder, restored_files
):
    opened, recovery = created
    info = backups.make_backup(opened, folder, NOW)
    restored = backups.restore_backup(
        info.path, restored_files, recovery, recovery=True, new_passphrase=NEW_PASSPHRASE
    )
    data_key = restored.data_key
    restored.close()
    assert data_key == opened.data_key
    keyfile = KeyFile.load(restored_files.keys)
    assert keyfile.open_with_passphrase(NEW_PASSPHRASE) == data_key
    assert keyfile.open_with_passphrase(PASSPHRASE) is None
    assert keyfile.open_with_recovery(recovery) == data_key
    assert json.loads(restored_files.keys_copy.read_text()) == keyfile.document()


def test_a_passphrase_changed_since_does_not_open_an_older_backup(open_profile, folder, tmp_path):
    info = backups.make_backup(open_profile, folder, NOW)
    profile.change_passphrase(open_profile, PASSPHRASE, NEW_PASSPHRASE)
    target = profile.ProfileFiles(tmp_path / "elsewhere")
    with pytest.raises(backups.BackupError) as refused:
        backups.restore_backup(info.path, target, NEW_PASSPHRASE)
    assert str(refused.value) == (
        "That passphrase does not open the backup caseload-2026-03-04-0930.lwbackup: use the "
        "passphrase the caseload had when it was made (04 Mar 2026), and nothing was restored."
    )
    assert not target.folder.exists()
    backups.restore_backup(info.path, target, PASSPHRASE).close()


def test_a_restored_caseload_is_a_new_client_without_keyring_slot_or_enrolment(
    open_profile, folder, restored_files, memory_keyring
):
    profile.enable_keyring(open_profile)
    conn = open_profile.conn
    conn.execute("BEGIN")
    for key, value in (
        ("hub_url", "https://hub.example.nhs.uk"),
        ("device_id", "device-1"),
        ("token", "a-device-token"),
        ("token_store", "caseload"),
        ("cursor", "41"),
    ):
        state.put(conn, key, value)
    conn.execute("COMMIT")
    pid = CaseloadService(open_profile).add_patient(make_patient())
    queued = conn.execute("SELECT mutation_id, entity_id FROM outbox").fetchall()
    assert len(queued) >= 2
    info = backups.make_backup(open_profile, folder, NOW)
    restored = backups.restore_backup(info.path, restored_files, PASSPHRASE)
    try:
        new_client = restored.actor.client_id
        assert new_client != open_profile.actor.client_id
        assert restored.actor.worker_id == open_profile.actor.worker_id
        rconn = restored.conn
        assert rconn.execute("SELECT mutation_id, entity_id FROM outbox").fetchall() == queued
        assert pid in {row[1] for row in queued}
        assert {r[0] for r in rconn.execute("SELECT client_id FROM outbox")} == {new_client}
        for key in ("hub_url", "device_id", "token", "token_store"):
            assert state.get(rconn, key) == "", key
        assert state.get(rconn, "cursor") == "41"
        # Everything up to the backup's cursor counts as seen, so the new client id does not
        # turn the laptop's own earlier writes into conflicts.
        bases = [json.loads(r[0]) for r in rconn.execute("SELECT base_versions FROM outbox")]
        assert bases and all(b and set(b.values()) == {41} for b in bases)
        (versions,) = rconn.execute("SELECT versions FROM patients WHERE id = ?", (pid,)).fetchone()
        assert json.loads(versions)["given_name"] == 41
        assert state.get(rconn, "restored_hub") == "https://hub.example.nhs.uk"
        assert state.get(rconn, "restored_from") == "2026-03-04T09:30:15+00:00"
        assert not restored.keyfile.has_slot("keyring")
    finally:
        restored.close()
    assert not KeyFile.load(restored_files.keys).has_slot("keyring")
    assert profile.unlock_with_keyring(restored_files) is None
    assert len(memory_keyring.secrets) == 1  # the old account's secret is not carried or moved
    assert os_keyring.load_secret(open_profile.keyfile.key_id) is not None
