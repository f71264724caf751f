"""Every write is a row, an audit event and an outbox mutation, committed together or not at all."""

from __future__ import annotations

import json
import secrets

import pytest

from linkworker_desktop.domain.ids import uuid7
from linkworker_desktop.storage import database, records
from linkworker_desktop.storage.migrations import migrate
from linkworker_desktop.storage.unit_of_work import Actor, UnitOfWork
from tests.support.factories import make_patient


class Interrupted(Exception):
    pass


def count(conn, table: str, where: str = "1", *args) -> int:
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", args).fetchone()[0]


def outbox(conn) -> list[dict]:
    cursor = conn.execute("SELECT * FROM outbox ORDER BY mutation_id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def audit(conn) -> list[dict]:
    cursor = conn.execute("SELECT * FROM audit_log ORDER BY id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def patient_values(**overrides) -> dict:
    return records.patient_values(make_patient(**overrides))


@pytest.fixture
def conn(open_profile):
    return open_profile.conn


@pytest.fixture
def actor(open_profile) -> Actor:
    return open_profile.actor


@pytest.fixture
def baseline(conn):
    """Row counts after set-up (the profile's own worker and team were written the same way)."""
    return {t: count(conn, t) for t in ("patients", "audit_log", "outbox")}


def test_an_insert_writes_the_row_an_audit_event_and_an_outbox_mutation(conn, actor, baseline):
    values = patient_values(family_name="Quillfeather")
    with UnitOfWork(conn, actor) as uow:
        patient_id = uow.insert("patients", values)
    assert count(conn, "patients", "id = ?", patient_id) == 1
    event = audit(conn)[-1]
    assert (event["action"], event["entity"], event["entity_id"]) == (
        "create",
        "patients",
        patient_id,
    )
    assert event["worker_id"] == actor.worker_id
    assert "family_name" in json.loads(event["fields"])
    mutation = outbox(conn)[-1]
    assert (mutation["entity"], mutation["entity_id"], mutation["op"]) == (
        "patients",
        patient_id,
        "put",
    )
    assert mutation["client_id"] == actor.client_id
    assert json.loads(mutation["changes"])["family_name"] == "Quillfeather"
    assert count(conn, "audit_log") == baseline["audit_log"] + 1
    assert count(conn, "outbox") == baseline["outbox"] + 1


def test_the_audit_log_holds_field_names_never_values(conn, actor):
    with UnitOfWork(conn, actor) as uow:
        uow.insert("patients", patient_values(family_name="Quillfeather"))
    assert "Quillfeather" not in json.dumps(audit(conn))


def test_an_exception_inside_rolls_back_row_audit_and_outbox(conn, actor, baseline):
    with pytest.raises(Interrupted), UnitOfWork(conn, actor) as uow:
        uow.insert("patients", patient_values())
        uow.insert("patients", patient_values())
        raise Interrupted
    assert not conn.in_transaction
    assert {t: count(conn, t) for t in baseline} == baseline


def test_a_failing_statement_rolls_back_what_came_before_it(conn, actor, baseline):
    values = patient_values()
    with pytest.raises(database.IntegrityError), UnitOfWork(conn, actor) as uow:
        uow.insert("patients", values)
        uow.insert("patients", dict(values))  # the same NHS number again: unique index
    assert {t: count(conn, t) for t in baseline} == baseline


def test_records_are_stamped_with_the_worker_as_author(conn, actor):
    with UnitOfWork(conn, actor) as uow:
        patient_id = uow.insert("patients", patient_values())
    author, created, updated = conn.execute(
        "SELECT author_id, created_at, updated_at FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()
    assert author == actor.worker_id
    assert author != actor.client_id
    assert created == updated


def test_an_update_records_only_the_fields_that_changed(conn, actor):
    with UnitOfWork(conn, actor) as uow:
        patient_id = uow.insert("patients", patient_values(town="Leeds", mobile="07700 900001"))
    before = outbox(conn)[-1]["mutation_id"]
    with UnitOfWork(conn, actor) as uow:
        changed = uow.update("patients", patient_id, {"town": "Bradford", "mobile": "07700 900001"})
    assert changed == ["town"]
    mutation = outbox(conn)[-1]
    assert mutation["mutation_id"] == before + 1
    assert set(json.loads(mutation["changes"])) == {"town", "updated_at", "author_id"}
    assert json.loads(mutation["base_versions"]) == {"town": 0}
    assert json.loads(audit(conn)[-1]["fields"]) == ["town"]
    assert audit(conn)[-1]["action"] == "update"


def test_base_versions_come_from_the_record_version_map(conn, actor):
    with UnitOfWork(conn, actor) as uow:
        patient_id = uow.insert("patients", patient_values())
    # As a pull from the hub would leave it: the hub's versions of each field.
    conn.execute(
        "UPDATE patients SET versions = ? WHERE id = ?",
        (json.dumps({"town": 7, "email": 3}), patient_id),
    )
    with UnitOfWork(conn, actor) as uow:
        uow.update("patients", patient_id, {"town": "York", "phone": "0113 496 0000"})
    assert json.loads(outbox(conn)[-1]["base_versions"]) == {"town": 7, "phone": 0}


def test_an_update_that_changes_nothing_writes_nothing(conn, actor):
    with UnitOfWork(conn, actor) as uow:
        patient_id = uow.insert("patients", patient_values(town="Leeds"))
    counts = (count(conn, "audit_log"), count(conn, "outbox"))
    stamp = conn.execute("SELECT updated_at FROM patients WHERE id = ?", (patient_id,)).fetchone()
    with UnitOfWork(conn, actor) as uow:
        assert uow.update("patients", patient_id, {"town": "Leeds"}) == []
    assert (count(conn, "audit_log"), count(conn, "outbox")) == counts
    assert (
        conn.execute("SELECT updated_at FROM patients WHERE id = ?", (patient_id,)).fetchone()
        == stamp
    )


def test_a_delete_is_a_tombstone_that_sync_hears_about(conn, actor):
    with UnitOfWork(conn, actor) as uow:
        patient_id = uow.insert("patients", patient_values())
    with UnitOfWork(conn, actor) as uow:
        uow.delete("patients", patient_id)
    assert conn.execute("SELECT deleted FROM patients WHERE id = ?", (patient_id,)).fetchone() == (
        1,
    )
    assert outbox(conn)[-1]["op"] == "delete"
    assert audit(conn)[-1]["action"] == "delete"


@pytest.mark.parametrize("column", ["created_at", "updated_at", "author_id", "versions", "nope"])
def test_bookkeeping_and_unknown_columns_cannot_be_written(conn, actor, column, baseline):
    with pytest.raises(ValueError, match=column), UnitOfWork(conn, actor) as uow:
        uow.insert("patients", dict(patient_values(), **{column: "x"}))
    assert {t: count(conn, t) for t in baseline} == baseline


def test_only_synced_tables_are_written(conn, actor):
    with pytest.raises(ValueError), UnitOfWork(conn, actor) as uow:
        uow.insert("audit_log", {"action": "create"})


def test_an_id_never_changes(conn, actor):
    with UnitOfWork(conn, actor) as uow:
        patient_id = uow.insert("patients", patient_values())
    with pytest.raises(ValueError), UnitOfWork(conn, actor) as uow:
        uow.update("patients", patient_id, {"id": uuid7()})


def test_updating_a_record_that_does_not_exist_fails(conn, actor):
    with pytest.raises(LookupError), UnitOfWork(conn, actor) as uow:
        uow.update("patients", uuid7(), {"town": "Leeds"})


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET action = 'view'", "DELETE FROM audit_log"]
)
def test_the_audit_log_refuses_update_and_delete(conn, statement):
    before = audit(conn)
    assert before
    with pytest.raises(database.DatabaseError, match="append-only"):
        conn.execute(statement)
    assert audit(conn) == before


def test_outbox_mutation_ids_only_ever_grow(conn, actor):
    seen = []
    for _ in range(3):
        with UnitOfWork(conn, actor) as uow:
            patient_id = uow.insert("patients", patient_values())
            uow.update("patients", patient_id, {"town": "Hull"})
        seen.extend(row["mutation_id"] for row in outbox(conn))
        conn.execute("DELETE FROM outbox")  # as sync does once the hub has acknowledged them
    assert seen == sorted(set(seen))
    assert len(seen) >= 6


def test_table_columns_follow_the_schema_after_a_migration(tmp_path):
    conn = database.sqlcipher.connect(str(tmp_path / "c.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    migrate(conn, target=1)
    actor = Actor(worker_id=uuid7(), client_id=uuid7())
    appointment = {"patient_id": "p", "starts_at": "2025-01-01T09:00:00+00:00"}
    with pytest.raises(ValueError, match="cannot write"), UnitOfWork(conn, actor) as uow:
        uow.insert("appointments", appointment)  # no such table before migration 2
    migrate(conn)
    conn.execute("PRAGMA foreign_keys = OFF")
    with UnitOfWork(conn, actor) as uow:
        uow.insert("appointments", appointment)
    assert count(conn, "appointments") == 1
    conn.close()


def test_when_sqlite_has_already_rolled_back_the_real_error_comes_through(conn, actor, baseline):
    # RAISE(ROLLBACK) ends the transaction inside SQLite, as a full disk does.
    conn.execute(
        "CREATE TEMP TRIGGER disk_full BEFORE INSERT ON patients"
        " BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END"
    )
    with (
        pytest.raises(database.DatabaseError, match="disk is full"),
        UnitOfWork(conn, actor) as uow,
    ):
        uow.insert("patients", patient_values())
    conn.execute("DROP TRIGGER disk_full")
    assert not conn.in_transaction
    assert {t: count(conn, t) for t in baseline} == baseline
    with UnitOfWork(conn, actor) as uow:  # and the next write works
        uow.insert("patients", patient_values())
