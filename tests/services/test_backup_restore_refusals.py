"""Restoring a bad backup says what is wrong in one sentence and changes nothing."""

from __future__ import annotations

import json
import random
import shutil
import zipfile
from datetime import UTC, datetime

import pytest

from linkworker_desktop.services import backups, profile
from linkworker_desktop.storage import backup_file, database
from linkworker_desktop.storage.keyfile import KeyFile
from linkworker_desktop.storage.migrations import latest_version
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.fixtures import make_fixture_databases as fixtures
from tests.services.backup_support import folder_state, write_backup_file

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture
def good(open_profile, tmp_path):
    """A good backup of the open caseload, made in its own folder."""
    folder = tmp_path / "backups"
    folder.mkdir()
    return backups.make_backup(open_profile, folder, NOW).path


@pytest.fixture
def target(tmp_path):
    """A laptop that already holds a caseload of its own, which a failed restore must not touch."""
    files = profile.ProfileFiles(tmp_path / "laptop" / "profile")
    opened, _ = profile.create_profile(
        files, "this laptop's own passphrase", "Jo Other", kdf=FAST_KDF
    )
    opened.close()
    return files


def refused(path, files, secret=PASSPHRASE, **options) -> str:
    before = folder_state(files.folder)
    with pytest.raises(backups.BackupError) as raised:
        backups.restore_backup(path, files, secret, **options)
    assert folder_state(files.folder) == before
    assert backups.kept_aside(files) == []
    text = str(raised.value)
    assert "\n" not in text and text.endswith(".")
    return text


def data_offset(path, name: str) -> int:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    with open(path, "rb") as fh:
        fh.seek(info.header_offset + 26)
        name_length = int.from_bytes(fh.read(2), "little")
        extra_length = int.from_bytes(fh.read(2), "little")
    return info.header_offset + 30 + name_length + extra_length


def flip(path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x10
    path.write_bytes(bytes(data))


def test_a_truncated_backup(good, target):
    data = good.read_bytes()
    for keep in (len(data) // 2, len(data) - 10, 100):
        cut = good.with_name(f"cut-{keep}.lwbackup")
        cut.write_bytes(data[:keep])
        assert refused(cut, target) == (
            f"The file {cut} is not a complete Linkworker backup (it may have been cut short), "
            "so nothing was restored."
        )


@pytest.mark.parametrize("part", ["manifest.json", "caseload.db", "caseload.keys"])
def test_a_flipped_byte_in_any_part(good, target, part):
    offset = data_offset(good, part) + (4096 + 17 if part == "caseload.db" else 20)
    flip(good, offset)
    assert refused(good, target) == (
        f"The file {good} is damaged (a part does not match its checksum), so nothing was restored."
    )


def test_a_part_rewritten_with_a_good_crc_is_caught_by_its_checksum(good, target, tmp_path):
    forged = tmp_path / "forged.lwbackup"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(forged, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "caseload.db":
                data = data[:5000] + bytes([data[5000] ^ 1]) + data[5001:]
            out.writestr(name, data)
    assert refused(forged, target) == (
        f"The file {forged} is damaged (its caseload.db does not match its checksum), so "
        "nothing was restored."
    )


@pytest.mark.parametrize("kind", ["pdf", "random", "other zip", "empty", "folder", "missing"])
def test_the_wrong_kind_of_file(target, tmp_path, kind):
    path = tmp_path / f"not-a-backup-{kind.replace(' ', '-')}"
    if kind == "pdf":
        path.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    elif kind == "random":
        path.write_bytes(random.Random(3).randbytes(5000))
    elif kind == "other zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("holiday.jpg", b"not really a photo")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    says = {
        "folder": "a folder, not a backup file",
        "missing": "not there",
    }.get(kind, "not a Linkworker backup")
    assert refused(path, target) == f"The file {path} is {says}, so nothing was restored."


def test_another_caseloads_backup_with_the_wrong_passphrase(good, target):
    text = refused(good, target, "this laptop's own passphrase")
    assert text == (
        f"That passphrase does not open the backup {good.name}: use the passphrase the caseload "
        "had when it was made (04 Mar 2026), and nothing was restored."
    )
    assert refused(good, target, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", recovery=True) == (
        f"That recovery key does not open the backup {good.name}: use the recovery key the "
        "caseload had when it was made (04 Mar 2026), and nothing was restored."
    )


def test_a_weak_new_passphrase_is_refused_before_anything(good, target):
    with pytest.raises(profile.StorageError, match="10 characters"):
        backups.restore_backup(good, target, PASSPHRASE, new_passphrase="short")
    assert backups.kept_aside(target) == []


def _hand_made(tmp_path, version: int, schema: int):
    """A backup around the stored caseload of ``version``, keyed as the fixtures are."""
    database = tmp_path / f"v{version}.db"
    shutil.copyfile(fixtures.fixture_path(version), database)
    keyfile = KeyFile(tmp_path / "fixture.keys", "f" * 32, [])
    keyfile.set_passphrase(fixtures.FIXTURE_KEY, PASSPHRASE, FAST_KDF)
    keys = json.dumps(keyfile.document()).encode()
    return write_backup_file(
        tmp_path / f"caseload-v{version}.lwbackup",
        database,
        keys,
        fixtures.FIXTURE_KEY,
        "2024-06-03T09:15:00+00:00",
        schema,
    )


def test_a_backup_from_an_older_version_is_upgraded_after_restoring(tmp_path):
    path = _hand_made(tmp_path, 9, 9)
    files = profile.ProfileFiles(tmp_path / "restored")
    restored = backups.restore_backup(path, files, PASSPHRASE)
    try:
        conn = restored.conn
        assert conn.execute("PRAGMA user_version").fetchone() == (latest_version(),)
        names = {r[0] for r in conn.execute("SELECT given_name FROM patients")}
        assert names == {"Ada", "Bram", "Cleo"}
        assert restored.actor.client_id != fixtures.CLIENT_ID
    finally:
        restored.close()


def test_a_backup_from_a_newer_version_is_refused(open_profile, target, tmp_path):
    newer = tmp_path / "newer.db"
    backup_file.snapshot(open_profile.conn, open_profile.data_key, newer)
    conn = database.sqlcipher.connect(str(newer), isolation_level=None)
    conn.executescript(database.key_pragma(open_profile.data_key))
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    path = write_backup_file(
        tmp_path / "newer.lwbackup",
        newer,
        open_profile.files.keys.read_bytes(),
        open_profile.data_key,
        "2027-01-01T10:00:00+00:00",
        latest_version() + 1,
    )
    with pytest.raises(backups.NewerBackup):
        backups.restore_backup(path, target, PASSPHRASE)
    assert refused(path, target) == (
        f"The backup {path} was made by a newer version of Linkworker Desktop (schema "
        f"{latest_version() + 1}; this app knows up to {latest_version()}): update the app to "
        "restore it, and nothing was restored."
    )
