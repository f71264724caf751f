"""First run by keyboard alone: the cursor starts in the name, Tab reads down, Enter creates."""

from __future__ import annotations

from PySide6.QtCore import Qt

from linkworker_desktop.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.support.machine_config import write_machine_config
from tests.ui.focus_helpers import focused, press, tab_walk, type_here


def first_run(qtbot, profile_files) -> MainWindow:
    window = MainWindow(profile_files)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_tab_follows_the_form_from_the_name_down(qtbot, profile_files):
    window = first_run(qtbot, profile_files)
    assert focused() is window.setup_view.name
    assert tab_walk(qtbot, 7) == [
        "Your team or PCN",
        "Passphrase (the new one)",
        "Type it again (the new passphrase)",
        "Add a demo caseload of 200 synthetic patients (made-up people, for trying the app)",
        "Create encrypted caseload",
        "Restore from a backup",
        "Your name",
    ]


def test_enter_creates_the_caseload_and_a_problem_is_said_first(qtbot, profile_files):
    window = first_run(qtbot, profile_files)
    setup = window.setup_view
    type_here(qtbot, "Sam Patel")
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "Riverside PCN")
    press(qtbot, Qt.Key.Key_Return)
    assert setup.passphrase.problem.text() == "⚠ A passphrase is needed."
    assert focused() is setup.passphrase.first
    assert not profile_files.exists()
    type_here(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # no demo caseload
    assert not setup.demo.isChecked()
    press(qtbot, Qt.Key.Key_Backtab)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=15_000)
    assert window.profile.worker_name == "Sam Patel"
    assert window.profile.team_name == "Riverside PCN"


def test_with_demo_data_locked_off_it_is_not_offered_nor_added(qtbot, profile_files):
    write_machine_config(
        '[organisation]\nname = "Riverside PCN"\nhub_url = "https://hub.riverside.example.nhs.uk"\n'
        "[locked]\noffer_demo_data = false\n"
    )
    window = first_run(qtbot, profile_files)
    setup = window.setup_view
    assert not setup.demo.isVisible()
    assert setup.organisation.isVisible()
    assert setup.organisation.text() == (
        "This laptop is set up for Riverside PCN, and its hub's address is already set. Type "
        "the one-time code your administrator gave you to connect to it (or later, in Sync)."
    )
    type_here(qtbot, "Sam Patel")
    assert tab_walk(qtbot, 5) == [
        "Your team or PCN",
        "Passphrase (the new one)",
        "Type it again (the new passphrase)",
        "One-time code (optional)",
        "Create encrypted caseload",
    ]
    qtbot.keyClicks(setup.passphrase.first, PASSPHRASE)
    qtbot.keyClicks(setup.passphrase.second, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=15_000)
    patients = window.profile.conn.execute("SELECT count(*) FROM patients").fetchone()[0]
    assert patients == 0
    assert window.pages.currentWidget() is not window.sync_view  # no code typed: not enrolling


def test_without_a_hub_set_no_code_is_asked_at_set_up(qtbot, profile_files):
    window = first_run(qtbot, profile_files)
    assert not window.setup_view.code_row.isVisible()
    assert not window.setup_view.organisation.isVisible()
    assert window.setup_view.demo.isVisible()
