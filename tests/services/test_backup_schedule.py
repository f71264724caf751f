"""When a backup is due, when the person is reminded, and how many generations are kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from linkworker_desktop.services import backups
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.sync import state

NOW = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "backups"
    made.mkdir()
    return made


def set_created_at(profile, when: datetime) -> None:
    profile.conn.execute("UPDATE profile SET created_at = ?", (when.isoformat(),))


def enrol_by_hand(profile) -> None:
    profile.conn.execute("BEGIN")
    state.put(profile.conn, "hub_url", "https://hub.example.nhs.uk")
    profile.conn.execute("COMMIT")


def test_the_name_is_the_local_time_to_the_minute(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    assert backups.backup_name(datetime(2026, 6, 10, 8, 5, 59, tzinfo=UTC)) == (
        "caseload-2026-06-10-0905.lwbackup"  # BST
    )
    assert backups.backup_name(datetime(2026, 1, 10, 8, 5, tzinfo=UTC)) == (
        "caseload-2026-01-10-0805.lwbackup"  # GMT
    )
    assert backups.backup_name(datetime(2026, 1, 10, 23, 59)) == (
        "caseload-2026-01-10-2359.lwbackup"  # a naive time is local already
    )


def test_settings_start_with_no_folder_and_keep_what_is_saved(open_profile, folder):
    assert backups.backup_settings(open_profile) == backups.BackupSettings(
        folder=None, keep=7, daily=True, on_quit=True
    )
    chosen = backups.BackupSettings(folder=folder, keep=3, daily=False, on_quit=True)
    backups.save_backup_settings(open_profile, chosen)
    assert backups.backup_settings(open_profile) == chosen
    backups.save_backup_settings(open_profile, backups.BackupSettings(folder=folder, keep=0))
    assert backups.backup_settings(open_profile).keep == 1  # at least one is always kept


def test_a_daily_backup_is_due_24_hours_after_the_last_good_one(open_profile, folder):
    assert not backups.backup_due(open_profile, NOW)  # no folder chosen: nothing to do
    backups.save_backup_settings(open_profile, backups.BackupSettings(folder=folder))
    assert backups.backup_due(open_profile, NOW)  # never backed up
    backups.make_backup(open_profile, folder, NOW)
    assert not backups.backup_due(open_profile, NOW + timedelta(hours=23, minutes=59))
    assert backups.backup_due(open_profile, NOW + timedelta(hours=24))
    backups.save_backup_settings(open_profile, backups.BackupSettings(folder=folder, daily=False))
    assert not backups.backup_due(open_profile, NOW + timedelta(days=3))


def test_a_naive_now_is_local_time_for_the_schedule(open_profile, folder, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    backups.save_backup_settings(open_profile, backups.BackupSettings(folder=folder))
    backups.make_backup(open_profile, folder, NOW)  # 09:00 BST
    assert not backups.backup_due(open_profile, datetime(2026, 6, 11, 8, 59))
    assert backups.backup_due(open_profile, datetime(2026, 6, 11, 9, 0))


def test_the_reminder_comes_7_days_after_the_last_backup(open_profile, folder):
    set_created_at(open_profile, NOW - timedelta(days=30))
    backups.make_backup(open_profile, folder, NOW)
    assert not backups.reminder_due(open_profile, NOW + timedelta(days=7) - timedelta(seconds=1))
    assert backups.reminder_due(open_profile, NOW + timedelta(days=7))
    assert backups.reminder_due(open_profile, NOW + timedelta(days=40))


def test_without_any_backup_the_7_days_run_from_the_set_up(open_profile):
    set_created_at(open_profile, NOW)
    assert not backups.reminder_due(open_profile, NOW + timedelta(days=6, hours=23))
    assert backups.reminder_due(open_profile, NOW + timedelta(days=7))


def test_a_laptop_enrolled_with_a_hub_is_not_reminded(open_profile):
    set_created_at(open_profile, NOW - timedelta(days=30))
    assert backups.reminder_due(open_profile, NOW)
    enrol_by_hand(open_profile)
    assert not backups.reminder_due(open_profile, NOW)


def test_an_unreadable_record_of_the_last_backup_counts_as_none(open_profile):
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.set_setting(backups.LAST_GOOD, {"made_at": "yesterday"})
    assert backups.last_good_backup(open_profile) is None


def test_prune_removes_the_oldest_beyond_keep_and_nothing_else(folder):
    names = [f"caseload-2026-06-{day:02d}-0900.lwbackup" for day in range(1, 10)]
    for name in names:
        (folder / name).write_bytes(b"backup")
    others = ["notes.txt", "caseload-final.lwbackup", ".caseload-2026-06-01-0900.lwbackup.1.part"]
    for name in others:
        (folder / name).write_bytes(b"kept")
    removed = backups.prune(folder, 4)
    assert removed == [folder / name for name in names[:5]]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names[5:], *others])
    assert backups.prune(folder, 4) == []
    assert backups.prune(folder, 0) == [folder / name for name in names[5:8]]
    assert backups.prune(folder / "unplugged", 3) == []


def test_the_scheduled_backup_keeps_its_generations(open_profile, folder):
    backups.save_backup_settings(open_profile, backups.BackupSettings(folder=folder, keep=2))
    made = [backups.backup_now(open_profile, NOW + timedelta(days=day)) for day in range(4)]
    assert sorted(folder.iterdir()) == [made[2].path, made[3].path]
    assert backups.last_good_backup(open_profile) == made[3]
