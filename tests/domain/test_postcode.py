"""UK postcodes against the published format rules, with codes Royal Mail really uses."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker_desktop.domain.postcode import normalise_postcode, postcode_problem

SHAPE = "This does not look like a UK postcode (for example LS1 4AP)."
FIRST = "A postcode never starts with Q, V or X."
SECOND = "A postcode's second letter is never I, J or Z."
INWARD = "The last part of a postcode never uses C, I, K, M, O or V."

# One real postcode of each outward shape, and the two special kinds.
REAL = [
    ("M1 1AE", "A9"),
    ("B33 8TH", "A99"),
    ("CR2 6XH", "AA9"),
    ("DN55 1PT", "AA99"),
    ("W1A 0AX", "A9A"),
    ("EC1A 1BB", "AA9A"),
    ("GIR 0AA", "Girobank"),
    ("BFPO 1", "forces, one digit"),
    ("BFPO 825", "forces, three digits"),
    ("BFPO 2001", "forces, four digits"),
]


@pytest.mark.parametrize(("postcode", "shape"), REAL)
def test_real_postcodes_of_every_shape_pass(postcode, shape):
    assert postcode_problem(postcode) is None, shape
    assert normalise_postcode(postcode.lower().replace(" ", "")) == postcode


@pytest.mark.parametrize(
    ("postcode", "reason"),
    [
        ("Q1 1AA", FIRST),
        ("V1 1AA", FIRST),
        ("X10 1AA", FIRST),
        ("AI1 1AA", SECOND),
        ("BJ12 1AA", SECOND),
        ("LZ1 1AA", SECOND),
        ("BB12 7CA", INWARD),
        ("LS1 4AI", INWARD),
        ("LS1 4KA", INWARD),
        ("LS1 4MO", INWARD),
        ("LS1 4AV", INWARD),
        (
            "W1I 1AA",
            "In a postcode like W1A, the letter after the digit is one of "
            "A, B, C, D, E, F, G, H, J, K, P, S, T, U or W.",
        ),
        (
            "EC1C 1BB",
            "In a postcode like EC1A, the last letter before the space is one of "
            "A, B, E, H, M, N, P, R, V, W, X or Y.",
        ),
        ("BFPO 12345", SHAPE),
        ("BFPO", SHAPE),
        ("GIR 0AB", SHAPE),
        ("LS123 4AP", SHAPE),
        ("1S1 4AP", SHAPE),
        ("LS1 AAP", SHAPE),
        ("LS1 44P", SHAPE),
    ],
)
def test_impossible_postcodes_are_refused_with_the_rule_they_break(postcode, reason):
    assert postcode_problem(normalise_postcode(postcode)) == reason


@pytest.mark.parametrize(
    ("typed", "tidied"),
    [
        ("ls14ap", "LS1 4AP"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("gir0aa", "GIR 0AA"),
        ("bfpo1234", "BFPO 1234"),
        ("BFPO  57", "BFPO 57"),
        ("ｌｓ１ ４ａｐ", "LS1 4AP"),  # full-width, as some keyboards type
        (" e1 ", "E1"),
        ("ls1", "LS1"),  # too short to be whole: left as typed, in capitals
        ("w1aa", "W1AA"),
        ("m11ae", "M1 1AE"),  # the shortest whole postcode is five characters
        ("", ""),
    ],
)
def test_tidying_capitalises_and_puts_one_space_before_the_inward_code(typed, tidied):
    assert normalise_postcode(typed) == tidied


LETTERS = string.ascii_uppercase
allowed_first = st.sampled_from([c for c in LETTERS if c not in "QVX"])
allowed_second = st.sampled_from([c for c in LETTERS if c not in "IJZ"])
allowed_inward = st.sampled_from([c for c in LETTERS if c not in "CIKMOV"])
digits = st.sampled_from(string.digits)


@st.composite
def valid_postcodes(draw) -> str:
    first, second, digit = draw(allowed_first), draw(allowed_second), draw(digits)
    outward = draw(
        st.sampled_from(
            [
                f"{first}{digit}",
                f"{first}{digit}{draw(digits)}",
                f"{first}{second}{digit}",
                f"{first}{second}{digit}{draw(digits)}",
                f"{first}{digit}{draw(st.sampled_from('ABCDEFGHJKPSTUW'))}",
                f"{first}{second}{digit}{draw(st.sampled_from('ABEHMNPRVWXY'))}",
            ]
        )
    )
    return f"{outward} {draw(digits)}{draw(allowed_inward)}{draw(allowed_inward)}"


@given(valid_postcodes())
def test_every_postcode_the_rules_allow_passes_however_it_is_typed(postcode):
    assert postcode_problem(postcode) is None
    assert normalise_postcode(postcode.replace(" ", "").lower()) == postcode


@given(valid_postcodes(), st.sampled_from("QVX"))
def test_a_first_letter_q_v_or_x_is_always_refused(postcode, letter):
    assert postcode_problem(letter + postcode[1:]) == FIRST


@given(valid_postcodes(), st.sampled_from("CIKMOV"), st.sampled_from([-1, -2]))
def test_a_forbidden_inward_letter_is_always_refused(postcode, letter, place):
    changed = list(postcode)
    changed[place] = letter
    assert postcode_problem("".join(changed)) == INWARD
