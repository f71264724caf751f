"""The recovery key: sets a new passphrase once, and is then replaced by a new one."""

from __future__ import annotations

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.storage.errors import WeakPassphrase, WrongPassphrase, WrongRecoveryKey
from linkworker_desktop.storage.keyfile import KeyFile, new_recovery_key
from tests.conftest import FAST_KDF, PASSPHRASE

NEW_PASSPHRASE = "remembered this time, honestly"


@pytest.fixture
def forgotten(created):
    """The caseload is locked and its worker has forgotten the passphrase: the recovery key."""
    opened, recovery = created
    data_key = opened.data_key
    opened.close()
    return recovery, data_key


def test_recovery_sets_the_new_passphrase_and_issues_a_new_key(forgotten, profile_files):
    recovery, data_key = forgotten
    opened, fresh = profile.unlock_with_recovery(
        profile_files, recovery, NEW_PASSPHRASE, kdf=FAST_KDF
    )
    try:
        assert opened.data_key == data_key
        assert fresh != recovery
    finally:
        opened.close()
    profile.unlock(profile_files, NEW_PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        profile.unlock(profile_files, PASSPHRASE)
    keyfile = KeyFile.load(profile_files.keys)
    assert keyfile.open_with_recovery(recovery) is None
    assert keyfile.open_with_recovery(fresh) == data_key


def test_the_old_recovery_key_no_longer_works(forgotten, profile_files):
    recovery, _ = forgotten
    opened, _ = profile.unlock_with_recovery(profile_files, recovery, NEW_PASSPHRASE, kdf=FAST_KDF)
    opened.close()
    with pytest.raises(WrongRecoveryKey):
        profile.unlock_with_recovery(
            profile_files, recovery, "yet another passphrase", kdf=FAST_KDF
        )


def test_the_recovery_key_can_be_typed_in_lower_case_with_spaces(forgotten, profile_files):
    recovery, data_key = forgotten
    typed = recovery.lower().replace("-", " ")
    opened, _ = profile.unlock_with_recovery(profile_files, typed, NEW_PASSPHRASE, kdf=FAST_KDF)
    assert opened.data_key == data_key
    opened.close()


def test_a_wrong_recovery_key_changes_nothing(forgotten, profile_files):
    recovery, _ = forgotten
    keys_before = profile_files.keys.read_bytes()
    database_before = profile_files.database.read_bytes()
    with pytest.raises(WrongRecoveryKey):
        profile.unlock_with_recovery(
            profile_files, new_recovery_key(), NEW_PASSPHRASE, kdf=FAST_KDF
        )
    assert profile_files.keys.read_bytes() == keys_before
    assert profile_files.database.read_bytes() == database_before
    profile.unlock(profile_files, PASSPHRASE).close()


def test_a_wrong_recovery_key_counts_towards_the_wait(forgotten, profile_files):
    for _ in range(2):
        with pytest.raises(WrongRecoveryKey):
            profile.unlock_with_recovery(profile_files, "AAAA-BBBB", NEW_PASSPHRASE, kdf=FAST_KDF)
    with pytest.raises(WrongPassphrase) as caught:
        profile.unlock(profile_files, "not the passphrase")
    assert caught.value.failures == 3


def test_a_weak_new_passphrase_is_refused_before_anything_changes(forgotten, profile_files):
    recovery, data_key = forgotten
    keys_before = profile_files.keys.read_bytes()
    with pytest.raises(WeakPassphrase):
        profile.unlock_with_recovery(profile_files, recovery, "short", kdf=FAST_KDF)
    assert profile_files.keys.read_bytes() == keys_before
    assert KeyFile.load(profile_files.keys).open_with_recovery(recovery) == data_key
