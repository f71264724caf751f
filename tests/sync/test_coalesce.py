"""Each record's latest state is sent once, and clashes with other laptops are found as before."""

from __future__ import annotations

import json

import pytest

from linkworker_desktop.sync import state
from linkworker_desktop.sync.coalesce import OutboxRow, coalesce
from linkworker_desktop.sync.transport import SyncError, Transport


def _row(mutation_id, entity_id, op="put", changes=None, base=None, entity="patients"):
    return OutboxRow(mutation_id, entity, entity_id, op, changes or {}, base or {})


@pytest.fixture
def pair(org):
    """Two North workers who both hold patient ``pid``, then go offline."""
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(phone="01632 960001", email="alex@example.org", town="Leeds")
    a.sync()
    b.sync()
    return a, b, pid


def test_rows_of_one_record_fold_into_the_first_with_the_latest_values():
    rows = [
        _row(1, "p1", changes={"phone": "01632 960001", "email": "a@example.org"}),
        _row(2, "r1", entity="referrals", changes={"patient_id": "p1"}),
        _row(3, "p1", changes={"phone": "01632 960002"}, base={"phone": 4}),
        _row(4, "p1", changes={"phone": "01632 960003", "town": "Leeds"}, base={"phone": 9}),
    ]
    assert coalesce(rows) == [
        _row(
            1,
            "p1",
            changes={"phone": "01632 960003", "email": "a@example.org", "town": "Leeds"},
            base={"phone": 4},
        ),
        _row(2, "r1", entity="referrals", changes={"patient_id": "p1"}),
    ]
    assert rows[0].changes == {"phone": "01632 960001", "email": "a@example.org"}  # untouched


def test_a_record_made_here_keeps_its_creation_apart_from_the_edits_since():
    made = {"phone": "01632 960001", "created_at": "2026-11-30T09:00:00"}
    rows = [
        _row(1, "p1", changes=made),
        _row(2, "p1", changes={"town": "Leeds"}, base={"town": 0}),
        _row(3, "p1", changes={"town": "York", "email": "a@example.org"}, base={"town": 0}),
    ]
    assert coalesce(rows) == [
        _row(1, "p1", changes=made),
        _row(2, "p1", changes={"town": "York", "email": "a@example.org"}, base={"town": 0}),
    ]


def test_a_delete_wins_over_earlier_edits_and_keeps_their_bases():
    rows = [
        _row(5, "p1", changes={"phone": "01632 960002"}, base={"phone": 3}),
        _row(6, "p1", op="delete", changes={"deleted": 1}, base={"phone": 7, "email": 2}),
        _row(7, "p2", op="delete", changes={"deleted": 1}, base={"email": 1}),
        _row(8, "p2", changes={"town": "York"}, base={"town": 0}),
    ]
    assert coalesce(rows) == [
        _row(
            5,
            "p1",
            op="delete",
            changes={"phone": "01632 960002", "deleted": 1},
            base={"phone": 3, "email": 2},
        ),
        _row(
            7,
            "p2",
            op="delete",
            changes={"deleted": 1, "town": "York"},
            base={"email": 1, "town": 0},
        ),
    ]


def test_a_record_brought_back_after_a_delete_is_sent_as_it_now_stands():
    rows = [
        _row(1, "p1", op="delete", changes={"deleted": 1}, base={"email": 1}),
        _row(2, "p1", changes={"deleted": 0}, base={"deleted": 0}),
    ]
    assert coalesce(rows) == [
        _row(1, "p1", changes={"deleted": 0}, base={"email": 1, "deleted": 0})
    ]


def test_a_record_made_and_edited_offline_is_pushed_with_its_edits_folded(org):
    laptop = org.laptop("North", "Asha")
    pid = laptop.add_patient(phone="01632 960001", town="Leeds")
    laptop.edit("patients", pid, phone="01632 960002")
    laptop.edit("patients", pid, phone="01632 960003", town="York")
    other = laptop.add_patient(phone="01632 960009")
    assert laptop.pending() == 4
    result = laptop.sync()
    # The first patient's creation, then its two edits as one; the second patient's creation.
    assert (result.pushed, result.conflicts, laptop.pending()) == (3, 0, 0)
    rows = org.hub.rows("SELECT id, data FROM records WHERE entity = 'patients'")
    stored = {row.id: json.loads(row.data) for row in rows}
    assert sorted(stored) == sorted([pid, other])
    assert (stored[pid]["phone"], stored[pid]["town"]) == ("01632 960003", "York")
    assert stored[other]["phone"] == "01632 960009"


def test_a_field_edited_twice_offline_still_clashes_with_another_laptops_edit(org, pair):
    a, b, pid = pair
    b.edit("patients", pid, phone="01632 960005")
    assert b.sync().conflicts == 0
    a.edit("patients", pid, phone="01632 960002")
    a.edit("patients", pid, phone="01632 960003")
    result = a.sync()
    assert (result.pushed, result.conflicts) == (1, 1)
    [conflict] = a.conflicts()
    assert (conflict["entity_id"], conflict["field"]) == (pid, "phone")
    assert json.loads(conflict["kept_value"]) == "01632 960003"
    assert json.loads(conflict["other_value"]) == "01632 960005"
    assert a.record("patients", pid)["phone"] == "01632 960003"


def test_an_edit_then_a_delete_offline_loses_to_an_edit_it_had_not_seen(org, pair):
    a, b, pid = pair
    b.edit("patients", pid, email="alex.new@example.org")
    b.sync()
    a.edit("patients", pid, phone="01632 960002")
    a.delete("patients", pid)
    assert a.sync().conflicts == 1
    assert pid in a.ids("patients")  # the record is kept and sent back
    assert a.record("patients", pid)["email"] == "alex.new@example.org"


class _AnswerLost(Transport):
    """The hub applies the push, then the connection drops before its answer arrives."""

    def push(self, request):
        super().push(request)
        raise SyncError("The connection dropped after the hub applied the push.")


def test_an_edit_made_after_an_unanswered_push_still_reaches_the_hub(org):
    laptop = org.laptop("North", "Asha")
    pid = laptop.add_patient(phone="01632 960001")
    laptop.sync()
    laptop.edit("patients", pid, phone="01632 960002")
    laptop.add_patient(phone="01632 960008")
    lost = _AnswerLost(state.get(laptop.profile.conn, "hub_url"), laptop.token)
    try:
        laptop.sync(lost)
    except SyncError:
        pass
    finally:
        lost.close()
    assert laptop.pending() == 2  # the hub has both; the laptop does not know it yet
    laptop.edit("patients", pid, phone="01632 960003")
    laptop.sync()
    assert laptop.pending() == 0
    [row] = org.hub.rows("SELECT data FROM records WHERE id = :i", i=pid)
    assert json.loads(row.data)["phone"] == "01632 960003"
