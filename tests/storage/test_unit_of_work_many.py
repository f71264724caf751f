"""Writing many records at once leaves exactly what writing them one by one leaves."""

from __future__ import annotations

import json
import random

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
    with pytest.raises(ValueError, match="cannot write"), _uow(conn) as uow:
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
