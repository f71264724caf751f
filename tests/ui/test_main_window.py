"""The window as a worker meets it: set-up, unlock, a wrong passphrase, lock and auto-lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from linkworker_desktop.services import keys
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from linkworker_desktop.ui.main_window import MainWindow
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.fixture
def existing(profile_files):
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    opened.close()
    return profile_files


def _window(qtbot, files) -> MainWindow:
    window = MainWindow(files)
    qtbot.addWidget(window)
    window.show()
    return window


def _unlock(qtbot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    window.unlock_view.passphrase.setText(passphrase)
    window.unlock_view.unlock_button.click()


def test_first_run_creates_the_caseload_and_shows_the_recovery_key_once(qtbot, profile_files):
    window = _window(qtbot, profile_files)
    assert window.stack.currentWidget() is window.setup_view
    setup = window.setup_view
    setup.name.setText("Sam Patel")
    setup.demo.setChecked(False)
    setup.passphrase.first.setText("short")
    setup.passphrase.second.setText("short")
    setup.create_button.click()
    assert "at least 10" in setup.passphrase.problem.text()
    assert not profile_files.exists()
    setup.passphrase.first.setText(PASSPHRASE)
    setup.passphrase.second.setText(PASSPHRASE + "x")
    setup.create_button.click()
    assert "different" in setup.passphrase.problem.text()
    setup.passphrase.first.setText(PASSPHRASE)
    setup.passphrase.second.setText(PASSPHRASE)
    setup.create_button.click()
    qtbot.waitUntil(lambda: window.profile is not None, timeout=10_000)
    assert window.stack.currentWidget() is window.workspace
    dialogs = [d for d in window.findChildren(RecoveryKeyDialog) if d.isVisible()]
    assert len(dialogs) == 1
    key = dialogs[0].key.text()
    assert len(key.replace("-", "")) == 32
    assert not dialogs[0].continue_button.isEnabled()
    dialogs[0].reject()  # Escape cannot skip writing it down
    assert dialogs[0].isVisible()
    dialogs[0].written.setChecked(True)
    dialogs[0].accept()
    # The key works: the file opens with it.
    window.lock()
    reopened, _ = profile_service.unlock_with_recovery(profile_files, key, PASSPHRASE + "!")
    reopened.close()


def test_wrong_passphrase_says_so_and_makes_the_next_try_wait(qtbot, existing, monkeypatch):
    window = _window(qtbot, existing)
    assert window.stack.currentWidget() is window.unlock_view
    before = existing.keys.read_bytes(), existing.database.read_bytes()
    for attempt in range(3):
        _unlock(qtbot, window, f"not the passphrase {attempt}")
        qtbot.waitUntil(lambda: "not right" in window.unlock_view.message.text(), timeout=5000)
        qtbot.waitUntil(
            lambda: (
                window.unlock_view.unlock_button.isEnabled()
                or "Wait" in window.unlock_view.message.text()
            ),
            timeout=5000,
        )
    assert "Wait" in window.unlock_view.message.text()
    assert not window.unlock_view.unlock_button.isEnabled()
    assert window.profile is None
    assert (existing.keys.read_bytes(), existing.database.read_bytes()) == before


def test_unlock_opens_the_workspace_with_the_caseload(qtbot, existing):
    window = _window(qtbot, existing)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    assert window.stack.currentWidget() is window.workspace
    assert window.who.text() == "Sam Patel, North PCN"
    assert window.lock_action.isEnabled()


def test_lock_closes_the_database_clears_screens_and_keeps_dialog_text(qtbot, existing):
    window = _window(qtbot, existing)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    opened = window.profile
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.open()
    field.setText("Half-typed note about the coffee morning")
    finished = []
    dialog.finished.connect(finished.append)
    window.lock_action.trigger()
    assert window.profile is None
    assert opened.conn is None and not opened.is_open
    assert window.caseload_view.model.rowCount() == 0
    assert not dialog.isVisible() and finished == []
    assert window.stack.currentWidget() is window.unlock_view
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    assert dialog.isVisible()
    assert field.text() == "Half-typed note about the coffee morning"


def test_auto_lock_after_the_idle_interval(qtbot, existing):
    window = _window(qtbot, existing)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    assert window.idle.interval_ms() == 5 * 60_000
    window.idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: window.profile is None, timeout=3000)
    assert window.stack.currentWidget() is window.unlock_view


def test_a_damaged_key_file_is_explained_and_nothing_is_touched(qtbot, existing):
    existing.keys.write_text("{ not json", "utf-8")
    existing.keys_copy.write_text("{ not json", "utf-8")
    database = existing.database.read_bytes()
    window = _window(qtbot, existing)
    assert "damaged" in window.unlock_view.message.text()
    assert not window.unlock_view.unlock_button.isEnabled()
    assert existing.database.read_bytes() == database


def test_without_a_keyring_the_option_is_off_and_says_why(qtbot, existing, no_keyring):
    window = _window(qtbot, existing)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    settings = window.settings_view
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # Go → Settings
    assert settings.isVisible()
    assert not settings.keyring.isEnabled()
    assert "No secure system keyring" in settings.keyring_reason.text()


def test_the_keyring_is_asked_about_when_settings_opens_not_at_unlock(
    qtbot, existing, memory_keyring, monkeypatch
):
    asked: list[bool] = []
    available = keys.keyring_available
    monkeypatch.setattr(keys, "keyring_available", lambda: asked.append(True) or available())
    window = _window(qtbot, existing)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    assert asked == []

    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # Go → Settings

    assert asked == [True]
    assert window.settings_view.keyring.isEnabled()
    assert window.settings_view.keyring_reason.text() == "Using the system keyring (MemoryKeyring)."
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Go → Today
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]  # once for the open caseload


def test_keyring_unlock_with_a_real_backend(qtbot, existing, memory_keyring):
    window = _window(qtbot, existing)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    window.settings_view.keyring.setChecked(True)
    assert window.profile.keyfile.has_slot("keyring")
    window.lock()
    assert window.unlock_view.keyring_button.isVisibleTo(window.unlock_view)
    window.unlock_view.keyring_button.click()
    assert window.profile is not None


def test_auto_lock_minutes_follow_the_setting(qtbot, existing):
    window = _window(qtbot, existing)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    spin = window.settings_view.fields["security.auto_lock_minutes"]
    spin.setValue(12)
    window.settings_view.save()
    assert window.idle.interval_ms() == 12 * 60_000
    spin.setValue(99)  # the service maximum is 15
    window.settings_view.save()
    assert window.idle.interval_ms() == 15 * 60_000
