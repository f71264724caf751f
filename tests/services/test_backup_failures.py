"""A backup that cannot be written leaves no file that looks like a backup, and says why."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from linkworker_desktop.services import backups, profile
from tests.conftest import PASSPHRASE
from tests.services.backup_support import with_patients

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "usb-stick"
    made.mkdir()
    return made


def nothing_written(folder: Path) -> None:
    assert [p.name for p in folder.iterdir()] == []


def test_a_full_disk_part_way_through(open_profile, folder, monkeypatch):
    with_patients(open_profile, 20)
    written = zipfile.ZipFile.write

    def disk_fills(self, filename, *args, **kwargs):
        self.fp.write(b"\0" * 4096)  # some of the file reaches the disk first
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", disk_fills)
    with pytest.raises(backups.BackupError) as refused:
        backups.make_backup(open_profile, folder, NOW)
    assert str(refused.value) == (
        f"There is not enough space in the backup folder {folder}; free some space or choose "
        "another folder (no backup was written)."
    )
    nothing_written(folder)
    assert backups.last_good_backup(open_profile) is None
    assert not list(open_profile.files.folder.glob(".backup-snapshot-*"))
    monkeypatch.setattr(zipfile.ZipFile, "write", written)
    assert backups.make_backup(open_profile, folder, NOW).counts["patients"] == 20


def test_a_read_only_folder(open_profile, tmp_path):
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o500)
    else:
        # root writes through any mode bits: a "folder" that is a file cannot take a backup either
        folder = tmp_path / "read-only"
        folder.write_text("a file where the folder should be")
    try:
        with pytest.raises(backups.BackupError) as refused:
            backups.make_backup(open_profile, folder, NOW)
    finally:
        if folder.is_dir():
            folder.chmod(0o700)
    assert str(refused.value) == (
        f"The backup folder {folder} cannot be written to; choose another folder "
        "(no backup was written)."
    )
    assert backups.last_good_backup(open_profile) is None


def test_a_read_only_file_system(open_profile, folder, monkeypatch):
    opened = os.open

    def read_only(path, flags, *args):
        if str(path).startswith(str(folder)) and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return opened(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(backups.BackupError, match="cannot be written to"):
        backups.make_backup(open_profile, folder, NOW)
    monkeypatch.undo()
    nothing_written(folder)


def test_a_folder_that_disappears_between_runs(open_profile, folder):
    chosen = backups.BackupSettings(folder=folder, keep=3)
    backups.save_backup_settings(open_profile, chosen)
    first = backups.backup_now(open_profile, NOW)
    folder.joinpath(first.path.name).unlink()
    folder.rmdir()  # the USB stick is pulled out
    later = NOW + timedelta(days=1)
    assert backups.backup_due(open_profile, later)
    with pytest.raises(backups.BackupError) as refused:
        backups.backup_now(open_profile, later)
    assert str(refused.value) == (
        f"The backup folder {folder} is not there (a USB stick or network drive may be "
        "unplugged); plug it in or choose another folder (no backup was written)."
    )
    assert not folder.exists()
    assert backups.last_good_backup(open_profile) == first
    assert backups.backup_due(open_profile, later)


def test_no_folder_chosen_says_where_to_choose_one(open_profile):
    with pytest.raises(backups.BackupError) as refused:
        backups.backup_now(open_profile, NOW)
    assert str(refused.value) == (
        "No backup folder is chosen yet; choose one in Settings, Backups."
    )


@pytest.mark.slow
def test_killed_mid_write_leaves_no_file_that_looks_like_a_backup(
    open_profile, profile_files, folder
):
    with_patients(open_profile, 60)  # over a megabyte, so the child stalls part way
    open_profile.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.backup_child",
            str(profile_files.folder),
            str(folder),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        child.stdin.write(PASSPHRASE + "\n")
        child.stdin.flush()
        assert child.stdout.readline() == "writing\n", child.stderr.read()
        (partial,) = folder.iterdir()
        assert partial.stat().st_size >= 1024 * 1024
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert not partial.name.endswith(".lwbackup")
    assert [p for p in folder.iterdir() if p.name.endswith(".lwbackup")] == []
    assert backups.prune(folder, 1) == []  # a partial is never counted as a generation
    reopened = profile.unlock(profile_files, PASSPHRASE)
    try:
        assert backups.last_good_backup(reopened) is None
        info = backups.make_backup(reopened, folder, NOW)
    finally:
        reopened.close()
    assert backups.read_backup_info(info.path).counts["patients"] == 60
