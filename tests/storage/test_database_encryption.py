"""The caseload file at rest: unreadable without the key, with no patient text in its bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services import demo


def sidecars(database: Path) -> list[Path]:
    return [p for p in (Path(f"{database}-wal"), Path(f"{database}-shm")) if p.exists()]


@pytest.fixture
def demo_caseload(open_profile):
    """An open profile with 40 synthetic patients, and one saved patient's surname and number."""
    demo.add_demo_caseload(open_profile, 40, seed=7)
    surname, number = open_profile.conn.execute(
        "SELECT family_name, nhs_number FROM patients ORDER BY id LIMIT 1"
    ).fetchone()
    return open_profile, surname, number


def test_the_standard_library_sqlite3_cannot_read_the_file(open_profile):
    path = open_profile.files.database
    open_profile.close()
    plain = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_the_file_does_not_start_with_the_sqlite_header(open_profile):
    assert not open_profile.files.database.read_bytes().startswith(b"SQLite format 3")


def test_no_patient_surname_or_nhs_number_is_in_the_files_after_closing(demo_caseload):
    opened, surname, number = demo_caseload
    path = opened.files.database
    opened.close()
    blobs = [path.read_bytes()] + [p.read_bytes() for p in sidecars(path)]
    assert len(blobs[0]) > 50_000  # the rows really are in there
    for needle in (surname, number, format_nhs_number(number)):
        for blob in blobs:
            assert needle.encode("utf-8") not in blob
            assert needle.encode("utf-16-le") not in blob


def test_no_patient_text_is_in_the_write_ahead_log_while_open(demo_caseload):
    opened, surname, number = demo_caseload
    wal = Path(f"{opened.files.database}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    blob = wal.read_bytes()
    assert surname.encode("utf-8") not in blob
    assert number.encode("ascii") not in blob


def test_the_same_rows_unencrypted_do_show_the_surname(demo_caseload, tmp_path):
    """The check above is only worth something if the search would find the text in the clear."""
    opened, surname, number = demo_caseload
    plain_path = tmp_path / "plain-copy.db"
    opened.conn.execute(f"ATTACH DATABASE '{plain_path}' AS plaintext KEY ''")
    opened.conn.execute("SELECT sqlcipher_export('plaintext')")
    opened.conn.execute("DETACH DATABASE plaintext")
    blob = plain_path.read_bytes()
    assert surname.encode("utf-8") in blob
    assert number.encode("ascii") in blob


def test_the_key_file_holds_no_patient_text(demo_caseload):
    opened, surname, number = demo_caseload
    text = opened.files.keys.read_text("utf-8")
    assert surname not in text
    assert number not in text
