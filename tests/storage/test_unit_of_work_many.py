"""Writing many records at once leaves exactly what writing them one by one leaves."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date

import pytest

from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.services import profile
from linkworker_desktop.storage import records, unit_of_work
from linkworker_desktop.storage.unit_of_work import Actor, UnitOfWork
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support.factories import make_patient, make_referral

NOW = "2026-03-02T09:15:00.000+00:00"
# A worker of another laptop, so both caseloads hold the same author and client on every row.
ACTOR = Actor(worker_id="0190aaaa-0000-7000-8000-00000000000a", client_id="client-under-test")
PATIENT_IDS = [f"0190aaaa-0000-7000-8000-00000000010{n}" for n in range(4)]
REFERRAL_IDS = [f"0190aaaa-0000-7000-8000-00000000020{n}" for n in range(4)]


def _patients() -> list[dict]:
    """Four patients: two with an id of their own, two whose ids come with the batch."""
    rows = []
    for number, (given, family) in enumerate(
        [("Aled", "Pryce"), ("Bethan", "Morgan"), ("Ceri", "Lloyd"), ("Dai", "Rees")]
    ):
        nhs = generate_test_number(random.Random(number))
        patient = make_patient(given_name=given, family_name=family, nhs_number=nhs)
        values = records.patient_values(patient)
        if number % 2 == 0:
            values["id"] = PATIENT_IDS[number]
        rows.append(values)
    rows[3]["communication_needs"] = "Large print letters"
    del rows[3]["email"]  # a record of another shape among them
    return rows


def _referrals() -> list[dict]:
    return [
        records.referral_values(make_referral(patient_id=patient_id, reason_notes=f"Note {n}"))
        for n, patient_id in enumerate(PATIENT_IDS)
    ]


@pytest.fixture
def two_caseloads(tmp_path):
    """Two new caseloads made the same way: one written one by one, one in batches."""
    made = []
    for name in ("one_by_one", "batched"):
        opened, _ = profile.create_profile(
            profile.ProfileFiles(tmp_path / name),
            PASSPHRASE,
            "Sam Patel",
            "North PCN",
            kdf=FAST_KDF,
        )
        made.append(opened)
    yield made[0].conn, made[1].conn
    for opened in made:
        opened.close()


def _uow(conn) -> UnitOfWork:
    uow = UnitOfWork(conn, ACTOR)
    uow.now = NOW
    return uow


def _written(conn) -> dict[str, list[tuple]]:
    """What the actor under test left behind, in the order it was written."""
    tables = {
        "patients": "SELECT * FROM patients WHERE author_id = ? ORDER BY id",
        "referrals": "SELECT * FROM referrals WHERE author_id = ? ORDER BY id",
        "audit_log": "SELECT at, worker_id, action, entity, entity_id, fields FROM audit_log"
        " WHERE worker_id = ? ORDER BY id",
        "outbox": "SELECT client_id, worker_id, entity, entity_id, op, changes, base_versions,"
        " created_at FROM outbox WHERE worker_id = ? ORDER BY mutation_id",
    }
    found = {name: conn.execute(sql, (ACTOR.worker_id,)).fetchall() for name, sql in tables.items()}
    found["waiting"] = conn.execute("SELECT waiting FROM outbox_count").fetchall()
    return found


def test_insert_many_writes_what_insert_writes_record_by_record(two_caseloads, monkeypatch):
    single, batched = two_caseloads
    patients, referrals = _patients(), _referrals()
    # Ids insert makes itself come in a known order, so both caseloads can be compared whole.
    made_on_insert = iter([PATIENT_IDS[1], PATIENT_IDS[3]])
    monkeypatch.setattr(unit_of_work, "uuid7", lambda: next(made_on_insert))
    with _uow(single) as uow:
        made = [uow.insert("patients", values) for values in patients]
        for number, values in enumerate(referrals):
            made.append(uow.insert("referrals", dict(values, id=REFERRAL_IDS[number])))
    with _uow(batched) as uow:
        made_too = uow.insert_many("patients", patients[0::2])
        made_too += uow.insert_many("patients", patients[1::2], ids=PATIENT_IDS[1::2])
        made_too += uow.insert_many(
            "referrals", [dict(values, id=REFERRAL_IDS[n]) for n, values in enumerate(referrals)]
        )
    assert sorted(made) == sorted(made_too) == sorted(PATIENT_IDS + REFERRAL_IDS)
    one_by_one, in_batches = _written(single), _written(batched)
    assert [len(one_by_one[t]) for t in ("patients", "referrals", "audit_log", "outbox")] == [
        4,
        4,
        8,
        8,
    ]
    # The same rows, audit events and outbox mutations, whichever way they were written.
    for table in ("patients", "referrals"):
        assert one_by_one[table] == in_batches[table]
    assert sorted(one_by_one["audit_log"]) == sorted(in_batches["audit_log"])
    assert sorted(one_by_one["outbox"]) == sorted(in_batches["outbox"])
    assert one_by_one["waiting"] == in_batches["waiting"]
    # Ids made with the batch read in the audit log as if made on insert: not a written field.
    events = {row[4]: json.loads(row[5]) for row in in_batches["audit_log"]}
    assert "id" not in events[PATIENT_IDS[1]]
    assert "id" in events[PATIENT_IDS[0]]
    assert "email" not in events[PATIENT_IDS[3]]


def test_update_many_writes_what_update_writes_record_by_record(two_caseloads):
    changes = [
        (PATIENT_IDS[0], {"town": "Bangor"}),
        (PATIENT_IDS[1], {"deleted": 1}),  # a tombstone, based on every version the laptop saw
        (PATIENT_IDS[2], {"town": "Leeds"}),  # what it already holds: nothing is written
        (PATIENT_IDS[0], {"town": "Conwy", "postcode": "LL32 8AB"}),  # the same record again
        (PATIENT_IDS[3], {"mobile": "07700 900456"}),
    ]
    returned = []
    for conn in two_caseloads:
        with _uow(conn) as uow:
            rows = [dict(v, id=PATIENT_IDS[n], town="Leeds") for n, v in enumerate(_patients())]
            uow.insert_many("patients", rows)
            conn.execute(
                "UPDATE patients SET versions = ? WHERE id = ?",
                (json.dumps({"town": 3, "given_name": 2}), PATIENT_IDS[0]),
            )
    single, batched = two_caseloads
    with _uow(single) as uow:
        returned.append([uow.update("patients", record_id, v) for record_id, v in changes])
    with _uow(batched) as uow:
        returned.append(uow.update_many("patients", changes))
    assert (
        returned[0] == returned[1] == [["town"], ["deleted"], [], ["postcode", "town"], ["mobile"]]
    )
    one_by_one, in_batches = _written(single), _written(batched)
    assert len(one_by_one["outbox"]) == 4 + 4
    assert one_by_one == in_batches
    last = [json.loads(row[6]) for row in in_batches["outbox"][-4:]]
    assert last == [{"town": 3}, {}, {"postcode": 0, "town": 3}, {"mobile": 0}]


def test_update_many_of_a_missing_record_changes_nothing(two_caseloads):
    conn = two_caseloads[0]
    with _uow(conn) as uow:
        uow.insert_many("patients", _patients())
    before = _written(conn)
    with pytest.raises(LookupError, match="no patients record nobody"), _uow(conn) as uow:
        uow.update_many("patients", [(PATIENT_IDS[0], {"town": "Rhyl"}), ("nobody", {"town": "X"})])
    assert _written(conn) == before


@pytest.mark.parametrize("column", ["created_at", "author_id", "versions", "no_such_column"])
def test_insert_many_refuses_what_insert_refuses(two_caseloads, column):
    conn = two_caseloads[0]
    before = _written(conn)
    rows = _patients()
    rows[2][column] = "x"
    refused = pytest.raises(ValueError, match=rf"cannot write \['{column}'\] on patients")
    with refused, _uow(conn) as uow:
        uow.insert_many("patients", rows)
    assert _written(conn) == before


def test_insert_many_needs_an_id_for_every_record(two_caseloads):
    conn = two_caseloads[0]
    with pytest.raises(ValueError, match="3 ids for 4 patients records"), _uow(conn) as uow:
        uow.insert_many("patients", _patients(), ids=PATIENT_IDS[:3])


def test_insert_many_refuses_a_record_with_two_ids(two_caseloads):
    conn = two_caseloads[0]
    before = _written(conn)
    with pytest.raises(ValueError, match="an id of its own and one made for it"), _uow(conn) as uow:
        uow.insert_many("patients", _patients()[:2], ids=PATIENT_IDS[:2])
    assert _written(conn) == before


def _many_patients(count: int) -> list[dict]:
    rng = random.Random(count)
    numbers = list(dict.fromkeys(generate_test_number(rng) for _ in range(count * 2)))[:count]
    return [
        records.patient_values(make_patient(given_name=f"Person {n}", nhs_number=number))
        for n, number in enumerate(numbers)
    ]


@pytest.mark.parametrize("count", [1, 49, 50, 51, 100, 101, 163])
def test_insert_many_of_more_records_than_a_statement_carries(two_caseloads, monkeypatch, count):
    single, batched = two_caseloads
    patients = _many_patients(count)
    assert len(patients) == count
    made_ids = [f"0190aaaa-0000-7000-8000-{n:012d}" for n in range(count)]
    made_on_insert = iter(made_ids)
    monkeypatch.setattr(unit_of_work, "uuid7", lambda: next(made_on_insert))
    with _uow(single) as uow:
        for values in patients:
            uow.insert("patients", values)
    with _uow(batched) as uow:
        prepared = unit_of_work.prepare_inserts(
            "patients",
            patients,
            actor=ACTOR,
            now=NOW,
            columns=uow.columns("patients"),
            ids=made_ids,
        )
        assert [len(rows) for _names, rows in prepared.groups] == [count]  # one shape, one group
        assert uow.insert_many("patients", patients, ids=made_ids) == made_ids
    one_by_one, in_batches = _written(single), _written(batched)
    assert len(in_batches["patients"]) == len(in_batches["outbox"]) == count
    assert one_by_one == in_batches
    # Audit events and mutations in the order the records were given.
    assert [row[4] for row in in_batches["audit_log"]] == made_ids
    assert [row[3] for row in in_batches["outbox"]] == made_ids


def test_records_prepared_for_another_worker_are_not_written(two_caseloads):
    conn = two_caseloads[0]
    before = _written(conn)
    other = Actor(worker_id="someone-else", client_id=ACTOR.client_id)
    with _uow(conn) as uow:
        prepared = unit_of_work.prepare_inserts(
            "patients", _patients(), actor=other, now=NOW, columns=uow.columns("patients")
        )
    refused = pytest.raises(ValueError, match="patients records prepared for another worker")
    with refused, _uow(conn) as uow:
        uow.write_prepared(prepared)
    assert _written(conn) == before


def test_records_prepared_for_columns_this_database_lacks_are_not_written(two_caseloads):
    conn = two_caseloads[0]
    before = _written(conn)
    rows = _patients()
    rows[1]["favourite_colour"] = "green"  # a column of some other, newer schema
    with _uow(conn) as uow:
        wider = uow.columns("patients") | {"favourite_colour"}
    prepared = unit_of_work.prepare_inserts("patients", rows, actor=ACTOR, now=NOW, columns=wider)
    refused = pytest.raises(ValueError, match=r"cannot write \['favourite_colour'\] on patients")
    with refused, _uow(conn) as uow:
        uow.write_prepared(prepared)
    assert _written(conn) == before


def test_only_synced_tables_are_prepared():
    with pytest.raises(ValueError, match="settings is not a synced table"):
        unit_of_work.prepare_inserts(
            "settings", [{"key": "x"}], actor=ACTOR, now=NOW, columns=frozenset({"key"})
        )


@pytest.mark.parametrize(
    ("columns", "count", "per_statement"),
    [(3, 0, 50), (3, 1, 50), (3, 50, 50), (3, 149, 50), (700, 93, 46), (700, 46, 46)],
)
def test_rows_go_several_a_statement_and_land_exactly(columns, count, per_statement):
    """A plain table: a wide one binds fewer rows a statement, under SQLite's limit."""
    conn = sqlite3.connect(":memory:")
    names = tuple(f"c{n}" for n in range(columns))
    conn.execute(f"CREATE TABLE wide (seq INTEGER PRIMARY KEY, {', '.join(names)})")
    rows = [
        tuple(
            (r * columns + c) if c % 3 else f"r{r}c{c}" if c % 2 else None for c in range(columns)
        )
        for r in range(count)
    ]
    statements = []
    conn.set_trace_callback(statements.append)
    unit_of_work._insert_rows(conn, "wide", names, rows)
    conn.set_trace_callback(None)
    assert conn.execute(f"SELECT {', '.join(names)} FROM wide ORDER BY seq").fetchall() == rows
    assert unit_of_work._ROWS_A_STATEMENT == 50
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == -(-count // per_statement)
    assert all(s.count("(") - 1 <= per_statement for s in inserts)


def test_mutations_are_encoded_as_the_json_encoder_encodes_them():
    encode = unit_of_work._changes_encoder()
    assert encode is not unit_of_work._CHANGES_JSON.encode  # the quick way, on this Python
    samples = [
        {},
        {"town": "Ynys Môn", "given_name": 'Siân "Sian"', "deleted": 0, "rating": 7.5},
        {"b": None, "a": True, "c": [1, "two", None], "d": {"z": 1, "y": float("nan")}},
        {"recorded_on": date(2026, 3, 2), "text": "tab\there\nnew line \u2014 dash"},
    ]
    for sample in samples:
        expected = json.dumps(sample, sort_keys=True, default=str)
        assert encode(sample) == unit_of_work._encode_changes(sample) == expected
    assert encode({"b": 1, "a": 2}) == '{"a": 2, "b": 1}'
