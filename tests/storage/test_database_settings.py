"""How every connection is set up: SQLCipher 4, WAL, foreign keys, the latest schema."""

from __future__ import annotations

import secrets

import pytest

from linkworker_desktop.storage import database
from linkworker_desktop.storage.migrations import current_version, latest_version


@pytest.fixture
def conn(tmp_path):
    connection = database.connect(tmp_path / "caseload.db", secrets.token_bytes(32), create=True)
    yield connection
    connection.close()


def test_it_is_sqlcipher_4(conn):
    version = conn.execute("PRAGMA cipher_version").fetchone()[0]
    assert version.split(".")[0] == "4"


def test_the_journal_is_write_ahead(conn):
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(conn):
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(database.IntegrityError):
        conn.execute(
            "INSERT INTO referrals (id, patient_id, referral_date, source, created_at,"
            " updated_at, author_id) VALUES ('r1', 'no-such-patient', '2025-01-01', 'gp',"
            " 'now', 'now', 'w1')"
        )


def test_a_new_database_is_at_the_latest_schema(conn):
    assert current_version(conn) == latest_version()
    assert latest_version() >= 2


def test_transactions_are_explicit(conn):
    assert conn.isolation_level is None
    assert not conn.in_transaction
