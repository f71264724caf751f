"""The modulus-11 check on NHS numbers, with numbers whose validity is worked out by hand."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.nhs_number import InvalidNhsNumber

# Each checked by hand: sum of the first nine digits times 10..2, then 11 - (sum mod 11).
VALID = [
    "9434765919",  # 299 mod 11 = 2, check digit 9 (NHS England's published example)
    "4010232137",  # 92 mod 11 = 4, check digit 7
    "9990000018",  # 245 mod 11 = 3, check digit 8
    "9990000050",  # 253 mod 11 = 0, so 11 - 0 = 11 means check digit 0
]


@pytest.mark.parametrize("number", VALID)
def test_known_valid_numbers_pass(number):
    assert nhs_number.validate(number) == number
    assert nhs_number.is_valid(number)


@pytest.mark.parametrize("number", ["9434765918", "9434765910", "9990000019", "9999999990"])
def test_a_wrong_check_digit_is_refused(number):
    with pytest.raises(InvalidNhsNumber) as caught:
        nhs_number.validate(number)
    assert str(caught.value) == (
        "This is not a valid NHS number: its last digit does not match, so check it for a typo."
    )
    assert not nhs_number.is_valid(number)


@pytest.mark.parametrize(("text", "length"), [("943476591", 9), ("94347659190", 11)])
def test_the_wrong_number_of_digits_is_refused_with_the_count(text, length):
    with pytest.raises(InvalidNhsNumber, match=f"this has {length}"):
        nhs_number.validate(text)


@pytest.mark.parametrize("text", ["94347659A9", "943476591O", "943.476.5919", "94347659²9"])
def test_anything_but_digits_is_refused(text):
    with pytest.raises(InvalidNhsNumber, match="^An NHS number has only digits.$"):
        nhs_number.validate(text)


@pytest.mark.parametrize("digit", "0123456789")
def test_ten_of_the_same_digit_is_refused_though_it_passes_modulus_11(digit):
    number = digit * 10
    # 54 times the digit, mod 11, leaves 11 minus the digit, so the check digit is the digit.
    assert nhs_number.check_digit(number[:9]) == int(digit)
    with pytest.raises(InvalidNhsNumber) as caught:
        nhs_number.validate(number)
    assert str(caught.value) == (
        "An NHS number can't be ten of the same digit: check it with the patient's letter."
    )
    assert not nhs_number.is_valid(number)
    assert not nhs_number.is_valid(f"{digit * 3} {digit * 3} {digit * 4}")


def test_nine_of_one_digit_and_a_different_check_digit_is_judged_by_modulus_11():
    # 1111111110 has the wrong check digit (it would be 1); the same-digit rule does not apply.
    with pytest.raises(InvalidNhsNumber, match="last digit does not match"):
        nhs_number.validate("1111111110")


@pytest.mark.parametrize(
    "typed",
    [
        "943–476–5919",  # en dashes, as word processors turn hyphens
        "943—476—5919",  # em dashes
        "943‐476‐5919",  # U+2010 hyphen
        "943−476−5919",  # U+2212 minus sign
        "943\u00a0476\u00a05919",  # non-breaking spaces, as pasted from a letter
        "943\u2009476\u20095919",  # thin spaces
        "９４３４７６５９１９",  # full-width digits
        "９４３　４７６　５９１９",  # full-width digits and ideographic spaces
        "９４３－４７６－５９１９",  # full-width digits and full-width hyphen-minus
    ],
)
def test_other_dashes_spaces_and_full_width_digits_are_read_like_spaces(typed):
    assert nhs_number.validate(typed) == "9434765919"
    assert nhs_number.format_nhs_number(typed) == "943 476 5919"


@pytest.mark.parametrize("text", ["", "   ", "-"])
def test_an_empty_number_asks_for_one(text):
    with pytest.raises(InvalidNhsNumber) as caught:
        nhs_number.validate(text)
    assert str(caught.value) == "An NHS number is needed."


@pytest.mark.parametrize(
    "typed", ["943 476 5919", "943-476-5919", " 943 476 5919 ", "943\t476\t5919", "9434-765-919"]
)
def test_spaces_and_dashes_are_accepted_and_removed(typed):
    assert nhs_number.validate(typed) == "9434765919"


def test_nine_digits_whose_check_digit_would_be_ten_make_no_valid_number():
    # 9*10 + 9*9 + 9*8 = 243, and 243 mod 11 = 1, so the check digit would be 11 - 1 = 10.
    assert nhs_number.check_digit("999000000") is None
    for last in "0123456789":
        assert not nhs_number.is_valid("999000000" + last)


def test_check_digit_eleven_is_written_as_zero():
    assert nhs_number.check_digit("999000005") == 0


def test_display_form_is_three_three_four():
    assert nhs_number.format_nhs_number("9434765919") == "943 476 5919"
    assert nhs_number.format_nhs_number("943-476-5919") == "943 476 5919"
    assert nhs_number.format_nhs_number("12345") == "12345"


class NinesFirst:
    """Draws 9 six times (making 9999999999), then the digits of 9990000018."""

    def __init__(self):
        self.draws = iter([9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 1])

    def randrange(self, _stop: int) -> int:
        return next(self.draws)


def test_a_generated_test_number_is_never_ten_nines():
    assert nhs_number.generate_test_number(NinesFirst()) == "9990000018"
