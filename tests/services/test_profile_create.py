"""Setting up a new encrypted caseload."""

from __future__ import annotations

import pytest

from linkworker_desktop.services import profile
from linkworker_desktop.storage.errors import StorageError, WeakPassphrase
from linkworker_desktop.storage.keyfile import KeyFile
from tests.conftest import FAST_KDF, PASSPHRASE


def test_a_new_caseload_is_open_with_its_worker_and_team(created, profile_files):
    opened, recovery = created
    assert opened.is_open
    assert (opened.worker_name, opened.team_name) == ("Sam Patel", "North PCN")
    assert profile_files.database.exists()
    assert profile_files.keys.exists()
    assert len(recovery.replace("-", "")) == 32
    assert KeyFile.load(profile_files.keys).open_with_recovery(recovery) == opened.data_key


def test_the_worker_is_recorded_as_author_of_the_set_up(open_profile):
    conn = open_profile.conn
    worker_id = open_profile.actor.worker_id
    authors = {
        row[0]
        for row in conn.execute("SELECT author_id FROM workers UNION SELECT author_id FROM teams")
    }
    assert authors == {worker_id}
    assert open_profile.actor.client_id != worker_id
    team_of_worker = conn.execute(
        "SELECT team_id FROM workers WHERE id = ?", (worker_id,)
    ).fetchone()[0]
    assert conn.execute("SELECT name FROM teams WHERE id = ?", (team_of_worker,)).fetchone() == (
        "North PCN",
    )


def test_without_a_team_the_worker_has_none(tmp_path):
    opened, _ = profile.create_profile(
        profile.ProfileFiles(tmp_path / "solo"), PASSPHRASE, "Jo Example", kdf=FAST_KDF
    )
    try:
        assert opened.team_name == ""
        assert opened.conn.execute("SELECT count(*) FROM teams").fetchone() == (0,)
    finally:
        opened.close()


@pytest.mark.parametrize("weak", ["", "   ", "123456789", "short"])
def test_a_weak_passphrase_is_refused_and_nothing_is_written(profile_files, weak):
    with pytest.raises(WeakPassphrase) as caught:
        profile.create_profile(profile_files, weak, "Sam Patel", kdf=FAST_KDF)
    assert str(caught.value)
    assert not profile_files.exists()


def test_ten_characters_is_enough(profile_files):
    opened, _ = profile.create_profile(profile_files, "ten chars!", "Sam Patel", kdf=FAST_KDF)
    opened.close()
    profile.unlock(profile_files, "ten chars!").close()


@pytest.mark.parametrize("name", ["", "   "])
def test_a_name_is_needed_and_nothing_is_written(profile_files, name):
    with pytest.raises(StorageError, match="name is needed"):
        profile.create_profile(profile_files, PASSPHRASE, name, kdf=FAST_KDF)
    assert not profile_files.exists()


def test_a_second_set_up_in_the_same_folder_is_refused(created, profile_files):
    keys, database = profile_files.keys.read_bytes(), profile_files.database.read_bytes()
    with pytest.raises(profile.ProfileExists):
        profile.create_profile(profile_files, "another passphrase", "Someone Else", kdf=FAST_KDF)
    assert profile_files.keys.read_bytes() == keys
    assert profile_files.database.read_bytes() == database


def test_a_set_up_that_fails_half_way_leaves_nothing_behind(profile_files, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(profile.database, "connect", disk_full)
    with pytest.raises(OSError):
        profile.create_profile(profile_files, PASSPHRASE, "Sam Patel", kdf=FAST_KDF)
    assert not profile_files.exists()
    assert [p.name for p in profile_files.folder.iterdir()] == []


def test_set_up_calibrates_the_passphrase_cost_when_not_told(profile_files, monkeypatch):
    asked = []
    monkeypatch.setattr(profile, "calibrate", lambda: asked.append(True) or FAST_KDF)
    opened, _ = profile.create_profile(profile_files, PASSPHRASE, "Sam Patel")
    opened.close()
    assert asked == [True]


def test_the_data_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LINKWORKER_DATA_DIR", str(tmp_path / "elsewhere"))
    assert profile.default_data_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("LINKWORKER_DATA_DIR")
    assert profile.default_data_dir().name == "default"
    assert "linkworker-desktop" in str(profile.default_data_dir())
