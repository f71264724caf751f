"""Unlocking: the right passphrase opens, wrong ones wait longer each time, files stay untouched."""

from __future__ import annotations

import base64
import json
import os

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.storage.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    NotADatabase,
    TooManyAttempts,
    WeakPassphrase,
    WrongPassphrase,
)
from linkworker_desktop.storage.keyfile import KeyFile
from linkworker_desktop.storage.throttle import FREE_ATTEMPTS
from tests.conftest import FAST_KDF, PASSPHRASE


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def snapshot(files: profile.ProfileFiles) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (files.database, files.keys)}


@pytest.fixture
def closed(created, profile_files):
    """A caseload that was set up and then locked; returns its data key."""
    opened, _ = created
    key = opened.data_key
    opened.close()
    return key


def test_the_right_passphrase_opens_the_caseload(closed, profile_files):
    opened = profile.unlock(profile_files, PASSPHRASE)
    try:
        assert opened.data_key == closed
        assert opened.worker_name == "Sam Patel"
        assert opened.conn.execute("SELECT count(*) FROM workers").fetchone() == (1,)
    finally:
        opened.close()


def test_locking_closes_the_connection_and_forgets_the_key(open_profile):
    open_profile.close()
    assert not open_profile.is_open
    assert open_profile.conn is None
    with pytest.raises(RuntimeError, match="locked"):
        _ = open_profile.data_key
    open_profile.close()  # locking twice is harmless


def test_wrong_passphrases_wait_longer_each_time(closed, profile_files):
    clock = FakeClock()
    waits = []
    for attempt in range(1, FREE_ATTEMPTS + 3):
        with pytest.raises(WrongPassphrase) as caught:
            profile.unlock(profile_files, "not the passphrase", clock)
        assert caught.value.failures == attempt
        assert "not right" in str(caught.value)
        waits.append(caught.value.wait_seconds)
        clock.now += caught.value.wait_seconds  # wait it out before the next try
    assert waits[: FREE_ATTEMPTS - 1] == [0.0] * (FREE_ATTEMPTS - 1)
    assert 0 < waits[FREE_ATTEMPTS - 1] < waits[FREE_ATTEMPTS] < waits[FREE_ATTEMPTS + 1]


def test_trying_again_before_the_wait_is_over_is_refused_even_when_right(closed, profile_files):
    clock = FakeClock()
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase) as caught:
            profile.unlock(profile_files, "not the passphrase", clock)
    wait = caught.value.wait_seconds
    clock.now += wait - 0.5
    with pytest.raises(TooManyAttempts) as refused:
        profile.unlock(profile_files, PASSPHRASE, clock)
    assert refused.value.wait_seconds == pytest.approx(0.5)
    assert "wait 1 seconds" in str(refused.value)
    clock.now += 0.5
    profile.unlock(profile_files, PASSPHRASE, clock).close()
    # Success starts the count again from nothing.
    with pytest.raises(WrongPassphrase) as again:
        profile.unlock(profile_files, "not the passphrase", clock)
    assert again.value.failures == 1


def test_a_refused_early_try_does_not_count_as_a_mistake(closed, profile_files):
    clock = FakeClock()
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassphrase):
            profile.unlock(profile_files, "not the passphrase", clock)
    for _ in range(5):
        with pytest.raises(TooManyAttempts):
            profile.unlock(profile_files, "not the passphrase", clock)
    clock.now += 10_000
    with pytest.raises(WrongPassphrase) as caught:
        profile.unlock(profile_files, "not the passphrase", clock)
    assert caught.value.failures == FREE_ATTEMPTS + 1


def test_failed_attempts_leave_the_key_file_and_caseload_untouched(closed, profile_files):
    before = snapshot(profile_files)
    clock = FakeClock()
    for _ in range(FREE_ATTEMPTS + 2):
        with pytest.raises((WrongPassphrase, TooManyAttempts)):
            profile.unlock(profile_files, "not the passphrase", clock)
    assert snapshot(profile_files) == before


def test_a_missing_key_file_is_explained_and_the_caseload_untouched(closed, profile_files):
    database_before = profile_files.database.read_bytes()
    profile_files.keys.unlink()
    profile_files.keys_copy.unlink()  # with the copy there, unlocking falls back to it
    with pytest.raises(KeyFileMissing, match="has not been touched"):
        profile.unlock(profile_files, PASSPHRASE)
    assert profile_files.database.read_bytes() == database_before


def test_a_damaged_key_file_is_explained_and_the_caseload_untouched(closed, profile_files):
    database_before = profile_files.database.read_bytes()
    for keys in (profile_files.keys, profile_files.keys_copy):
        keys.write_text('{"format": "linkworker-keyfile", "ver', "utf-8")
    with pytest.raises(KeyFileDamaged, match="has not been touched"):
        profile.unlock(profile_files, PASSPHRASE)
    assert profile_files.database.read_bytes() == database_before


def test_a_caseload_file_that_is_not_a_database_is_refused_untouched(closed, profile_files):
    for suffix in ("-wal", "-shm"):
        assert not os.path.exists(f"{profile_files.database}{suffix}")
    junk = os.urandom(32 * 1024)
    profile_files.database.write_bytes(junk)
    with pytest.raises(NotADatabase):
        profile.unlock(profile_files, PASSPHRASE)
    assert profile_files.database.read_bytes() == junk


def test_an_empty_folder_is_no_profile(profile_files):
    with pytest.raises(profile.NoProfile, match="linkworker init"):
        profile.unlock(profile_files, PASSPHRASE)


def test_change_passphrase_rewraps_without_touching_the_caseload(open_profile, profile_files):
    database_before = snapshot(profile_files)["caseload.db"]
    data_key = open_profile.data_key
    profile.change_passphrase(open_profile, PASSPHRASE, "a brand new passphrase", kdf=FAST_KDF)
    assert snapshot(profile_files)["caseload.db"] == database_before
    open_profile.close()
    assert snapshot(profile_files)["caseload.db"][0] == database_before[0]
    keyfile = KeyFile.load(profile_files.keys)
    assert keyfile.open_with_passphrase("a brand new passphrase") == data_key
    assert keyfile.open_with_passphrase(PASSPHRASE) is None
    profile.unlock(profile_files, "a brand new passphrase").close()


def test_change_passphrase_keeps_the_recovery_key_working(created, profile_files):
    opened, recovery = created
    profile.change_passphrase(opened, PASSPHRASE, "a brand new passphrase", kdf=FAST_KDF)
    assert KeyFile.load(profile_files.keys).open_with_recovery(recovery) == opened.data_key


def test_change_passphrase_needs_the_current_one(open_profile, profile_files):
    keys_before = profile_files.keys.read_bytes()
    with pytest.raises(WrongPassphrase):
        profile.change_passphrase(
            open_profile, "not the passphrase", "a brand new one!", kdf=FAST_KDF
        )
    assert profile_files.keys.read_bytes() == keys_before


def test_change_passphrase_refuses_a_weak_new_one(open_profile, profile_files):
    keys_before = profile_files.keys.read_bytes()
    with pytest.raises(WeakPassphrase):
        profile.change_passphrase(open_profile, PASSPHRASE, "short", kdf=FAST_KDF)
    assert profile_files.keys.read_bytes() == keys_before


def test_a_tampered_passphrase_slot_is_damage_and_not_a_wrong_try(closed, profile_files):
    doc = json.loads(profile_files.keys.read_text("utf-8"))
    slot = next(s for s in doc["slots"] if s["kind"] == "passphrase")
    slot["kdf"]["salt"] = base64.b64encode(b"\1" * 16).decode()
    profile_files.keys.write_text(json.dumps(doc), "utf-8")
    profile_files.keys_copy.write_text(json.dumps(doc), "utf-8")
    for _ in range(FREE_ATTEMPTS + 1):
        with pytest.raises(KeyFileDamaged) as refused:
            profile.unlock(profile_files, PASSPHRASE)
    assert str(refused.value) == (
        f"The key file {profile_files.keys} is damaged (the passphrase slot does not match its "
        "checksum): restore it from your backup (the caseload file has not been touched)."
    )
    assert not profile_files.throttle.exists()


def test_a_folder_in_place_of_the_throttle_file_does_not_stop_unlocking(
    closed, profile_files, caplog
):
    profile_files.throttle.mkdir()
    with pytest.raises(WrongPassphrase):
        profile.unlock(profile_files, "not the passphrase at all")
    opened = profile.unlock(profile_files, PASSPHRASE)
    assert opened.is_open
    opened.close()
    assert profile_files.throttle.is_dir()
    assert len(caplog.records) == 1
    assert "cannot be used (it is a folder)" in caplog.records[0].getMessage()


def test_the_profile_folder_is_owner_only_and_an_old_open_one_is_tightened(closed, profile_files):
    assert profile_files.folder.stat().st_mode & 0o777 == 0o700
    os.chmod(profile_files.folder, 0o755)
    profile.unlock(profile_files, PASSPHRASE).close()
    assert profile_files.folder.stat().st_mode & 0o777 == 0o700


def test_a_new_profile_folder_and_its_missing_parents_are_owner_only(tmp_path):
    files = profile.ProfileFiles(tmp_path / "app-data" / "default")
    opened, _ = profile.create_profile(files, PASSPHRASE, "Sam Patel", kdf=FAST_KDF)
    opened.close()
    modes = {p.name: p.stat().st_mode & 0o777 for p in (files.folder, files.folder.parent)}
    assert modes == {"default": 0o700, "app-data": 0o700}
    assert files.database.stat().st_mode & 0o777 == 0o600
    assert files.keys.stat().st_mode & 0o777 == 0o600
