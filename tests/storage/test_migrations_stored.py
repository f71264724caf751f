"""Every migration is run against a stored caseload written at the version before it."""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime

import pytest

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.services import profile
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage import database
from linkworker_desktop.storage.keyfile import KeyFile
from linkworker_desktop.storage.migrations import (
    available,
    current_version,
    latest_version,
    migrate,
)
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.fixtures import make_fixture_databases as fixtures

# What each migration adds to the schema. A new migration needs its line here and a stored
# database of the version before it (tests/fixtures/make_fixture_databases.py makes one).
ADDED_BY = {
    1: {
        "table:teams",
        "table:workers",
        "table:profile",
        "table:patients",
        "table:referrals",
        "table:audit_log",
        "table:outbox",
        "table:settings",
        "index:patients_nhs_number",
        "index:patients_name",
        "index:referrals_patient",
        "index:referrals_status",
        "trigger:audit_log_no_update",
        "trigger:audit_log_no_delete",
    },
    2: {"table:appointments", "index:appointments_patient", "index:appointments_day"},
    3: {
        "table:sessions",
        "table:session_notes",
        "table:note_drafts",
        "table:session_addenda",
        "table:goals",
        "table:goal_progress",
        "table:measure_results",
        "table:measure_definitions",
        "index:sessions_patient",
        "index:sessions_state",
        "index:goals_patient",
        "index:goal_progress_goal",
        "index:measure_results_patient",
        "trigger:sessions_append_only",
    },
    4: {
        "table:plans",
        "table:goal_steps",
        "table:goal_helpers",
        "index:plans_patient",
        "index:goal_steps_goal",
        "index:goal_helpers_goal",
    },
    5: {"table:sync_state", "table:conflicts", "table:sync_rounds", "index:conflicts_open"},
    6: {
        "table:directory_services",
        "table:directory_fts",
        "table:directory_fts_config",
        "table:directory_fts_content",
        "table:directory_fts_data",
        "table:directory_fts_docsize",
        "table:directory_fts_idx",
        "table:postcode_districts",
        "table:directory_connections",
        "table:directory_reports",
        "index:directory_connections_patient",
        "index:directory_connections_service",
        "index:directory_connections_chase",
        "index:appointments_referral",
        "index:sessions_appointment",
    },
    7: set(),  # patients.merged_into, and the sessions trigger remade to let a merge move them
    8: set(),  # patients rebuilt so both consents may be "not asked yet"
    9: {"table:sync_set_aside"},
    10: set(),  # the directory word index remade with folded words
    11: {"trigger:session_notes_append_only"},
    12: {
        "table:patient_alerts",
        "index:patient_alerts_patient",
        "trigger:patient_alerts_keep_history",
    },
    13: {
        "table:safeguarding_concerns",
        "index:safeguarding_concerns_patient",
        "trigger:safeguarding_concerns_append_only",
        "table:safeguarding_handovers",
        "index:safeguarding_handovers_concern",
        "trigger:safeguarding_handovers_append_only",
    },
    14: set(),  # appointments.imported: past sessions brought in from a spreadsheet
    15: {
        "table:visit_checkins",
        "index:visit_checkins_open",
        "trigger:visit_checkins_keep_times",
    },
    16: {"table:outbox_count", "trigger:outbox_counted_in", "trigger:outbox_counted_out"},
    17: {
        "table:consent_records",
        "index:consent_records_patient",
        "trigger:consent_records_append_only",
    },
    # goal ratings and measure results ordered by a sequence; referrals' coded ticks; IMD table
    18: {"index:goal_progress_order", "index:measure_results_order", "table:imd_postcodes"},
    19: {"index:directory_services_by_name"},  # the Directory's search stops at its first results
    # the caseload's names kept in order by triggers; covering indexes for what it reads
    20: {
        "table:caseload_names",
        "index:caseload_names_patient",
        "trigger:caseload_names_added",
        "trigger:caseload_names_changed",
        "trigger:caseload_names_removed",
        "index:referrals_latest",
        "index:appointments_caseload",
        "index:sessions_appointment_live",
    },
}

STORED = fixtures.stored_versions()


def schema_objects(conn) -> set[str]:
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {f"{kind}:{name}" for kind, name in rows}


def all_rows(conn) -> dict[str, set[tuple]]:
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    result = {}
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        selected = ", ".join(columns)
        result[table] = {(table, *row) for row in conn.execute(f"SELECT {selected} FROM {table}")}
    return result


@pytest.fixture
def stored_copy(tmp_path):
    """Copy a stored caseload so the committed file is never changed by a test."""

    def copy(version: int):
        target = tmp_path / f"copy_v{version}" / "caseload.db"
        target.parent.mkdir()
        shutil.copyfile(fixtures.fixture_path(version), target)
        return target

    return copy


def test_every_migration_has_a_stored_database_from_the_version_before_it():
    missing = [m.path.name for m in available() if m.version > 1 and m.version - 1 not in STORED]
    assert not missing, (
        f"no stored caseload to upgrade with {missing}: run "
        "python -m tests.fixtures.make_fixture_databases and commit the new file"
    )


def test_every_migration_says_what_it_adds():
    assert set(ADDED_BY) == {m.version for m in available()}


def test_stored_caseloads_are_only_of_versions_the_app_knows():
    assert STORED
    assert all(1 <= version < latest_version() for version in STORED)


@pytest.mark.parametrize("version", STORED)
def test_the_stored_caseload_is_encrypted_and_at_its_version(version, stored_copy):
    path = stored_copy(version)
    assert not path.read_bytes().startswith(b"SQLite format 3")
    conn = fixtures.connect(path)
    try:
        assert current_version(conn) == version
        assert conn.execute("SELECT count(*) FROM patients").fetchone()[0] == len(fixtures.PEOPLE)
    finally:
        conn.close()


@pytest.mark.parametrize("version", STORED)
def test_the_next_migration_adds_what_it_says_and_keeps_every_row(version, stored_copy):
    path = stored_copy(version)
    conn = fixtures.connect(path)
    try:
        objects_before, rows_before = schema_objects(conn), all_rows(conn)
        assert migrate(conn, target=version + 1) == [version + 1]
        assert current_version(conn) == version + 1
        assert schema_objects(conn) - objects_before == ADDED_BY[version + 1]
        rows_after = all_rows(conn)
        for table, rows in rows_before.items():
            kept = {row[: len(next(iter(rows), ()))] for row in rows_after[table]}
            assert rows <= kept, f"rows of {table} changed in the upgrade"
    finally:
        conn.close()


@pytest.mark.parametrize("version", STORED)
def test_opening_a_stored_caseload_brings_it_to_the_latest_schema(version, stored_copy, tmp_path):
    path = stored_copy(version)
    conn = database.connect(path, fixtures.FIXTURE_KEY)
    try:
        assert current_version(conn) == latest_version()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        fresh = database.connect(tmp_path / "fresh.db", b"\x01" * 32, create=True)
        try:
            assert schema_objects(conn) == schema_objects(fresh)
        finally:
            fresh.close()
    finally:
        conn.close()


@pytest.mark.parametrize("version", STORED)
def test_an_upgraded_caseload_unlocks_and_shows_its_patients(version, stored_copy):
    path = stored_copy(version)
    files = profile.ProfileFiles(path.parent)
    keyfile = KeyFile(files.keys, "fixture", [])
    keyfile.set_passphrase(fixtures.FIXTURE_KEY, PASSPHRASE, FAST_KDF)
    keyfile.save()
    opened = profile.unlock(files, PASSPHRASE)
    try:
        assert opened.worker_name == "Fixture Worker"
        assert opened.team_name == "Fixture PCN"
        rows = CaseloadService(opened).rows(now=datetime(2024, 6, 10, tzinfo=UTC))
        by_name = {row.name: row for row in rows}
        for given, family, _dob, _referred, status in fixtures.PEOPLE:
            assert by_name[f"{family}, {given}"].status == ReferralStatus(status)
    finally:
        opened.close()


@pytest.mark.parametrize("version", STORED)
def test_the_builder_still_makes_what_is_stored(version, tmp_path, stored_copy):
    """The stored file and a fresh build hold the same schema and rows (only the salt differs)."""
    rebuilt = tmp_path / "rebuilt.db"
    fixtures.build(version, rebuilt)
    stored_conn, rebuilt_conn = fixtures.connect(stored_copy(version)), fixtures.connect(rebuilt)
    try:
        assert schema_objects(stored_conn) == schema_objects(rebuilt_conn)
        assert all_rows(stored_conn) == all_rows(rebuilt_conn)
    finally:
        stored_conn.close()
        rebuilt_conn.close()


def test_consent_upgrade_keeps_every_answer_and_new_rows_start_not_asked(stored_copy):
    conn = fixtures.connect(stored_copy(7))
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(
            "UPDATE patients SET consent_to_contact = 0, consent_to_share = 'nothing'"
            " WHERE given_name = 'Bram'"
        )
        assert migrate(conn, target=8) == [8]
        kept = conn.execute(
            "SELECT given_name, consent_to_contact, consent_to_share FROM patients"
            " ORDER BY given_name"
        ).fetchall()
        assert kept == [
            ("Ada", 1, "codes_only"),
            ("Bram", 0, "nothing"),
            ("Cleo", 1, "codes_only"),
        ]
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        conn.execute(
            "INSERT INTO patients (id, nhs_number, given_name, family_name, date_of_birth,"
            " created_at, updated_at, author_id) VALUES ('p-new', ?, 'Dee', 'Newrow', '1980-01-01',"
            " ?, ?, ?)",
            (
                generate_test_number(random.Random(8)),
                fixtures.STAMP,
                fixtures.STAMP,
                fixtures.WORKER_ID,
            ),
        )
        fresh = conn.execute(
            "SELECT consent_to_contact, consent_to_share FROM patients WHERE id = 'p-new'"
        ).fetchone()
        assert fresh == (None, "not_asked")
    finally:
        conn.close()


def test_the_waiting_count_starts_from_the_stored_outbox_and_follows_it(stored_copy):
    conn = fixtures.connect(stored_copy(15))
    try:
        stored = conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
        assert stored == 11  # a team, a worker, three patients each with a referral and a visit
        assert migrate(conn, target=16) == [16]
        assert conn.execute("SELECT waiting FROM outbox_count").fetchall() == [(11,)]
        conn.execute("DELETE FROM outbox WHERE mutation_id <= 3")
        assert conn.execute("SELECT waiting FROM outbox_count").fetchall() == [(8,)]
        conn.execute("DELETE FROM outbox")
        assert conn.execute("SELECT waiting FROM outbox_count").fetchall() == [(0,)]
    finally:
        conn.close()


def test_answered_consent_becomes_each_patients_first_record_and_not_asked_none(stored_copy):
    conn = fixtures.connect(stored_copy(16))
    try:
        conn.execute(
            "UPDATE patients SET consent_to_contact = 0, consent_to_share = 'not_asked'"
            " WHERE given_name = 'Bram'"
        )
        conn.execute("UPDATE patients SET consent_to_contact = NULL WHERE given_name = 'Cleo'")
        assert migrate(conn, target=17) == [17]
        made = conn.execute(
            "SELECT p.given_name, c.kind, c.value, c.given_how, c.given_by_name, c.recorded_at,"
            " c.id = 'earlier-' || CASE c.kind WHEN 'contact' THEN 'contact' ELSE 'share' END"
            " || '-' || p.id"
            " FROM consent_records c JOIN patients p ON p.id = c.patient_id"
            " ORDER BY p.given_name, c.kind"
        ).fetchall()
        assert made == [
            ("Ada", "contact", "yes", "before_records", "", fixtures.STAMP, 1),
            ("Ada", "share_with_gp", "codes_only", "before_records", "", fixtures.STAMP, 1),
            ("Bram", "contact", "no", "before_records", "", fixtures.STAMP, 1),
            ("Cleo", "share_with_gp", "codes_only", "before_records", "", fixtures.STAMP, 1),
        ]
        # Carried over, not new: nothing is queued to send, so laptops never trade copies.
        queued = conn.execute("SELECT count(*) FROM outbox WHERE entity = 'consent_records'")
        assert queued.fetchone()[0] == 0
    finally:
        conn.close()


def test_the_caseload_order_is_filled_from_the_stored_patients_and_kept_after(stored_copy):
    conn = fixtures.connect(stored_copy(19))
    try:
        conn.execute("UPDATE patients SET deleted = 1 WHERE given_name = 'Bram'")
        assert migrate(conn, target=20) == [20]
        listed = conn.execute(
            "SELECT c.name, c.search_key, p.nhs_number FROM caseload_names AS c"
            " JOIN patients AS p ON p.id = c.patient_id ORDER BY c.sort_key, c.nhs_number"
        ).fetchall()
        assert [(name, key) for name, key, _ in listed] == [
            ("Fixtureson, Ada", f"adafixtureson\nfixturesonada\n{listed[0][2]}"),
            ("Upgradewell, Cleo", f"cleoupgradewell\nupgradewellcleo\n{listed[1][2]}"),
        ]
        conn.execute("UPDATE patients SET deleted = 0 WHERE given_name = 'Bram'")
        conn.execute("UPDATE patients SET family_name = 'Aardvark' WHERE given_name = 'Cleo'")
        names = [row[0] for row in conn.execute("SELECT name FROM caseload_names")]
        assert names == ["Aardvark, Cleo", "Fixtureson, Ada", "Oldschema, Bram"]
    finally:
        conn.close()
