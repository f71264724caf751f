"""Records of one shape are checked at once, and every one of them still within bounds."""

from __future__ import annotations

import pytest

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
