"""Restoring a backup on first run, and the Today reminder after a week without one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.services import demo
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.profile import ProfileFiles
from linkworker_desktop.ui.dialogs.restore_dialog import RestoreDialog
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.widgets.backup_reminder import BackupReminder
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support.modal import answer_modal
from tests.ui.backup_helpers import MADE_AT, answer_file_dialog, backup_of, home, london  # noqa: F401

pytestmark = pytest.mark.usefixtures("home", "london")
LEFT = Qt.MouseButton.LeftButton
PATIENTS = 12


@pytest.fixture
def backup(tmp_path):
    """A backup of a 12-patient caseload made on the old laptop, then the old laptop is gone."""
    files = ProfileFiles(tmp_path / "old laptop")
    opened, _ = profile_service.create_profile(files, PASSPHRASE, "Sam Patel", kdf=FAST_KDF)
    demo.add_demo_caseload(opened, PATIENTS, seed=7)
    info = backup_of(opened, tmp_path)  # in the home folder, where the file dialog opens
    opened.close()
    return info


def first_run(qtbot, folder) -> MainWindow:
    window = MainWindow(ProfileFiles(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_restore(qtbot, window, backup) -> RestoreDialog:
    answer_file_dialog(qtbot, backup.path)
    qtbot.mouseClick(window.setup_view.restore_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(window.backups.restore_dialog, RestoreDialog))
    dialog = window.backups.restore_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_first_run_restores_the_backup_and_offers_a_new_passphrase(qtbot, tmp_path, backup):
    window = first_run(qtbot, tmp_path / "new laptop")
    dialog = open_restore(qtbot, window, backup)
    assert "Made Mon 30 Nov 2026 17:05 by Sam Patel" in dialog.about.text()
    assert f"It holds {PATIENTS} patients" in dialog.about.text()
    assert not dialog.warning.isVisible()  # nothing on this laptop to keep aside
    assert dialog.focusWidget() is dialog.passphrase
    offer = answer_modal(qtbot, "Keep this passphrase")
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=20_000)
    qtbot.waitUntil(lambda: offer.asked, timeout=10_000)
    assert offer.titles == ["Restored"]
    assert window.stack.currentWidget() is window.workspace
    assert window.profile.worker_name == "Sam Patel"
    count = window.profile.conn.execute("SELECT count(*) FROM patients WHERE deleted = 0")
    assert count.fetchone()[0] == PATIENTS


def test_a_wrong_passphrase_is_said_in_the_dialog_and_nothing_is_made(qtbot, tmp_path, backup):
    new_laptop = tmp_path / "new laptop"
    window = first_run(qtbot, new_laptop)
    dialog = open_restore(qtbot, window, backup)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase at all")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=20_000)
    assert dialog.problem.text().startswith("⚠ ")
    assert "\n" not in dialog.problem.text()
    assert dialog.isVisible() and dialog.restore_button.isEnabled()
    assert window.profile is None
    assert not ProfileFiles(new_laptop).exists()


def test_a_file_that_is_not_a_backup_is_refused_on_the_set_up_page(qtbot, tmp_path):
    window = first_run(qtbot, tmp_path / "new laptop")
    fake = tmp_path / "caseload-2026-11-30-1705.lwbackup"
    fake.write_bytes(b"holiday photos")
    answer_file_dialog(qtbot, fake)
    qtbot.mouseClick(window.setup_view.restore_button, LEFT)
    qtbot.waitUntil(lambda: window.setup_view.problem.text() != "", timeout=10_000)
    assert window.setup_view.problem.text().startswith("⚠ ")
    assert window.backups.restore_dialog is None
    assert not ProfileFiles(tmp_path / "new laptop").exists()


@pytest.mark.parametrize(("days", "shown"), [(6, False), (7, True)])
def test_today_reminds_after_seven_days_without_a_backup(
    qtbot, tmp_path, open_profile, days, shown
):
    backup_of(open_profile, tmp_path / "usb")
    reminder = BackupReminder(lambda: open_profile, now=lambda: MADE_AT + timedelta(days=days))
    qtbot.addWidget(reminder)
    reminder.show()
    reminder.set_profile(open_profile)
    assert reminder.isVisible() is shown
    if shown:
        assert reminder.text.text() == "No backup for 7 days."
        with qtbot.waitSignal(reminder.back_up_requested, timeout=1000):
            qtbot.mouseClick(reminder.button, LEFT)
