"""New records reach the hub's table whole, however they are sent: by COPY streamed a chunk at
a time while the push goes on (PostgreSQL), or inserted at its end (SQLite)."""

from __future__ import annotations

import json
import uuid

import pytest

from linkworker_desktop.hub import push
from tests.support.hand_pushes import Sender, new_patient

AWKWARD = 'Tab\there, a new\nline, a back\\slash, "quotes", Siân, Dafydd ap Gwilym, 🙂'


def _stored(hub, entity, record_id):
    [row] = hub.rows(
        "SELECT data, version, deleted, writer, writer_current, match_key, team_id, root_id"
        " FROM records WHERE entity = :e AND id = :i",
        e=entity,
        i=record_id,
    )
    return row


@pytest.fixture
def sender(org, hub):
    laptop = org.laptop("North", "Asha")
    laptop.sync()
    return Sender(hub, laptop)


def test_text_that_needs_escaping_in_any_form_is_stored_as_sent(sender, hub):
    patient = new_patient(sender.laptop, given_name=AWKWARD, family_name="O'Neil-Ñúñez")
    pid = str(uuid.uuid4())
    answer = sender.push(sender.put("patients", pid, patient))
    assert (answer["applied"], answer["rejected"]) == (1, [])
    row = _stored(hub, "patients", pid)
    assert json.loads(row.data)["given_name"] == AWKWARD
    assert json.loads(row.data)["family_name"] == "O'Neil-Ñúñez"
    assert (bool(row.deleted), row.writer, bool(row.writer_current)) == (
        False,
        sender.laptop.client_id,
        True,
    )
    assert row.match_key == patient["nhs_number"]
    assert row.team_id == sender.laptop.enrolment.team_id
    assert isinstance(row.version, int) and row.version > 0


def test_a_batch_sent_in_chunks_keeps_every_record_and_the_last_change_to_each(
    org, sender, hub, monkeypatch
):
    """Chunks of two: a record changed after its chunk went, a refusal audited and a duplicate
    patient merged while a COPY is open (each ends it first), and a child of the duplicate."""
    monkeypatch.setattr(push, "WRITE_EVERY", 2)
    ids = [str(uuid.uuid4()) for _ in range(7)]
    patients = [new_patient(sender.laptop, given_name=f"Rae {n}") for n in range(7)]
    twin = str(uuid.uuid4())
    referral = str(uuid.uuid4())
    mutations = [sender.put("patients", pid, p) for pid, p in zip(ids, patients, strict=True)]
    mutations.append(sender.put("patients", ids[0], {"given_name": "Rae changed"}))
    mutations.append(sender.put("patients", twin, {**patients[2], "given_name": "Rae twin"}))
    mutations.append(
        sender.put(
            "referrals",
            referral,
            {
                "patient_id": twin,
                "source": "gp",
                "reason": "loneliness",
                "received_on": "2026-11-30",
                "status": "new",
                "created_at": "2026-11-30T09:00:00.000+00:00",
                "updated_at": "2026-11-30T09:00:00.000+00:00",
                "deleted": 0,
            },
        )
    )
    # Refused after chunks have gone: its audit is written while a COPY is open.
    refused = sender.put("patients", str(uuid.uuid4()), {**patients[5], "given_name": None})
    mutations.insert(5, refused)
    answer = sender.push(*mutations)
    assert [r["mutation_id"] for r in answer["rejected"]] == [refused["mutation_id"]]
    assert answer["applied"] == len(mutations) - 1
    names = {pid: json.loads(_stored(hub, "patients", pid).data)["given_name"] for pid in ids}
    assert names == {pid: f"Rae {n}" for n, pid in enumerate(ids)} | {ids[0]: "Rae changed"}
    assert bool(_stored(hub, "patients", twin).deleted) is True  # joined the first of its number
    assert _stored(hub, "referrals", referral).root_id == ids[2]
    assert len({_stored(hub, "patients", pid).version for pid in [*ids, twin]}) == 8
    colleague = org.laptop("North", "Ben")
    colleague.sync()
    assert {pid: colleague.record("patients", pid)["given_name"] for pid in ids} == names


def test_each_sqlite_hub_connection_keeps_enough_of_the_table_in_memory(tmp_path):
    from linkworker_desktop.hub.engine import SQLITE_CACHE_KIB, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'hub.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -SQLITE_CACHE_KIB
    finally:
        engine.dispose()
    assert SQLITE_CACHE_KIB == 32 * 1024
