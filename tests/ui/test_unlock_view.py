"""The lock screen by keyboard: the wait after wrong passphrases keeps the cursor in the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.ui.main_window import MainWindow
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.fixture
def window(qtbot, profile_files):
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    opened.close()
    shown = MainWindow(profile_files)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


def type_and_enter(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_the_wait_keeps_focus_in_the_passphrase_and_keys_never_open_recovery(qtbot, window):
    view = window.unlock_view
    assert QApplication.focusWidget() is view.passphrase
    attempts = 0
    while "Wait" not in view.message.text():
        attempts += 1
        assert attempts <= 4, "a wait should follow a few wrong passphrases"
        type_and_enter(qtbot, f"not it {attempts}")
        qtbot.waitUntil(lambda: "not right" in view.message.text(), timeout=5000)
        qtbot.waitUntil(
            lambda: view.unlock_button.isEnabled() or "Wait" in view.message.text(), timeout=5000
        )
    assert QApplication.focusWidget() is view.passphrase
    assert view.passphrase.text() == ""
    qtbot.keyClicks(QApplication.focusWidget(), " f")  # once enough to open recovery
    assert QApplication.activeModalWidget() is None
    assert view.passphrase.text() == " f"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "before trying again; what you typed is kept." in view.message.text()
    assert view.passphrase.text() == " f"
    assert window.profile is None
    qtbot.waitUntil(lambda: "You can try again now." in view.message.text(), timeout=10_000)
    assert QApplication.focusWidget() is view.passphrase
    qtbot.keyClick(view.passphrase, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_and_enter(qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=15_000)


def test_the_passphrase_is_cleared_once_read_and_never_held_by_the_line_edit(qtbot, window):
    view = window.unlock_view
    qtbot.keyClicks(QApplication.focusWidget(), PASSPHRASE)
    # The line edit's own text is what Qt reports to assistive technology as it changes.
    assert QLineEdit.text(view.passphrase) == "●" * len(PASSPHRASE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=15_000)
    assert view.passphrase.text() == ""
    assert QLineEdit.text(view.passphrase) == ""
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is view, timeout=5000)
    assert view.passphrase.text() == ""
    assert QLineEdit.text(view.passphrase) == ""


def test_a_wrong_passphrase_and_an_empty_one_are_said_at_once(qtbot, window, heard):
    view = window.unlock_view
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_and_enter(qtbot, "not it")
    qtbot.waitUntil(lambda: "not right" in view.message.text(), timeout=5000)
    assert heard == [
        ("⚠ Type your passphrase first.", "Assertive"),
        ("⚠ That passphrase is not right; check Caps Lock and try again.", "Assertive"),
    ]
    assert QApplication.focusWidget() is view.passphrase


def test_after_unlocking_the_cursor_is_in_the_first_control_of_the_open_section(qtbot, window):
    """Focus goes straight from the passphrase to the section: never to the hidden lock screen."""
    moves: list[QWidget] = []
    QApplication.instance().focusChanged.connect(lambda _old, new: moves.append(new))
    type_and_enter(qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=15_000)
    section = window.pages.currentWidget()
    assert section is window.caseload_view
    qtbot.wait(50)
    assert moves == [section.search]
    assert section.search.isVisible()

    qtbot.keyClick(section.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.profile is None and QApplication.focusWidget() is window.unlock_view.passphrase
    moves.clear()
    type_and_enter(qtbot, PASSPHRASE)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=15_000)
    qtbot.wait(50)
    assert moves == [window.pages.currentWidget().search]
