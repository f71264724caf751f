"""``linkworker backup`` and ``linkworker restore`` from a terminal."""

from __future__ import annotations

from pathlib import Path

from linkworker_desktop.services import backups, profile
from tests.cli.conftest import RECOVERY_KEY
from tests.cli.test_bad_inputs import assert_one_sentence
from tests.conftest import PASSPHRASE

STDIN = PASSPHRASE + "\n"
NEW = "a new passphrase for the new laptop"


def _only_backup(folder: Path) -> Path:
    (found,) = folder.iterdir()
    return found


def test_backup_prints_the_file_and_its_counts(cli, with_demo, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    result = cli("backup", "--to", str(folder), stdin=STDIN)
    assert result.code == 0, result.err
    path = _only_backup(folder)
    info = backups.read_backup_info(path)
    assert info.counts["patients"] == 60
    size = f"{path.stat().st_size / 1_000_000:.1f} MB"
    assert result.out == (
        f"Backed up 60 patients, {info.counts['referrals']} referrals and "
        f"{info.counts['sessions']} sessions to {path} ({size}).\n"
        "It opens with this caseload's current passphrase or recovery key.\n"
    )


def test_restore_with_the_passphrase_keeps_the_old_caseload_aside(
    cli, with_demo, data_dir, tmp_path
):
    folder = tmp_path / "usb"
    folder.mkdir()
    assert cli("backup", "--to", str(folder), stdin=STDIN).code == 0
    path = _only_backup(folder)
    listing = cli("patients", stdin=STDIN).out
    result = cli("restore", str(path), stdin=STDIN)
    assert result.code == 0, result.err
    (aside,) = backups.kept_aside(profile.ProfileFiles(data_dir))
    lines = result.out.splitlines()
    assert lines[0].startswith("Restored 60 patients, ")
    assert lines[0].endswith(f" into {data_dir}.")
    assert lines[1] == f"The caseload that was there is kept, unchanged, in {aside}."
    assert len(lines) == 2  # never enrolled: nothing to say about a hub
    assert cli("patients", stdin=STDIN).out == listing


def test_restore_with_the_recovery_key_sets_a_new_passphrase(cli, with_demo, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    assert cli("backup", "--to", str(folder), stdin=STDIN).code == 0
    recovery = with_demo
    result = cli("restore", str(_only_backup(folder)), "--recovery", stdin=f"{recovery}\n{NEW}\n")
    assert result.code == 0, result.err
    assert not RECOVERY_KEY.findall(result.out)  # the recovery key written down still stands
    assert cli("patients", stdin=f"{NEW}\n").code == 0
    assert_one_sentence(cli("patients", stdin=STDIN))


def test_restore_with_the_wrong_passphrase_changes_nothing(cli, with_demo, data_dir, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    assert cli("backup", "--to", str(folder), stdin=STDIN).code == 0
    path = _only_backup(folder)
    before = sorted(p.name for p in data_dir.parent.iterdir())
    text = assert_one_sentence(cli("restore", str(path), stdin="not the right passphrase\n"))
    assert text.startswith(f"That passphrase does not open the backup {path.name}: ")
    assert sorted(p.name for p in data_dir.parent.iterdir()) == before


def test_backup_without_to_uses_the_chosen_folder_and_keeps_its_generations(
    cli, initialised, data_dir, tmp_path
):
    folder = tmp_path / "chosen"
    folder.mkdir()
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        backups.save_backup_settings(opened, backups.BackupSettings(folder=folder, keep=1))
    finally:
        opened.close()
    for name in ("caseload-2020-01-01-0900.lwbackup", "caseload-2020-01-02-0900.lwbackup"):
        (folder / name).write_bytes(b"an old generation")
    result = cli("backup", stdin=STDIN)
    assert result.code == 0, result.err
    (kept,) = folder.iterdir()
    assert kept.name != "caseload-2020-01-02-0900.lwbackup"
    assert backups.read_backup_info(kept).worker_name == "Sam Patel"
