"""Unlocking with the computer account through the OS keyring, and working without one."""

from __future__ import annotations

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.storage import os_keyring
from linkworker_desktop.storage.errors import KeyringUnavailable
from linkworker_desktop.storage.keyfile import KeyFile
from tests.conftest import FAST_KDF, PASSPHRASE


def test_enable_then_unlock_with_the_keyring(open_profile, profile_files, memory_keyring):
    data_key = open_profile.data_key
    profile.enable_keyring(open_profile)
    assert KeyFile.load(profile_files.keys).has_slot("keyring")
    assert len(memory_keyring.secrets) == 1
    open_profile.close()
    opened = profile.unlock_with_keyring(profile_files)
    assert opened is not None
    try:
        assert opened.data_key == data_key
        assert opened.worker_name == "Sam Patel"
    finally:
        opened.close()
    profile.unlock(profile_files, PASSPHRASE).close()


def test_the_keyring_holds_a_slot_secret_not_the_data_key(open_profile, memory_keyring):
    profile.enable_keyring(open_profile)
    (stored,) = memory_keyring.secrets.values()
    assert stored != open_profile.data_key.hex()
    assert PASSPHRASE not in stored


def test_disable_removes_the_slot_and_the_secret(open_profile, profile_files, memory_keyring):
    profile.enable_keyring(open_profile)
    profile.disable_keyring(open_profile)
    assert not KeyFile.load(profile_files.keys).has_slot("keyring")
    assert memory_keyring.secrets == {}
    open_profile.close()
    assert profile.unlock_with_keyring(profile_files) is None
    profile.unlock(profile_files, PASSPHRASE).close()


def test_without_a_keyring_enable_says_why_and_the_passphrase_still_works(
    open_profile, profile_files, no_keyring
):
    keys_before = profile_files.keys.read_bytes()
    with pytest.raises(KeyringUnavailable) as caught:
        profile.enable_keyring(open_profile)
    assert "passphrase alone" in str(caught.value)
    assert str(caught.value) == os_keyring.availability()[1]
    assert profile_files.keys.read_bytes() == keys_before
    open_profile.close()
    assert profile.unlock_with_keyring(profile_files) is None
    profile.unlock(profile_files, PASSPHRASE).close()


def test_a_keyring_that_went_away_falls_back_to_the_passphrase(
    open_profile, profile_files, memory_keyring
):
    profile.enable_keyring(open_profile)
    open_profile.close()
    memory_keyring.secrets.clear()  # a new computer account, or a wiped keyring
    assert profile.unlock_with_keyring(profile_files) is None
    profile.unlock(profile_files, PASSPHRASE).close()


def test_a_keyring_secret_for_another_key_file_opens_nothing(
    open_profile, profile_files, memory_keyring
):
    profile.enable_keyring(open_profile)
    open_profile.close()
    (account,) = memory_keyring.secrets
    memory_keyring.secrets[account] = "00" * 32
    assert profile.unlock_with_keyring(profile_files) is None


def test_enabling_the_keyring_keeps_a_passphrase_changed_elsewhere(open_profile, profile_files):
    # The desktop app stays unlocked while the passphrase is changed from the command line.
    elsewhere = profile.unlock(profile_files, PASSPHRASE)
    profile.change_passphrase(elsewhere, PASSPHRASE, "the newer passphrase", kdf=FAST_KDF)
    elsewhere.close()
    profile.enable_keyring(open_profile)
    open_profile.close()
    profile.unlock(profile_files, "the newer passphrase").close()
    assert profile.unlock_with_keyring(profile_files) is not None


def test_disabling_the_keyring_keeps_a_passphrase_changed_elsewhere(open_profile, profile_files):
    profile.enable_keyring(open_profile)
    elsewhere = profile.unlock(profile_files, PASSPHRASE)
    profile.change_passphrase(elsewhere, PASSPHRASE, "the newer passphrase", kdf=FAST_KDF)
    elsewhere.close()
    profile.disable_keyring(open_profile)
    open_profile.close()
    profile.unlock(profile_files, "the newer passphrase").close()
