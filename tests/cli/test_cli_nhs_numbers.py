"""NHS numbers typed at the command line: dashes and full-width digits read, slips refused."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli_caseload import STDIN, listing
from tests.cli.test_cli_errors import assert_one_sentence


@pytest.mark.parametrize("digit", ["0", "1", "9"])
def test_ten_of_the_same_digit_is_refused_with_the_reason(cli, initialised, digit):
    text = assert_one_sentence(cli("patient", f"{digit * 3} {digit * 3} {digit * 4}", stdin=STDIN))
    assert text == (
        "An NHS number can't be ten of the same digit: check it with the patient's letter."
    )


@pytest.mark.parametrize("separator", ["–", "—", "\u00a0"])
def test_a_patient_is_found_by_a_number_typed_with_dashes(cli, with_demo, separator):
    wanted = listing(cli)[3]
    number = wanted["nhs_number"]
    typed = separator.join((number[:3], number[3:6], number[6:]))
    result = cli("patient", typed, "--json", stdin=STDIN)
    assert result.code == 0, result.err
    assert json.loads(result.out)["id"] == wanted["patient_id"]


def test_a_patient_is_found_by_full_width_digits(cli, with_demo):
    wanted = listing(cli)[5]
    wide = wanted["nhs_number"].translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    result = cli("patient", wide, "--json", stdin=STDIN)
    assert result.code == 0, result.err
    assert json.loads(result.out)["id"] == wanted["patient_id"]
