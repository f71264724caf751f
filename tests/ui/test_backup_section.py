"""Settings → Backups: choose a folder, back up now, see the last backup; and the backup on quit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.services import backups
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.profile import ProfileFiles
from tests.conftest import PASSPHRASE
from tests.ui.backup_helpers import MADE_AT, answer_file_dialog, click_box, home, london  # noqa: F401
from tests.ui.every_window import DEMO_PATIENTS, workday

pytestmark = pytest.mark.usefixtures("home", "london")

LEFT = Qt.MouseButton.LeftButton


def open_settings(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.settings_view


def test_back_up_now_goes_to_the_chosen_folder_and_shows_the_last_backup(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    window.backups.now = lambda: MADE_AT
    section = window.backup_section
    open_settings(qtbot, window)
    assert section.last.text() == "No backup yet"
    folder = tmp_path / "usb stick"
    folder.mkdir()
    asked = answer_file_dialog(qtbot, folder)
    qtbot.mouseClick(section.folder_button, LEFT)
    qtbot.waitUntil(lambda: section.folder.text() == str(folder), timeout=10_000)
    assert len(asked) == 1
    assert backups.backup_settings(window.profile).folder == folder

    with qtbot.waitSignal(window.backups.backed_up, timeout=30_000):
        qtbot.mouseClick(section.back_up_button, LEFT)
    made = folder / "caseload-2026-11-30-1705.lwbackup"
    assert sorted(p.name for p in folder.iterdir()) == [made.name]
    assert section.message.text() == f"Backed up {DEMO_PATIENTS} patients to {made}."
    assert section.last.text() == f"Last backup: Mon 30 Nov 2026 17:05, {DEMO_PATIENTS} patients"
    info = backups.read_backup_info(made)
    assert (info.worker_name, info.counts["patients"]) == ("Sam Patel", DEMO_PATIENTS)
    assert info.made_at == MADE_AT
    assert section.back_up_button.isEnabled() and not section.progress.isVisible()


def test_generations_kept_are_saved_and_old_backups_go(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    section = window.backup_section
    folder = tmp_path / "share"
    folder.mkdir()
    open_settings(qtbot, window)
    answer_file_dialog(qtbot, folder)
    qtbot.mouseClick(section.folder_button, LEFT)
    qtbot.waitUntil(lambda: section.folder.text() == str(folder), timeout=10_000)
    section.keep.setFocus()
    qtbot.keyClick(section.keep, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(section.keep, "2")
    assert backups.backup_settings(window.profile).keep == 2
    for day in range(3):
        window.backups.now = lambda day=day: MADE_AT + timedelta(days=day)
        with qtbot.waitSignal(window.backups.backed_up, timeout=30_000):
            qtbot.mouseClick(section.back_up_button, LEFT)
    assert sorted(p.name for p in folder.iterdir()) == [
        "caseload-2026-12-01-1705.lwbackup",
        "caseload-2026-12-02-1705.lwbackup",
    ]


def test_a_folder_that_has_gone_is_said_in_one_sentence_and_nothing_is_written(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    section = window.backup_section
    folder = tmp_path / "usb"
    folder.mkdir()
    open_settings(qtbot, window)
    answer_file_dialog(qtbot, folder)
    qtbot.mouseClick(section.folder_button, LEFT)
    qtbot.waitUntil(lambda: section.folder.text() == str(folder), timeout=10_000)
    folder.rmdir()  # the USB stick is pulled out
    with qtbot.waitSignal(window.backups.failed, timeout=30_000):
        qtbot.mouseClick(section.back_up_button, LEFT)
    text = section.message.text()
    assert text.startswith("⚠ ") and str(folder) in text and "\n" not in text
    assert not folder.exists()
    assert section.last.text() == "No backup yet"
    assert section.back_up_button.isEnabled()


def test_quitting_backs_up_to_the_chosen_folder(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    folder = tmp_path / "network drive"
    folder.mkdir()
    backups.save_backup_settings(
        window.profile, backups.BackupSettings(folder=folder, keep=7, daily=False, on_quit=True)
    )
    window.backups.now = lambda: MADE_AT
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.profile is None
    made = folder / "caseload-2026-11-30-1705.lwbackup"
    assert sorted(p.name for p in folder.iterdir()) == [made.name]
    assert backups.read_backup_info(made).counts["patients"] == DEMO_PATIENTS


def test_quitting_with_the_backup_switched_off_writes_nothing(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    folder = tmp_path / "network drive"
    folder.mkdir()
    backups.save_backup_settings(
        window.profile, backups.BackupSettings(folder=folder, keep=7, daily=False, on_quit=True)
    )
    open_settings(qtbot, window)
    click_box(qtbot, window.backup_section.on_quit)
    assert not backups.backup_settings(window.profile).on_quit
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.profile is None
    assert list(folder.iterdir()) == []
    # the caseload itself closed cleanly and still opens
    profile_service.unlock(ProfileFiles(tmp_path / "day"), PASSPHRASE).close()
