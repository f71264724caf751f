"""NHS numbers: the modulus-11 check and the range reserved for testing."""

from __future__ import annotations

import random
import re
import unicodedata

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
TEST_RANGE_PREFIX = "999"
# Spaces of every kind, and the hyphens, dashes and minus signs that keyboards and pasted letters
# put between the 3-3-4 groups (U+2010 hyphen to U+2015 horizontal bar, U+2212 minus).
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")
SAME_DIGIT_REASON = (
    "An NHS number can't be ten of the same digit: check it with the patient's letter."
)


class InvalidNhsNumber(ValueError):
    """The text is not a valid NHS number; the message says why in plain words."""


def check_digit(first_nine: str) -> int | None:
    """The modulus-11 check digit of nine digits, or None when none is valid (11 - r == 10)."""
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS, strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    if digit == 10:
        return None
    return digit


def normalise(text: str) -> str:
    """Strip the spaces and dashes people type, keeping only what could be digits.

    Full-width digits (from an East Asian keyboard or a pasted PDF) are read as the digits they
    are. Superscripts and fractions ("²", "½") are left alone, so they are refused rather than
    quietly read as a digit nobody typed.
    """
    folded = "".join(
        ch if unicodedata.category(ch) == "No" else unicodedata.normalize("NFKC", ch)
        for ch in text or ""
    )
    return _SEPARATORS.sub("", folded)


def validate(text: str) -> str:
    """Return the ten-digit NHS number or raise InvalidNhsNumber with a reason."""
    digits = normalise(text)
    if not digits:
        raise InvalidNhsNumber("An NHS number is needed.")
    if not (digits.isascii() and digits.isdigit()):  # str.isdigit alone allows "²" and "９"
        raise InvalidNhsNumber("An NHS number has only digits.")
    if len(digits) != 10:
        raise InvalidNhsNumber(f"An NHS number has 10 digits; this has {len(digits)}.")
    if len(set(digits)) == 1:  # each passes modulus 11, but no person has one: it is a slip
        raise InvalidNhsNumber(SAME_DIGIT_REASON)
    expected = check_digit(digits[:9])
    if expected is None or expected != int(digits[9]):
        raise InvalidNhsNumber(
            "This is not a valid NHS number: its last digit does not match, so check it for a typo."
        )
    return digits


def is_valid(text: str) -> bool:
    try:
        validate(text)
    except InvalidNhsNumber:
        return False
    return True


def format_nhs_number(digits: str) -> str:
    """Display form 3-3-4, as printed on NHS letters."""
    d = normalise(digits)
    if len(d) != 10:
        return d
    return f"{d[:3]} {d[3:6]} {d[6:]}"


def generate_test_number(rng: random.Random) -> str:
    """A valid NHS number from the 999 range reserved for testing: never a real person's."""
    while True:
        first_nine = TEST_RANGE_PREFIX + "".join(str(rng.randrange(10)) for _ in range(6))
        digit = check_digit(first_nine)
        if digit is not None and first_nine + str(digit) != "9" * 10:
            return first_nine + str(digit)
