"""Two link workers register the same person offline: the hub merges the second into the first.

The first patient to reach the hub survives. The second (same NHS number, both live, both in the
pushing worker's caseload) becomes a tombstone everywhere, everything under it moves to the
survivor, and each field on which the two disagree becomes an open conflict for a person.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from linkworker_desktop.services import conflicts as conflict_service
from linkworker_desktop.services import sync_service
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.sync.engine import RoundResult
from linkworker_desktop.ui.models.record_data import load_record
from tests.support.laptop import fresh_nhs_number

SAME_ON_BOTH = ("nhs_number", "family_name", "date_of_birth", "town", "team_id")


@pytest.fixture
def pair(org):
    """Two North workers who have both pulled the organisation, then go offline."""
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    a.sync()
    b.sync()
    return a, b


def _live_with(laptop, number):
    rows = laptop.profile.conn.execute(
        "SELECT id FROM patients WHERE nhs_number = ? AND deleted = 0", (number,)
    )
    return {row[0] for row in rows}


def _hub_record(hub, entity, record_id):
    rows = hub.rows(
        "SELECT data, deleted FROM records WHERE entity = :e AND id = :i", e=entity, i=record_id
    )
    assert len(rows) == 1, (entity, record_id)
    return json.loads(rows[0].data), bool(rows[0].deleted)


def _hub_conflicts(hub):
    return [json.loads(r.data) for r in hub.rows(
        "SELECT data FROM records WHERE entity = 'conflicts' ORDER BY version")]  # fmt: skip


def _conflicts_by_field(conflicts, patient_id):
    found = {}
    for conflict in conflicts:
        if conflict["entity"] == "patients" and conflict["entity_id"] == patient_id:
            assert conflict["field"] not in found, conflict["field"]
            found[conflict["field"]] = conflict
    return found


def _register_twice(a, b, number):
    """Asha and Ben each register the person with a referral; they disagree on two fields."""
    p1 = a.add_patient(nhs_number=number, given_name="Ann", phone="01632 960001", town="Leeds")
    r1 = a.add_referral(p1, referrer_name="Dr Asha")
    p2 = b.add_patient(nhs_number=number, given_name="Anne", phone="01632 960002", town="Leeds")
    r2 = b.add_referral(p2, referrer_name="Dr Ben")
    return p1, r1, p2, r2


def _check_merged(laptop, number, survivor, duplicate, referrals):
    assert _live_with(laptop, number) == {survivor}
    assert duplicate not in laptop.ids("patients")
    row = laptop.record("patients", duplicate)
    assert row is None or row["deleted"] == 1
    kept = laptop.record("patients", survivor)
    assert (kept["given_name"], kept["phone"]) == ("Ann", "01632 960001")
    assert set(referrals) <= laptop.ids("referrals")
    for rid in referrals:
        assert laptop.record("referrals", rid)["patient_id"] == survivor


@pytest.mark.parametrize("pull_page", [None, 1], ids=["whole pages", "one record a page"])
def test_the_second_registration_is_merged_into_the_first(org, hub, pair, pull_page):
    a, b = pair
    number = fresh_nhs_number()
    p1, r1, p2, r2 = _register_twice(a, b, number)
    a.sync()
    b.sync(pull_page=pull_page)  # no clash: the hub has already merged Ben's record
    a.sync(pull_page=pull_page)
    assert a.pending() == b.pending() == 0

    assert _hub_record(hub, "patients", p1)[1] is False
    assert _hub_record(hub, "patients", p2)[1] is True
    for rid in (r1, r2):
        data, deleted = _hub_record(hub, "referrals", rid)
        assert (data["patient_id"], deleted) == (p1, False)

    late = org.laptop("North", "Cleo")  # a colleague who pulls everything from the start
    late.sync(pull_page=pull_page)
    for laptop in (a, b, late):
        _check_merged(laptop, number, p1, p2, (r1, r2))
    assert b.record("patients", p2)["deleted"] == 1

    for laptop in (a, b, late):  # everyone keeps syncing, and nothing changes back
        laptop.sync(pull_page=pull_page)
    for laptop in (a, b, late):
        _check_merged(laptop, number, p1, p2, (r1, r2))


def test_each_field_the_two_disagree_on_becomes_an_open_conflict_on_the_survivor(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, _r1, p2, _r2 = _register_twice(a, b, number)
    a.sync()
    b.sync()
    a.sync()
    for conflicts in (_hub_conflicts(hub), a.conflicts(), b.conflicts()):
        by_field = _conflicts_by_field(conflicts, p1)
        assert json.loads(by_field["given_name"]["kept_value"]) == "Ann"
        assert json.loads(by_field["given_name"]["other_value"]) == "Anne"
        assert json.loads(by_field["phone"]["kept_value"]) == "01632 960001"
        assert json.loads(by_field["phone"]["other_value"]) == "01632 960002"
        assert not set(SAME_ON_BOTH) & set(by_field)
        for conflict in by_field.values():
            assert json.loads(conflict["kept_value"]) != json.loads(conflict["other_value"])
        assert not [c for c in conflicts if c["entity_id"] == p2]
    for laptop in (a, b):
        assert {c["status"] for c in laptop.conflicts()} == {"open"}
        assert sync_service.status(laptop.profile).open_conflicts >= 2


def test_a_merge_conflict_settled_on_one_laptop_reaches_the_other(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, _r1, _p2, _r2 = _register_twice(a, b, number)
    a.sync()
    b.sync()
    phone = _conflicts_by_field(b.conflicts(), p1)["phone"]
    sync_service.settle(b.profile, phone["id"], "01632 960002")  # Ben's number was right
    b.sync()
    a.sync()
    for laptop in (a, b):
        assert laptop.record("patients", p1)["phone"] == "01632 960002"
        assert "phone" not in _conflicts_by_field(laptop.conflicts(), p1)
    assert _hub_record(hub, "patients", p1)[0]["phone"] == "01632 960002"


def _history_under(laptop, pid, rid):
    """Appointment, running session with a note, goal with a rating: ids by table."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    appointment = laptop.insert(
        "appointments",
        patient_id=pid, referral_id=rid, starts_at=now, planned_minutes=30, kind="initial",
    )  # fmt: skip
    session = laptop.insert(
        "sessions",
        patient_id=pid, referral_id=rid, appointment_id=appointment, template_id="initial",
        kind="initial", planned_minutes=60, state="running", started_at=now,
    )  # fmt: skip
    note = laptop.insert("session_notes", session_id=session, stage_id="welcome", text="Met.")
    goal = GoalService(laptop.profile).add(pid, "Join the walking group", rid)
    rating = GoalService(laptop.profile).rate(goal, 4)
    return {
        "appointments": appointment,
        "sessions": session,
        "session_notes": note,
        "goals": goal,
        "goal_progress": rating,
    }


def test_everything_under_the_duplicate_moves_to_the_survivor(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, r1, p2, r2 = _register_twice(a, b, number)
    history = _history_under(b, p2, r2)
    a.sync()
    b.sync()
    a.sync()
    with_patient = ("appointments", "sessions", "goals")
    for entity in with_patient:
        data, deleted = _hub_record(hub, entity, history[entity])
        assert (data["patient_id"], deleted) == (p1, False), entity
    for laptop in (a, b):
        _check_merged(laptop, number, p1, p2, (r1, r2))
        for entity, record_id in history.items():
            assert record_id in laptop.ids(entity), entity
        for entity in with_patient:
            assert laptop.record(entity, history[entity])["patient_id"] == p1, entity
        note = laptop.record("session_notes", history["session_notes"])
        assert (note["session_id"], note["text"]) == (history["sessions"], "Met.")
        rating = laptop.record("goal_progress", history["goal_progress"])
        assert (rating["goal_id"], rating["rating"]) == (history["goals"], 4)


def test_an_ended_session_of_the_duplicate_moves_to_the_survivor(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, _r1, p2, r2 = _register_twice(a, b, number)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    session = b.insert(
        "sessions",
        patient_id=p2, referral_id=r2, template_id="initial", kind="initial",
        planned_minutes=60, state="ended", started_at=now, ended_at=now, duration_seconds=3000,
    )  # fmt: skip
    note = b.insert("session_notes", session_id=session, stage_id="welcome", text="Met.")
    a.sync()
    b.sync()
    a.sync()
    assert _hub_record(hub, "sessions", session)[0]["patient_id"] == p1
    for laptop in (a, b):
        row = laptop.record("sessions", session)
        assert (row["patient_id"], row["state"], row["deleted"]) == (p1, "ended", 0)
        assert laptop.record("session_notes", note)["session_id"] == session
    b.sync()


def test_edits_in_the_same_push_as_the_duplicate_go_to_the_survivor(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, r1, p2, r2 = _register_twice(a, b, number)
    b.edit("patients", p2, town="York")
    a.sync()
    b.sync()
    a.sync()
    data, deleted = _hub_record(hub, "patients", p1)
    assert (data["town"], deleted) == ("York", False)
    assert _hub_record(hub, "patients", p2)[1] is True
    for laptop in (a, b):
        _check_merged(laptop, number, p1, p2, (r1, r2))
        assert laptop.record("patients", p1)["town"] == "York"


def test_a_later_edit_to_the_merged_record_goes_to_the_survivor(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, r1, p2, r2 = _register_twice(a, b, number)
    a.sync()
    b.push_only()  # merged on the hub; Ben's laptop does not know yet
    assert _hub_record(hub, "patients", p2)[1] is True
    b.edit("patients", p2, town="York", email="ann@example.org")
    b.sync()
    a.sync()
    data, deleted = _hub_record(hub, "patients", p1)
    assert (data["town"], data["email"], deleted) == ("York", "ann@example.org", False)
    assert _hub_record(hub, "patients", p2)[1] is True  # not brought back
    for laptop in (a, b):
        _check_merged(laptop, number, p1, p2, (r1, r2))
        row = laptop.record("patients", p1)
        assert (row["town"], row["email"]) == ("York", "ann@example.org")
    a.sync()
    b.sync()
    assert _live_with(b, number) == {p1}


def test_a_referral_added_to_the_merged_record_later_lands_on_the_survivor(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, r1, p2, r2 = _register_twice(a, b, number)
    a.sync()
    b.push_only()
    r3 = b.add_referral(p2, referrer_name="Dr Later")
    b.sync()
    a.sync()
    data, deleted = _hub_record(hub, "referrals", r3)
    assert (data["patient_id"], deleted) == (p1, False)
    for laptop in (a, b):
        _check_merged(laptop, number, p1, p2, (r1, r2, r3))


def test_a_deleted_patient_with_the_same_number_is_not_merged_into(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1 = a.add_patient(nhs_number=number, given_name="Ann")
    a.sync()
    a.delete("patients", p1)
    a.sync()
    p2 = b.add_patient(nhs_number=number, given_name="Anne")
    b.sync()
    a.sync()
    assert _hub_record(hub, "patients", p1)[1] is True
    data, deleted = _hub_record(hub, "patients", p2)
    assert (data["given_name"], deleted) == ("Anne", False)
    assert _hub_conflicts(hub) == []
    for laptop in (a, b):
        assert _live_with(laptop, number) == {p2}
        assert laptop.conflicts() == []


def test_the_same_number_in_another_team_is_not_merged(org, hub, pair):
    a, _b = pair
    cleo = org.laptop("South", "Cleo")
    cleo.sync()
    number = fresh_nhs_number()
    north = a.add_patient(nhs_number=number, given_name="Ann")
    south = cleo.add_patient(nhs_number=number, given_name="Anne")
    a.sync()
    cleo.sync()
    a.sync()
    assert _hub_record(hub, "patients", north)[1] is False
    assert _hub_record(hub, "patients", south)[1] is False
    assert _hub_conflicts(hub) == []
    assert _live_with(a, number) == {north}
    assert _live_with(cleo, number) == {south}


def test_opening_the_merged_record_opens_the_survivor(org, hub, pair):
    """A link open on Ben's laptop (Today, a chase-up) still leads to the person's record."""
    a, b = pair
    number = fresh_nhs_number()
    p1, _r1, p2, _r2 = _register_twice(a, b, number)
    a.sync()
    b.sync()
    assert b.record("patients", p2)["merged_into"] == p1
    opened = CaseloadService(b.profile).patient(p2)
    assert (opened.id, opened.given_name) == (p1, "Ann")
    record = load_record(b.profile, p2)
    assert record.patient.id == p1
    assert record.referral is not None and record.referral.patient_id == p1


def test_the_merge_conflicts_say_the_person_was_registered_twice(org, hub, pair):
    a, b = pair
    number = fresh_nhs_number()
    p1, _r1, _p2, _r2 = _register_twice(a, b, number)
    a.sync()
    b.sync()
    a.sync()
    for laptop, mine, theirs in ((a, "Ann", "Anne"), (b, "Anne", "Ann")):
        details = {d.field_label: d for d in conflict_service.open_details(laptop.profile)}
        assert set(details) == {"Given name", "Phone number"}
        given = details["Given name"]
        assert given.note == (
            "Ann Testperson was registered twice, on two laptops; the two records are now one."
        )
        assert (given.mine.value, given.theirs.value) == (mine, theirs)
    theirs_on_b = conflict_service.open_details(b.profile)[0].theirs.heading
    assert theirs_on_b == "Theirs (Asha)"


def test_a_duplicate_made_between_the_push_and_the_pull_clears_on_the_next_round(org, hub, pair):
    """Ben registers Ann after his round has pushed, before it pulls Asha's record of her."""
    a, b = pair
    number = fresh_nhs_number()
    p1 = a.add_patient(nhs_number=number, given_name="Ann", phone="01632 960001", town="Leeds")
    a.sync()
    p2 = b.add_patient(nhs_number=number, given_name="Anne", phone="01632 960002", town="Leeds")
    cursor = b.cursor()
    with sync_service.engine_for(b.profile) as engine:
        engine.pull_all(RoundResult())  # the round's pull, with Ben's record not yet pushed
    # Asha's record is held aside, not lost, and the pull went on past it.
    assert b.cursor() > cursor and _live_with(b, number) == {p2}
    assert b.set_aside() == [("patients", p1)]
    b.sync()  # the next round pushes Ben's record first; the hub merges it
    a.sync()
    for laptop in (a, b):
        assert _live_with(laptop, number) == {p1}
        assert laptop.record("patients", p2)["merged_into"] == p1
    assert b.set_aside() == []
    assert b.sync().error == ""
