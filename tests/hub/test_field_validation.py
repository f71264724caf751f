"""The hub keeps only values a laptop can store, so one bad value never stops a colleague's pull.

A put whose values break the laptops' schema (an object or list as a value, text in a number
column, nothing in a NOT NULL column, a broken CHECK, a field name that is not a plain
lower-case identifier) is rejected with a reason naming the field, audited, and not stored.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from linkworker_desktop.services.goals import GoalService
from tests.support.hand_pushes import Sender, new_patient


@pytest.fixture
def world(org, hub):
    """Ben's patient with a referral, appointment, session, goal and rating, and a conflict;
    Asha (the sender of hand-made pushes) and Ben both hold all of it."""
    ben, asha = org.laptop("North", "Ben"), org.laptop("North", "Asha")
    pid = ben.add_patient(given_name="Ann", phone="01632 960001", town="Leeds")
    rid = ben.add_referral(pid)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    appointment = ben.insert(
        "appointments",
        patient_id=pid, referral_id=rid, starts_at=now, planned_minutes=30, kind="initial",
    )  # fmt: skip
    session = ben.insert(
        "sessions",
        patient_id=pid, referral_id=rid, appointment_id=appointment, template_id="initial",
        kind="initial", planned_minutes=60, state="running", started_at=now,
    )  # fmt: skip
    goal = GoalService(ben.profile).add(pid, "Join the walking group")
    rating = GoalService(ben.profile).rate(goal, 4)
    ben.sync()
    asha.sync()
    asha.edit("patients", pid, phone="01632 960002")
    ben.edit("patients", pid, phone="01632 960003")
    ben.sync()
    asha.sync()  # Asha's value arrives second: a conflict on the phone
    ben.sync()
    [conflict] = ben.conflicts()
    assert asha.pending() == ben.pending() == 0
    ids = {
        "patients": pid,
        "referrals": rid,
        "appointments": appointment,
        "sessions": session,
        "goals": goal,
        "goal_progress": rating,
        "conflicts": conflict["id"],
    }
    return Sender(hub, asha), ben, ids


def _hub_row(hub, entity, record_id):
    rows = hub.rows(
        "SELECT data, field_versions, version, deleted FROM records WHERE entity = :e AND id = :i",
        e=entity,
        i=record_id,
    )
    return tuple(rows[0]) if rows else None


def _refusals(hub):
    return [r.detail for r in hub.rows("SELECT detail FROM hub_audit WHERE action = 'refused'")]


# (entity, field, bad value): each breaks the laptop schema in migrations/*.sql.
BAD_VALUES = {
    "object as a value": ("patients", "given_name", {"x": 1}),
    "list as a value": ("patients", "town", ["Leeds", "York"]),
    "object under an unknown name": ("patients", "extra_details", {"x": 1}),
    "list under an unknown name": ("referrals", "extra_reasons", ["a", "b"]),
    "text as the deleted flag": ("patients", "deleted", "yes"),
    "text in an integer column": ("patients", "consent_to_contact", "yes"),
    "consent to contact neither yes nor no": ("patients", "consent_to_contact", 2),
    "text as planned minutes": ("appointments", "planned_minutes", "thirty"),
    "text as a session duration": ("sessions", "duration_seconds", "long"),
    "no NHS number": ("patients", "nhs_number", None),
    "no given name": ("patients", "given_name", None),
    "no referral source": ("referrals", "source", None),
    "NHS number of the wrong length": ("patients", "nhs_number", "12345"),
    "consent outside its choices": ("patients", "consent_to_share", "everything"),
    "referral priority outside its choices": ("referrals", "priority", "asap"),
    "conflict status outside its choices": ("conflicts", "status", "maybe"),
    "rating above ten": ("goal_progress", "rating", 11),
    "zero planned minutes": ("appointments", "planned_minutes", 0),
}

BAD_NAMES = {
    "words and SQL": "first name; DROP TABLE records",
    "capital letter": "X",
    "mixed case": "Given_Name",
    "hyphen": "given-name",
    "leading digit": "9lives",
    "empty": "",
    "dotted": "patients.given_name",
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_bad_value_on_an_existing_record_is_rejected_audited_and_not_stored(world, hub, case):
    sender, ben, ids = world
    entity, field, value = BAD_VALUES[case]
    record_id = ids[entity]
    before_hub = _hub_row(hub, entity, record_id)
    before_ben = ben.record(entity, record_id)
    before_sender = sender.laptop.record(entity, record_id)
    mutation = sender.put(entity, record_id, {field: value})
    response = sender.push(mutation)
    assert response["applied"] == 0
    assert [r["mutation_id"] for r in response["rejected"]] == [mutation["mutation_id"]]
    reason = response["rejected"][0]["reason"]
    assert field in reason, reason
    assert response["last_mutation_id"] == mutation["mutation_id"]
    assert _hub_row(hub, entity, record_id) == before_hub
    assert any(record_id in detail for detail in _refusals(hub))
    result = ben.sync()
    assert result.pulled == 0 and result.rejected == []
    assert ben.record(entity, record_id) == before_ben
    sender.laptop.sync()  # the sender's own pulls go on too
    assert sender.laptop.record(entity, record_id) == before_sender


@pytest.mark.parametrize("case", sorted(BAD_NAMES))
def test_a_field_name_that_is_not_a_plain_identifier_is_rejected(world, hub, case):
    sender, ben, ids = world
    pid = ids["patients"]
    before = _hub_row(hub, "patients", pid)
    mutation = sender.put("patients", pid, {BAD_NAMES[case]: "x", "town": "York"})
    response = sender.push(mutation)
    assert response["applied"] == 0
    assert [r["mutation_id"] for r in response["rejected"]] == [mutation["mutation_id"]]
    assert response["rejected"][0]["reason"].strip()
    assert _hub_row(hub, "patients", pid) == before
    assert any(pid in detail for detail in _refusals(hub))
    assert ben.sync().pulled == 0
    assert ben.record("patients", pid)["town"] == "Leeds"


def test_one_bad_field_rejects_the_whole_mutation(world, hub):
    sender, ben, ids = world
    pid = ids["patients"]
    before = _hub_row(hub, "patients", pid)
    response = sender.push(
        sender.put("patients", pid, {"town": "York", "given_name": {"first": "Ann"}})
    )
    assert response["applied"] == 0 and len(response["rejected"]) == 1
    assert _hub_row(hub, "patients", pid) == before
    ben.sync()
    assert ben.record("patients", pid)["town"] == "Leeds"


def test_a_bad_mutation_does_not_hold_back_the_good_ones_in_its_batch(world, hub):
    sender, ben, ids = world
    pid, rid = ids["patients"], ids["referrals"]
    good_before = sender.put("patients", pid, {"town": "York"})
    bad = sender.put("referrals", rid, {"priority": "asap"})
    good_after = sender.put("referrals", rid, {"referrer_name": "Dr Example"})
    response = sender.push(good_before, bad, good_after)
    assert response["applied"] == 2
    assert [r["mutation_id"] for r in response["rejected"]] == [bad["mutation_id"]]
    assert response["last_mutation_id"] == good_after["mutation_id"]
    ben.sync()
    assert ben.record("patients", pid)["town"] == "York"
    referral = ben.record("referrals", rid)
    assert (referral["priority"], referral["referrer_name"]) == ("routine", "Dr Example")


def test_a_valid_new_patient_is_accepted_and_reaches_a_colleague(world, hub):
    sender, ben, _ids = world
    new_id = str(uuid.uuid4())
    response = sender.push(sender.put("patients", new_id, new_patient(sender.laptop)))
    assert (response["applied"], response["rejected"]) == (1, [])
    ben.sync()
    assert ben.record("patients", new_id)["given_name"] == "Rae"


def test_a_patient_not_asked_about_consent_yet_is_accepted_and_reaches_a_colleague(world, hub):
    sender, ben, _ids = world
    new_id = str(uuid.uuid4())
    fields = new_patient(sender.laptop, consent_to_contact=None, consent_to_share="not_asked")
    response = sender.push(sender.put("patients", new_id, fields))
    assert (response["applied"], response["rejected"]) == (1, [])
    ben.sync()
    record = ben.record("patients", new_id)
    assert (record["consent_to_contact"], record["consent_to_share"]) == (None, "not_asked")


def test_a_patient_with_one_name_is_accepted_and_reaches_a_colleague(world, hub):
    sender, ben, _ids = world
    new_id = str(uuid.uuid4())
    fields = new_patient(sender.laptop, family_name="")
    response = sender.push(sender.put("patients", new_id, fields))
    assert (response["applied"], response["rejected"]) == (1, [])
    ben.sync()
    record = ben.record("patients", new_id)
    assert (record["given_name"], record["family_name"]) == ("Rae", "")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("given_name", {"x": 1}),
        ("deleted", "yes"),
        ("nhs_number", None),
        ("nhs_number", "12345"),
        ("consent_to_share", "everything"),
    ],
    ids=["object", "text flag", "no NHS number", "short NHS number", "bad choice"],
)
def test_a_bad_value_on_a_new_record_leaves_nothing_on_the_hub(world, hub, field, value):
    sender, ben, _ids = world
    new_id = str(uuid.uuid4())
    mutation = sender.put("patients", new_id, new_patient(sender.laptop, **{field: value}))
    response = sender.push(mutation)
    assert [r["mutation_id"] for r in response["rejected"]] == [mutation["mutation_id"]]
    assert field in response["rejected"][0]["reason"]
    assert hub.rows("SELECT id FROM records WHERE id = :i", i=new_id) == []
    assert any(new_id in detail for detail in _refusals(hub))
    assert ben.sync().pulled == 0
    assert ben.record("patients", new_id) is None


def test_unknown_well_formed_fields_with_plain_values_are_kept_and_ignored_by_laptops(world, hub):
    sender, ben, ids = world
    pid = ids["patients"]
    newer = {"favourite_colour": "teal", "visits_planned": 3, "wellbeing_score": 7.5,
             "allergies_noted": None}  # fmt: skip
    response = sender.push(sender.put("patients", pid, dict(newer, town="York")))
    assert (response["applied"], response["rejected"]) == (1, [])
    data = json.loads(_hub_row(hub, "patients", pid)[0])
    assert {k: data[k] for k in newer} == newer
    result = ben.sync()
    assert result.rejected == [] and result.pulled >= 1
    row = ben.record("patients", pid)
    assert row["town"] == "York"
    assert not set(newer) & set(row)


def test_a_new_record_with_unknown_fields_reaches_a_colleague(world, hub):
    sender, ben, _ids = world
    new_id = str(uuid.uuid4())
    response = sender.push(
        sender.put("patients", new_id, new_patient(sender.laptop, preferred_language="cy"))
    )
    assert (response["applied"], response["rejected"]) == (1, [])
    ben.sync()
    row = ben.record("patients", new_id)
    assert row is not None and row["given_name"] == "Rae"
    assert "preferred_language" not in row
