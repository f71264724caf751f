"""The key file is never the one thing that loses a caseload: a checked copy sits beside it."""

from __future__ import annotations

import json
import logging

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.storage.errors import KeyFileDamaged, KeyFileMissing, WrongPassphrase
from linkworker_desktop.storage.keyfile import KeyFile
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "a different long passphrase"


def test_every_save_writes_a_second_copy_the_same_and_owner_only(open_profile, profile_files):
    profile.change_passphrase(open_profile, PASSPHRASE, NEW_PASSPHRASE)
    copy = profile_files.keys_copy
    assert copy.name == "caseload.keys.copy"
    assert json.loads(copy.read_text()) == json.loads(profile_files.keys.read_text())
    assert copy.stat().st_mode & 0o777 == 0o600
    assert KeyFile.load(copy).open_with_passphrase(NEW_PASSPHRASE) == open_profile.data_key


@pytest.mark.parametrize("harm", ["deleted", "not json", "slot edited"])
def test_unlocking_falls_back_to_the_copy_with_a_warning_and_mends_the_file(
    open_profile, profile_files, caplog, harm
):
    data_key = open_profile.data_key
    good = profile_files.keys.read_text()
    open_profile.close()
    if harm == "deleted":
        profile_files.keys.unlink()
    elif harm == "not json":
        profile_files.keys.write_text("{ half a key file")
    else:
        doc = json.loads(good)
        doc["slots"][0]["nonce"] = "AAAAAAAAAAAAAAAA"
        profile_files.keys.write_text(json.dumps(doc))
    with caplog.at_level(logging.WARNING):
        opened = profile.unlock(profile_files, PASSPHRASE)
    try:
        assert opened.data_key == data_key
    finally:
        opened.close()
    assert [r.getMessage() for r in caplog.records] == [profile.KEY_FILE_FROM_COPY]
    assert json.loads(profile_files.keys.read_text()) == json.loads(good)


def test_the_recovery_key_also_opens_through_the_copy(created, profile_files):
    opened, recovery = created
    data_key = opened.data_key
    opened.close()
    profile_files.keys.unlink()
    reopened, _fresh = profile.unlock_with_recovery(profile_files, recovery, NEW_PASSPHRASE)
    try:
        assert reopened.data_key == data_key
    finally:
        reopened.close()
    assert KeyFile.load(profile_files.keys).open_with_passphrase(NEW_PASSPHRASE) == data_key


def test_a_wrong_passphrase_is_not_damage_and_never_reaches_for_the_copy(
    open_profile, profile_files, caplog
):
    open_profile.close()
    profile_files.keys_copy.write_text("not a key file either")
    with caplog.at_level(logging.WARNING), pytest.raises(WrongPassphrase):
        profile.unlock(profile_files, "not the passphrase at all")
    assert caplog.records == []
    assert profile_files.keys_copy.read_text() == "not a key file either"


def test_with_both_files_gone_or_damaged_the_key_file_error_is_the_one_said(
    open_profile, profile_files
):
    open_profile.close()
    profile_files.keys.unlink()
    profile_files.keys_copy.write_text("[]")
    with pytest.raises(KeyFileMissing):
        profile.unlock(profile_files, PASSPHRASE)
    profile_files.keys.write_text("{}")
    with pytest.raises(KeyFileDamaged):
        profile.unlock(profile_files, PASSPHRASE)


def test_a_caseload_from_before_the_copy_gets_one_when_it_opens(open_profile, profile_files):
    open_profile.close()
    profile_files.keys_copy.unlink()
    profile.unlock(profile_files, PASSPHRASE).close()
    assert json.loads(profile_files.keys_copy.read_text()) == json.loads(
        profile_files.keys.read_text()
    )
