"""Records of one shape are checked at once, and every one of them still within bounds."""

from __future__ import annotations

import random

import pytest

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.hub import validation
from linkworker_desktop.hub.validation import MAX_TEXT, InvalidRecord, check

PATIENT = {"given_name": "Rae", "family_name": "Testperson", "consent_to_contact": 1}


@pytest.fixture(autouse=True)
def no_shapes_seen(monkeypatch):
    """Each test settles its shapes itself, not from whatever the process checked before."""
    monkeypatch.setattr(validation, "_shapes", {})
    monkeypatch.setattr(validation, "_layouts", {})


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("given_name", "x" * (MAX_TEXT + 1), "given_name is too long"),
        ("consent_to_contact", 2**63, "consent_to_contact must be a whole number"),
        ("consent_to_contact", -(2**63) - 1, "consent_to_contact must be a whole number"),
        ("consent_to_contact", "yes", "consent_to_contact must be a whole number"),
        ("family_name", 7, "family_name must be text"),
        ("given_name", None, "given_name must have a value"),
        ("given_name", ["Rae"], "given_name must be a single value, not a list or an object"),
    ],
)
def test_a_value_out_of_bounds_is_refused_in_a_shape_already_seen(field, value, reason):
    for n in range(3):  # the shape is settled once, then each record checked by its bounds
        check("patients", f"p-{n}", {**PATIENT, "given_name": f"Rae {n}"}, probed=True)
    shape = ("patients", tuple(PATIENT), (str, str, int))
    assert validation._shapes[shape] == ((0, 1), (2,))
    with pytest.raises(InvalidRecord) as refused:
        check("patients", "p-bad", {**PATIENT, field: value}, probed=True)
    assert str(refused.value) == reason


def test_the_longest_text_and_the_largest_numbers_allowed_are_kept():
    check(
        "patients",
        "p-edge",
        {**PATIENT, "given_name": "x" * MAX_TEXT, "consent_to_contact": 2**63 - 1},
        probed=True,
    )
    check("patients", "p-edge", {**PATIENT, "consent_to_contact": -(2**63)}, probed=True)


@pytest.mark.parametrize(
    "record",
    [
        PATIENT,
        {**PATIENT, "given_name": "x" * MAX_TEXT},
        {**PATIENT, "consent_to_contact": 2**63 - 1},
        {**PATIENT, "consent_to_contact": -(2**63)},
        {"given_name": "Rae", "family_name": "Testperson"},  # no numbers at all
        {"consent_to_contact": 1, "deleted": 0},  # no text at all
    ],
    ids=["plain", "longest text", "largest number", "smallest number", "text only", "numbers only"],
)
def test_a_record_within_bounds_is_settled_by_its_shape_first_time_and_after(record):
    """The quick path is taken (not only the same verdict reached the slow way)."""
    assert validation._plainly_valid("patients", record) is True
    assert len(validation._shapes) == 1
    assert validation._plainly_valid("patients", dict(record)) is True  # from the kept shape
    assert len(validation._shapes) == 1


def test_a_bad_field_after_an_empty_one_is_still_looked_at():
    record = {"given_name": "Rae", "preferred_name": None, "family_name": 7}
    assert validation._plainly_valid("patients", record) is False
    with pytest.raises(InvalidRecord, match="^family_name must be text$"):
        check("patients", "p-1", record, probed=True)


def test_no_more_shapes_are_kept_than_the_limit(monkeypatch):
    monkeypatch.setattr(validation, "_SHAPES_KEPT", 2)
    for fields in (("given_name",), ("family_name",), ("town",)):
        check("patients", "p-1", dict.fromkeys(fields, "Leeds"), probed=True)
    assert len(validation._shapes) == 2


def _together(*records):
    """The patients tried as one batch, each with an NHS number of their own."""
    numbers = iter(sorted({nhs_number.generate_test_number(random.Random(n)) for n in range(50)}))
    batch = [(f"p-{n}", {**r, "nhs_number": next(numbers)}) for n, r in enumerate(records)]
    return validation.fits_together("patients", batch)


NEW_PATIENT = {
    "nhs_number": "9990000018",
    "given_name": "Rae",
    "family_name": "Testperson",
    "date_of_birth": "1970-02-03",
    "consent_to_contact": 1,
    "deleted": 0,
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("given_name", "x" * (MAX_TEXT + 1)),
        ("consent_to_contact", 2**63),
        ("consent_to_contact", -(2**63) - 1),
        ("consent_to_contact", "yes"),
        ("family_name", 7),
        ("given_name", None),
        ("given_name", ["Rae"]),
        ("consent_to_contact", True),
        ("consent_to_contact", 1.0),
        ("nickname", "Ray"),  # a field laptops do not have: checked one by one
        ("consent_to_contact", 2),  # breaks the table's CHECK
    ],
)
def test_one_bad_record_among_good_ones_sends_the_batch_to_be_checked_one_by_one(field, value):
    good = [{**NEW_PATIENT, "given_name": f"Rae {n}"} for n in range(4)]
    assert _together(*good) is True
    assert _together(*good, {**NEW_PATIENT, field: value}) is False
    assert _together({**NEW_PATIENT, field: value}, *good) is False


def test_the_edges_of_every_bound_pass_together():
    assert _together(
        {**NEW_PATIENT, "given_name": "x" * MAX_TEXT, "consent_to_contact": 0},
        {**NEW_PATIENT, "consent_to_contact": None},  # empty in one, set in the others
        {**NEW_PATIENT, "preferred_name": "Ray"},
    )
    # Allowed empty by the field checks, refused by the table (NOT NULL with a default).
    assert _together(NEW_PATIENT, {**NEW_PATIENT, "preferred_name": None}) is False


SESSION = {
    "patient_id": "p-1",
    "template_id": "initial",
    "kind": "initial",
    "planned_minutes": 45,
    "started_at": "2026-11-30T09:00:00+00:00",
    "ended_at": None,
    "duration_seconds": None,
    "created_at": "2026-11-30T09:00:00+00:00",
    "updated_at": "2026-11-30T09:00:00+00:00",
    "author_id": "w-1",
}


def _sessions(*changes):
    """Sessions tried together: SESSION with each of ``changes`` in turn."""
    records = [(f"s-{n}", {**SESSION, **change}) for n, change in enumerate(changes)]
    return validation.fits_together("sessions", records)


def test_a_number_column_the_table_would_take_text_in_still_refuses_text():
    """SQLite keeps 'long' in an INTEGER column without a CHECK; a laptop's code would not."""
    assert _sessions({"duration_seconds": 2700}, {"duration_seconds": 3600}) is True
    assert _sessions({"duration_seconds": 2700}, {"duration_seconds": "long"}) is False
    assert _sessions({"duration_seconds": "long"}, {"duration_seconds": "longer"}) is False


def test_whole_numbers_anywhere_in_range_pass_and_past_it_do_not():
    assert _sessions({"duration_seconds": 2**63 - 1}, {"duration_seconds": -(2**63)}) is True
    assert _sessions({"planned_minutes": 126}, {"planned_minutes": 10_000}) is True
    assert _sessions({"duration_seconds": 2**63}) is False
    assert _sessions({"duration_seconds": -(2**63) - 1}) is False


def test_a_bad_column_after_an_empty_one_is_still_looked_at():
    assert _sessions({"ended_at": None, "duration_seconds": 60}) is True
    # ended_at is empty in every record; the text in the number column after it still counts.
    assert _sessions({"ended_at": None, "duration_seconds": "an hour"}) is False


def test_records_of_several_shapes_are_each_tried_and_nothing_is_kept():
    assert _together(NEW_PATIENT, {**NEW_PATIENT, "town": "Leeds"}, dict(NEW_PATIENT)) is True
    assert (
        validation.fits_together("patients", [("p-1", NEW_PATIENT), ("p-2", NEW_PATIENT)]) is False
    )
    conn = validation.template()
    assert conn.execute("SELECT COUNT(*) FROM patients").fetchone() == (0,)


def test_two_new_records_that_clash_on_a_unique_key_do_not_pass_together():
    note = {"session_id": "s-1", "stage_id": "welcome", "text": "Met at home."}
    assert validation.fits_together("session_notes", [("n-1", note)]) is True
    assert validation.fits_together("session_notes", [("n-1", note), ("n-2", dict(note))]) is False


def test_nothing_to_try_and_an_unknown_kind_do_not_pass():
    assert validation.fits_together("patients", []) is False
    assert validation.fits_together("spaceships", [("x-1", {"name": "Ark"})]) is False


def test_the_schema_tried_against_keeps_every_rule_and_no_lookup_index():
    conn = validation.template()
    indexes = [
        (table, unique, origin)
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        for _seq, _name, unique, origin, _partial in conn.execute(f"PRAGMA index_list({table})")
    ]
    assert all(unique for _table, unique, _origin in indexes)
    assert ("session_notes", 1, "u") in indexes  # one note per session stage
    assert ("patients", 1, "c") in indexes  # one live patient per NHS number
