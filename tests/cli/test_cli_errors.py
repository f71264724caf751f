"""Errors go to standard error as one plain sentence, with exit code 1 and no traceback."""

from __future__ import annotations

import os
import re

from linkworker_desktop.services import profile
from tests.conftest import PASSPHRASE
from tests.support.factories import fresh_nhs_number

STDIN = PASSPHRASE + "\n"


def assert_one_sentence(result) -> str:
    assert result.code == 1
    assert result.out == ""
    message = result.err.rstrip("\n")
    assert "\n" not in message, message
    assert "Traceback" not in message
    assert message.startswith("linkworker: ")
    text = message.removeprefix("linkworker: ")
    assert text[0].isupper() and text.endswith("."), text
    assert not re.search(r"[.!?]\s+[A-Z]", text), f"more than one sentence: {text}"
    return text


def test_a_wrong_passphrase(cli, initialised):
    text = assert_one_sentence(cli("patients", stdin="not the passphrase\n"))
    assert "passphrase is not right" in text


def test_too_many_wrong_passphrases(cli, initialised):
    for _ in range(3):
        cli("patients", stdin="not the passphrase\n")
    text = assert_one_sentence(cli("patients", stdin=STDIN))
    assert "wait" in text


def test_an_unknown_status(cli, initialised):
    text = assert_one_sentence(cli("patients", "--status", "finished", stdin=STDIN))
    assert "'finished'" in text
    assert "did_not_engage" in text


def test_an_invalid_nhs_number(cli, initialised):
    text = assert_one_sentence(cli("patient", "943 476 5918", stdin=STDIN))
    assert "not a valid NHS number" in text


def test_an_nhs_number_not_in_the_caseload(cli, initialised):
    text = assert_one_sentence(cli("patient", fresh_nhs_number(), stdin=STDIN))
    assert "No patient" in text


def test_no_profile_yet(cli):
    text = assert_one_sentence(cli("patients", stdin=STDIN))
    assert "linkworker init" in text


def test_a_missing_key_file(cli, initialised, data_dir):
    profile.ProfileFiles(data_dir).keys.unlink()
    profile.ProfileFiles(data_dir).keys_copy.unlink()
    text = assert_one_sentence(cli("patients", stdin=STDIN))
    assert "missing" in text


def test_a_caseload_file_that_is_not_a_database(cli, initialised, data_dir):
    database = profile.ProfileFiles(data_dir).database
    junk = os.urandom(8192)
    database.write_bytes(junk)
    text = assert_one_sentence(cli("patients", stdin=STDIN))
    assert "nothing has been changed" in text
    assert database.read_bytes() == junk


def test_a_negative_number_of_demo_patients(cli, initialised):
    text = assert_one_sentence(cli("demo-data", "--patients", "-5", stdin=STDIN))
    assert "negative" in text


def test_a_weak_new_passphrase(cli, initialised):
    text = assert_one_sentence(cli("change-passphrase", stdin=f"{PASSPHRASE}\nshort\n"))
    assert "10 characters" in text
