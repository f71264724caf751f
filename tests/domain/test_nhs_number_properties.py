"""Properties of the modulus-11 check that hold for every number, not just the examples."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from linkworker_desktop.domain import nhs_number

seeds = st.integers(min_value=0, max_value=2**32)
nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def _weighted_sum(first_nine: str) -> int:
    return sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))


@given(seeds)
def test_every_generated_test_number_is_valid_and_in_the_999_range(seed):
    number = nhs_number.generate_test_number(random.Random(seed))
    assert len(number) == 10
    assert number.isdigit()
    assert number.startswith("999")
    assert nhs_number.is_valid(number)


@given(seeds, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_changing_any_one_digit_makes_a_valid_number_invalid(seed, position, shift):
    number = nhs_number.generate_test_number(random.Random(seed))
    changed_digit = (int(number[position]) + shift) % 10
    changed = number[:position] + str(changed_digit) + number[position + 1 :]
    assert changed != number
    assert not nhs_number.is_valid(changed)


@given(seeds, st.integers(min_value=0, max_value=7))
def test_swapping_two_different_neighbours_is_caught(seed, position):
    number = nhs_number.generate_test_number(random.Random(seed))
    a, b = number[position], number[position + 1]
    swapped = number[:position] + b + a + number[position + 2 :]
    assert nhs_number.is_valid(swapped) == (a == b)


@given(nine_digits)
def test_check_digit_agrees_with_the_rule_written_out(first_nine):
    remainder = _weighted_sum(first_nine) % 11
    digit = nhs_number.check_digit(first_nine)
    if remainder == 1:
        assert digit is None
    else:
        assert digit == (11 - remainder) % 11
        number = first_nine + str(digit)
        assert nhs_number.is_valid(number) == (number != number[0] * 10)


@given(seeds, st.sampled_from(["–", "—", "-", "\u00a0", " ", "\u2009", "\u3000", ""]))
def test_any_separator_and_full_width_digits_read_as_the_same_number(seed, separator):
    number = nhs_number.generate_test_number(random.Random(seed))
    wide = number.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    for digits in (number, wide):
        typed = separator.join((digits[:3], digits[3:6], digits[6:]))
        assert nhs_number.validate(typed) == number


@given(seeds)
def test_the_display_form_reads_back_as_the_same_number(seed):
    number = nhs_number.generate_test_number(random.Random(seed))
    assert nhs_number.validate(nhs_number.format_nhs_number(number)) == number
