"""Settings the organisation locks: shown with their value, greyed out, and said to be locked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.settings import AUTO_LOCK_MINUTES, FOLLOW_UP_CAP, SettingLocked
from linkworker_desktop.ui.main_window import MainWindow
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support.machine_config import write_machine_config
from tests.ui.typing_helpers import LEFT, retype

LOCKED_AT_TEN = "[locked]\nauto_lock_minutes = 10\n"


@pytest.fixture
def existing(profile_files):
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    opened.close()
    return profile_files


def _unlocked_settings(qtbot, files) -> MainWindow:
    window = MainWindow(files)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.unlock_view.passphrase, PASSPHRASE)
    qtbot.mouseClick(window.unlock_view.unlock_button, LEFT)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # Go → Settings
    assert window.pages.currentWidget() is window.settings_view
    return window


def _stored_rows(window: MainWindow, key: str) -> int:
    assert window.profile is not None
    return window.profile.conn.execute(
        "SELECT count(*) FROM settings WHERE key = ?", (key,)
    ).fetchone()[0]


def test_a_locked_auto_lock_shows_ten_is_disabled_and_says_so(qtbot, existing):
    write_machine_config(LOCKED_AT_TEN)
    window = _unlocked_settings(qtbot, existing)
    settings = window.settings_view
    spin = settings.fields[AUTO_LOCK_MINUTES.key]
    assert spin.value() == 10
    assert not spin.isEnabled()
    note = settings.locked_notes[AUTO_LOCK_MINUTES.key]
    assert note.isVisible()
    assert note.text() == "Set by your organisation"
    interface = QAccessible.queryAccessibleInterface(spin)
    assert interface.text(QAccessible.Text.Description) == "Set by your organisation"
    assert interface.text(QAccessible.Text.Name) == AUTO_LOCK_MINUTES.label
    # Another setting, not locked, is left as it was.
    cap = settings.fields[FOLLOW_UP_CAP.key]
    assert cap.isEnabled()
    assert not settings.locked_notes[FOLLOW_UP_CAP.key].isVisible()
    assert cap.accessibleDescription() == ""
    # The idle lock uses the organisation's minutes.
    assert window.idle.interval_ms() == 10 * 60_000


def test_typing_into_the_locked_field_changes_nothing(qtbot, existing):
    write_machine_config(LOCKED_AT_TEN)
    window = _unlocked_settings(qtbot, existing)
    settings = window.settings_view
    spin = settings.fields[AUTO_LOCK_MINUTES.key]
    qtbot.mouseClick(spin, LEFT)
    assert QApplication.focusWidget() not in (spin, spin.lineEdit())
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "3")
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.value() == 10
    retype(qtbot, settings.fields[FOLLOW_UP_CAP.key], "7")  # an unlocked field still takes it
    qtbot.mouseClick(settings.save_button, LEFT)
    assert settings.saved_note.text() == "Saved."
    assert window.profile.settings.get(FOLLOW_UP_CAP) == 7
    assert window.profile.settings.get(AUTO_LOCK_MINUTES) == 10
    assert _stored_rows(window, AUTO_LOCK_MINUTES.key) == 0
    assert window.idle.interval_ms() == 10 * 60_000


def test_the_service_refuses_a_change_to_the_locked_setting(qtbot, existing):
    write_machine_config(LOCKED_AT_TEN)
    window = _unlocked_settings(qtbot, existing)
    with pytest.raises(SettingLocked, match="is set by your organisation \\(10\\)"):
        window.profile.settings.set(AUTO_LOCK_MINUTES, 3)
    assert window.profile.settings.get(AUTO_LOCK_MINUTES) == 10
    assert _stored_rows(window, AUTO_LOCK_MINUTES.key) == 0


def test_a_problem_in_the_file_is_shown_in_settings(qtbot, existing):
    path = write_machine_config("[locked]\nauto_lock_minutes = 60\nfollow_up_caps = 3\n")
    window = _unlocked_settings(qtbot, existing)
    note = window.settings_view.organisation_note
    assert note.isVisible()
    assert note.text() == (
        f"Your organisation's settings come from {path}.\n"
        f"⚠ {path}: locked.follow_up_caps: is not a setting this version knows (it knows "
        "auto_lock_minutes, follow_up_cap, first_contact_target_days, offer_demo_data); "
        "it was ignored.\n"
        f"⚠ {path}: locked.auto_lock_minutes: 60 is outside 1 to 15; it stays locked at the "
        "app's default, 5."
    )
    spin = window.settings_view.fields[AUTO_LOCK_MINUTES.key]
    assert spin.value() == 5
    assert not spin.isEnabled()
    assert window.idle.interval_ms() == 5 * 60_000


def test_without_a_machine_configuration_nothing_is_locked(qtbot, existing):
    window = _unlocked_settings(qtbot, existing)
    settings = window.settings_view
    assert not settings.organisation_note.isVisible()
    assert settings.fields[AUTO_LOCK_MINUTES.key].isEnabled()
    assert not settings.locked_notes[AUTO_LOCK_MINUTES.key].isVisible()


def test_the_organisations_directory_feed_is_shown(qtbot, existing):
    path = write_machine_config(
        '[organisation]\ndirectory_feed_url = "https://directory.example.nhs.uk/feed.json"\n'
    )
    window = _unlocked_settings(qtbot, existing)
    assert window.settings_view.organisation_note.text() == (
        f"Your organisation's settings come from {path}.\n"
        "Its directory feed: https://directory.example.nhs.uk/feed.json"
    )
