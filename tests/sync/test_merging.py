"""Two laptops edit one patient offline: fields merge, the same field makes a conflict."""

from __future__ import annotations

import json

import pytest

from linkworker_desktop.services import demo, sync_service
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.storage.database import IntegrityError


@pytest.fixture
def pair(org):
    """Two North workers who both have patient ``pid`` on their laptops, then go offline."""
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(phone="01632 960001", email="alex@example.org", town="Leeds")
    a.sync()
    b.sync()
    assert b.record("patients", pid)["phone"] == "01632 960001"
    return a, b, pid


def _hub_fields(hub, entity, record_id):
    rows = hub.rows("SELECT data, deleted FROM records WHERE entity = :e AND id = :i",
                    e=entity, i=record_id)  # fmt: skip
    assert len(rows) == 1
    return json.loads(rows[0].data), bool(rows[0].deleted)


def _hub_conflicts(hub):
    return [json.loads(r.data) for r in hub.rows(
        "SELECT data FROM records WHERE entity = 'conflicts' ORDER BY version")]  # fmt: skip


def test_different_fields_both_survive(org, pair):
    a, b, pid = pair
    a.edit("patients", pid, phone="01632 960002")
    b.edit("patients", pid, email="alex.new@example.org")
    assert a.sync().conflicts == 0
    assert b.sync().conflicts == 0
    a.sync()
    for laptop in (a, b):
        row = laptop.record("patients", pid)
        assert (row["phone"], row["email"]) == ("01632 960002", "alex.new@example.org")
    data, _ = _hub_fields(org.hub, "patients", pid)
    assert (data["phone"], data["email"]) == ("01632 960002", "alex.new@example.org")
    assert _hub_conflicts(org.hub) == []


def test_same_field_later_arrival_wins_and_the_other_value_is_kept(org, pair):
    a, b, pid = pair
    a.edit("patients", pid, phone="01632 960002")
    b.edit("patients", pid, phone="01632 960003")
    assert a.sync().conflicts == 0
    assert b.sync().conflicts == 1  # b arrives second: b's value wins
    a.sync()
    for laptop in (a, b):
        assert laptop.record("patients", pid)["phone"] == "01632 960003"
        [conflict] = laptop.conflicts()
        assert (conflict["entity_id"], conflict["field"]) == (pid, "phone")
        assert json.loads(conflict["kept_value"]) == "01632 960003"
        assert json.loads(conflict["other_value"]) == "01632 960002"
        assert conflict["kept_worker_id"] == b.worker_id
        assert sync_service.status(laptop.profile).open_conflicts == 1
    assert _hub_fields(org.hub, "patients", pid)[0]["phone"] == "01632 960003"


def test_a_settled_conflict_and_its_choice_reach_every_laptop(org, pair):
    a, b, pid = pair
    a.edit("patients", pid, phone="01632 960002")
    b.edit("patients", pid, phone="01632 960003")
    a.sync()
    b.sync()
    a.sync()
    [conflict] = a.conflicts()
    sync_service.settle(a.profile, conflict["id"], "01632 960002")  # Asha picks her value
    assert a.record("patients", pid)["phone"] == "01632 960002"
    assert a.sync().conflicts == 0
    b.sync()
    for laptop in (a, b):
        assert laptop.record("patients", pid)["phone"] == "01632 960002"
        assert laptop.conflicts() == []
        [settled] = laptop.conflicts("resolved")
        assert json.loads(settled["resolution"]) == "01632 960002"
    assert _hub_fields(org.hub, "patients", pid)[0]["phone"] == "01632 960002"
    with pytest.raises(ValueError, match="not open"):
        sync_service.settle(b.profile, conflict["id"], "01632 960003")


def test_an_edit_arriving_before_a_delete_keeps_the_record(org, pair):
    a, b, pid = pair
    a.delete("patients", pid)
    b.edit("patients", pid, town="York")
    b.sync()
    assert a.sync().conflicts == 1
    b.sync()
    data, deleted = _hub_fields(org.hub, "patients", pid)
    assert not deleted and data["town"] == "York"
    for laptop in (a, b):
        row = laptop.record("patients", pid)
        assert (row["deleted"], row["town"]) == (0, "York")
        [conflict] = laptop.conflicts()
        assert (conflict["entity_id"], conflict["field"]) == (pid, "deleted")


def test_a_delete_arriving_before_an_edit_keeps_the_record(org, pair):
    a, b, pid = pair
    a.delete("patients", pid)
    b.edit("patients", pid, town="York")
    a.sync()
    assert b.sync().conflicts == 1
    a.sync()
    data, deleted = _hub_fields(org.hub, "patients", pid)
    assert not deleted and data["town"] == "York"
    for laptop in (a, b):
        row = laptop.record("patients", pid)
        assert (row["deleted"], row["town"]) == (0, "York")
        [conflict] = laptop.conflicts()
        assert (conflict["entity_id"], conflict["field"]) == (pid, "deleted")


def test_a_delete_nobody_disputes_reaches_every_laptop(org, pair):
    a, b, pid = pair
    a.delete("patients", pid)
    a.sync()
    b.sync()
    assert _hub_fields(org.hub, "patients", pid)[1] is True
    assert pid not in b.ids("patients")
    assert b.conflicts() == []


def test_session_notes_and_addenda_never_conflict(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    demo.add_demo_caseload(a.profile, 6, seed=11)
    a.sync()
    b.sync()
    session_id = a.profile.conn.execute(
        "SELECT id FROM sessions WHERE state = 'ended' ORDER BY id LIMIT 1"
    ).fetchone()[0]
    assert b.record("sessions", session_id)["state"] == "ended"
    note_id = a.profile.conn.execute(
        "SELECT id FROM session_notes WHERE session_id = ? LIMIT 1", (session_id,)
    ).fetchone()[0]
    from_a = SessionService(a.profile).add_addendum(session_id, "Phoned back: going on Tuesday.")
    from_b = SessionService(b.profile).add_addendum(session_id, "Daughter will drive her there.")
    written = a.record("session_notes", note_id)["text"]
    for laptop in (a, b):  # an ended session's notes are kept as written, on every laptop
        with pytest.raises(IntegrityError, match="append-only"):
            laptop.edit("session_notes", note_id, text="Notes typed up after the visit.")
    a.sync()
    assert b.sync().conflicts == 0
    a.sync()
    for laptop in (a, b):
        texts = [
            row[0]
            for row in laptop.profile.conn.execute(
                "SELECT text FROM session_addenda WHERE session_id = ? ORDER BY text", (session_id,)
            )
        ]
        assert texts == ["Daughter will drive her there.", "Phoned back: going on Tuesday."]
        assert {from_a, from_b} <= laptop.ids("session_addenda")
        assert laptop.record("session_notes", note_id)["text"] == written
        assert laptop.conflicts() == []
    assert _hub_conflicts(org.hub) == []
