"""Records of one shape are checked at once, and every one of them still within bounds."""

from __future__ import annotations

import pytest

from linkworker_desktop.hub import validation
from linkworker_desktop.hub.validation import MAX_TEXT, InvalidRecord, check

PATIENT = {"given_name": "Rae", "family_name": "Testperson", "consent_to_contact": 1}


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
