"""How migrations run: in order, each in one transaction, never past what the app knows."""

from __future__ import annotations

import secrets
import shutil

import pytest

from linkworker_desktop.paths import migrations_dir
from linkworker_desktop.storage import database
from linkworker_desktop.storage.errors import MigrationFailed, NewerDatabase
from linkworker_desktop.storage.migrations import (
    available,
    current_version,
    latest_version,
    migrate,
)
from tests.fixtures import make_fixture_databases as fixtures


def raw_connection(path):
    conn = database.sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    return conn


def tables(conn) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


@pytest.fixture
def conn(tmp_path):
    connection = raw_connection(tmp_path / "caseload.db")
    yield connection
    connection.close()


@pytest.fixture
def folder_with(tmp_path):
    """A migrations folder: the app's first migration plus the given extra files."""

    def make(extra: dict[str, str]):
        folder = tmp_path / "migrations"
        folder.mkdir()
        shutil.copy(migrations_dir() / "0001_initial.sql", folder)
        for name, sql in extra.items():
            (folder / name).write_text(sql, "utf-8")
        return folder

    return make


def test_the_shipped_migrations_are_numbered_from_one_without_gaps():
    versions = [m.version for m in available()]
    assert versions == list(range(1, len(versions) + 1))
    assert latest_version() == versions[-1]


def test_a_gap_in_the_numbering_is_refused(folder_with):
    folder = folder_with({"0003_skipped_two.sql": "CREATE TABLE t (x);"})
    with pytest.raises(RuntimeError, match="out of sequence"):
        available(folder)


def test_files_not_named_like_migrations_are_ignored(folder_with):
    folder = folder_with({"notes.sql": "DROP TABLE patients;", "0002_Bad Name.sql": "x"})
    assert [m.version for m in available(folder)] == [1]


def test_a_fresh_database_gets_every_migration_in_order(conn):
    assert migrate(conn) == [m.version for m in available()]
    assert current_version(conn) == latest_version()


def test_migrate_stops_at_a_target_and_carries_on_later(conn):
    assert migrate(conn, target=1) == [1]
    assert "appointments" not in tables(conn)
    assert migrate(conn) == list(range(2, latest_version() + 1))
    assert "appointments" in tables(conn)
    assert migrate(conn) == []


def test_a_database_newer_than_the_app_is_refused(conn):
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    with pytest.raises(NewerDatabase):
        migrate(conn)
    assert current_version(conn) == latest_version() + 5


@pytest.mark.parametrize(
    "broken_sql",
    [
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);",
        "CREATE TABLE half_done (x INTEGER);\nALTER TABLE patients ADD COLUMN family_name TEXT;",
        "ALTER TABLE patients ADD COLUMN nickname TEXT;\nCREATE TABLE patients (x);",
    ],
)
def test_a_failing_migration_rolls_back_and_leaves_the_version(conn, folder_with, broken_sql):
    folder = folder_with({"0002_broken.sql": broken_sql})
    with pytest.raises(MigrationFailed, match="0002_broken.sql") as caught:
        migrate(conn, folder=folder)
    assert "left as it was" in str(caught.value)
    assert current_version(conn) == 1
    assert not conn.in_transaction
    assert "half_done" not in tables(conn)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(patients)")}
    assert "nickname" not in columns


def test_a_failing_migration_on_a_stored_caseload_keeps_its_rows(tmp_path, folder_with):
    path = tmp_path / "stored.db"
    shutil.copyfile(fixtures.fixture_path(1), path)
    folder = folder_with({"0002_broken.sql": "DELETE FROM patients;\nSELECT * FROM missing;"})
    conn = fixtures.connect(path)
    try:
        with pytest.raises(MigrationFailed):
            migrate(conn, folder=folder)
        assert current_version(conn) == 1
        assert conn.execute("SELECT count(*) FROM patients").fetchone()[0] == len(fixtures.PEOPLE)
    finally:
        conn.close()


def test_migrations_from_another_folder_are_applied_in_turn(conn, folder_with):
    folder = folder_with({"0002_extra.sql": "CREATE TABLE extra (x INTEGER);"})
    assert migrate(conn, folder=folder) == [1, 2]
    assert "extra" in tables(conn)
    assert current_version(conn) == 2


def test_a_migration_may_rebuild_a_referenced_table_but_not_break_a_reference(
    tmp_path, folder_with
):
    path = tmp_path / "stored.db"
    shutil.copyfile(fixtures.fixture_path(1), path)
    rebuild = (
        "CREATE TABLE teams_new (id TEXT PRIMARY KEY, name TEXT NOT NULL, organisation TEXT,"
        " created_at TEXT, updated_at TEXT, author_id TEXT, deleted INTEGER, versions TEXT);\n"
        "INSERT INTO teams_new SELECT * FROM teams;\n"
        "DROP TABLE teams;\n"
        "ALTER TABLE teams_new RENAME TO teams;\n"
    )
    folder = folder_with({"0002_rebuild.sql": rebuild, "0003_dangling.sql": "DELETE FROM teams;"})
    conn = fixtures.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(MigrationFailed, match="0003_dangling.sql") as caught:
            migrate(conn, folder=folder)
        assert "refers to a missing row of teams" in str(caught.value)
        assert current_version(conn) == 2
        assert conn.execute("SELECT count(*) FROM teams").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        conn.close()
