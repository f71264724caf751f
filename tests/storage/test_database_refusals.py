"""Files the app must refuse to open, and leave exactly as they were."""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

import pytest

from linkworker_desktop.storage import database
from linkworker_desktop.storage.errors import (
    CaseloadMissing,
    NewerDatabase,
    NotADatabase,
    UnencryptedDatabase,
)
from linkworker_desktop.storage.migrations import latest_version


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes and mtime, and what else is in its folder (no -wal or -shm made)."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


@pytest.fixture
def data_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def caseload_file(tmp_path, data_key) -> Path:
    path = tmp_path / "caseload.db"
    database.connect(path, data_key, create=True).close()
    return path


def test_random_bytes_are_not_a_database_and_stay_as_they_were(tmp_path, data_key):
    path = tmp_path / "caseload.db"
    path.write_bytes(os.urandom(16 * 1024))
    before = snapshot(path)
    with pytest.raises(NotADatabase, match="nothing has been changed"):
        database.connect(path, data_key)
    assert snapshot(path) == before


def test_a_plain_sqlite_file_is_refused_and_stays_as_it_was(tmp_path, data_key):
    path = tmp_path / "caseload.db"
    plain = sqlite3.connect(path)
    plain.execute("CREATE TABLE patients (family_name TEXT)")
    plain.execute("INSERT INTO patients VALUES ('Testworth')")
    plain.commit()
    plain.close()
    before = snapshot(path)
    with pytest.raises(UnencryptedDatabase):
        database.connect(path, data_key)
    assert snapshot(path) == before


def test_the_wrong_key_opens_nothing_and_changes_nothing(caseload_file):
    before = snapshot(caseload_file)
    with pytest.raises(NotADatabase):
        database.connect(caseload_file, secrets.token_bytes(32))
    assert snapshot(caseload_file) == before


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_database_from_a_newer_app_is_refused_and_left_byte_for_byte(
    caseload_file, data_key, journal_mode
):
    conn = database.connect(caseload_file, data_key)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    before = snapshot(caseload_file)
    with pytest.raises(NewerDatabase) as caught:
        database.connect(caseload_file, data_key)
    assert (caught.value.found, caught.value.known) == (latest_version() + 1, latest_version())
    assert "newer version" in str(caught.value)
    assert snapshot(caseload_file) == before


def test_a_missing_file_is_not_made_unless_asked(tmp_path, data_key):
    path = tmp_path / "caseload.db"
    with pytest.raises(CaseloadMissing) as refused:
        database.connect(path, data_key)
    assert str(refused.value) == (
        f"The caseload file caseload.db is missing from {tmp_path}; restore it from a backup "
        "(the key file has not been touched)."
    )
    assert not path.exists()


def test_an_empty_file_is_not_a_database(tmp_path, data_key):
    path = tmp_path / "caseload.db"
    path.touch()
    with pytest.raises(NotADatabase):
        database.connect(path, data_key)
    assert path.read_bytes() == b""


def test_a_refused_open_writes_nothing_to_stderr(tmp_path, data_key, capfd):
    path = tmp_path / "caseload.db"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(NotADatabase):
        database.connect(path, data_key)
    assert capfd.readouterr().err == ""


def test_a_new_caseload_file_is_owner_only(tmp_path, data_key):
    path = tmp_path / "caseload.db"
    database.connect(path, data_key, create=True).close()
    assert path.stat().st_mode & 0o777 == 0o600
