"""The workspace joins the screens: records and sessions open as pages and survive a lock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services import demo
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.demo_diary import working_day_from
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.record_page import RecordPage
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.record_helpers import add_person


@pytest.fixture
def window(qtbot, profile_files):
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    demo.add_demo_caseload(opened, 60)
    opened.close()
    main = MainWindow(profile_files)
    qtbot.addWidget(main)
    main.show()
    main.unlock_view.passphrase.setText(PASSPHRASE)
    main.unlock_view.unlock_button.click()
    qtbot.waitUntil(lambda: main.profile is not None, timeout=5000)
    return main


def test_sections_are_real_screens_with_demo_data(window, qtbot):
    assert [window.nav.item(i).text() for i in range(6)] == [
        "Today",
        "Caseload",
        "Directory",
        "Reports",
        "Sync",
        "Settings",
    ]
    assert window.caseload_view.model.rowCount() == 60
    view = window.today_view
    demo_day = working_day_from(view.day)  # the demo books weekdays: at a weekend, Monday
    for _ in range((demo_day - view.day).days):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.day == demo_day
    assert view.model.rowCount() == len(AppointmentService(window.profile).day(demo_day)) >= 3
    assert window.directory_view.model.rowCount() > 0


def test_activating_a_patient_opens_their_record_once(window):
    row = next(r for r in window.caseload_view.model.rows if r.status == ReferralStatus.ACTIVE)
    window.caseload_view.patient_activated.emit(row.patient_id)
    window.caseload_view.patient_activated.emit(row.patient_id)
    pages = [w for w in window._open_pages.values() if isinstance(w, RecordPage)]
    assert len(pages) == 1
    page = pages[0]
    assert window.pages.currentWidget() is page
    assert [
        page.record.tabs.tabText(i).replace("&", "") for i in range(page.record.tabs.count())
    ] == ["Summary", "Sessions", "Measures", "Goals", "Goal plan", "Services"]
    page.close_requested.emit()
    assert not window._open_pages


def test_a_session_started_from_today_survives_a_lock(window, qtbot):
    demo_day = working_day_from(date.today())
    appointment = AppointmentService(window.profile).day(demo_day)[0]
    runner = window.start_session(appointment.appointment_id)
    assert window.pages.currentWidget() is runner
    runner.notes_edit.setPlainText("Talked about the allotment")
    window.lock()
    assert window.profile is None
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.unlock_button.click()
    qtbot.waitUntil(lambda: window.profile is not None, timeout=5000)
    assert window.pages.indexOf(runner) >= 0  # the runner page is still there
    assert runner.notes_edit.toPlainText() == "Talked about the allotment"


def test_records_are_emptied_while_locked(window):
    row = window.caseload_view.model.rows[0]
    page = window.open_record(row.patient_id)
    assert page.record.data is not None
    window.lock()
    assert page.record.data is None


def test_connecting_from_a_record_and_recording_the_outcome(window):
    row = next(r for r in window.caseload_view.model.rows if r.status == ReferralStatus.ACTIVE)
    page = window.open_record(row.patient_id)
    before = page.services.table.rowCount()
    page.find_service_requested.emit(row.patient_id)
    assert window.pages.currentWidget() is window.directory_view
    window.directory_view.table.selectRow(0)
    dialog = window.directory_view.connect_patient()
    assert dialog.patient.currentData() == row.patient_id
    dialog.try_save()
    assert page.services.table.rowCount() == before + 1
    page.services.table.selectRow(before)
    page.services.outcome.setCurrentIndex(page.services.outcome.findData("attending_regularly"))
    assert page.services.record_selected()
    assert page.services.table.item(before, 3).text() == "Attending regularly"


def running_session(qtbot, profile_files, given: str = "Jordan"):
    """A window unlocked on a caseload with a session five minutes in: (window, patient, state)."""
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    patient_id, referral_id = add_person(opened, 21, given)
    starts = datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=10)
    appointment_id = AppointmentService(opened).book(referral_id, starts, place="Room 2")
    service = SessionService(opened)
    state = service.start(appointment_id)
    service.autosave(state.session_id, state.current_stage, "", {state.current_stage: 300.0})
    opened.close()
    main = MainWindow(profile_files)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    main.unlock_view.passphrase.setText(PASSPHRASE)
    main.unlock_view.unlock_button.click()
    qtbot.waitUntil(lambda: main.profile is not None, timeout=15_000)
    return main, patient_id, state


def test_an_open_record_shows_a_session_as_soon_as_it_ends(qtbot, profile_files):
    main, patient_id, state = running_session(qtbot, profile_files)
    page = main.open_record(patient_id)
    assert "No sessions yet" in page.record.header.facts.text()
    runner = main.resume_session(state.session_id)
    qtbot.mouseClick(runner.end_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(runner.end_confirm.end_button, Qt.MouseButton.LeftButton)
    assert runner.state.ended
    facts = page.record.header.facts.text()
    assert "No sessions yet" not in facts
    assert facts.endswith("Initial session and 0 of 5 follow-ups used")


def test_a_long_session_entry_in_the_sidebar_ends_in_an_ellipsis_not_a_scroll_bar(
    qtbot, profile_files
):
    main, _patient_id, state = running_session(qtbot, profile_files, "Maximilian-Bartholomew")
    main.resume_session(state.session_id)
    qtbot.wait(20)  # the list lays its items out on the next pass of the event loop
    nav = main.nav
    entry = nav.item(nav.count() - 1)
    assert entry.text() == "▶ Session: Maximilian-Bartholomew Testcase"
    assert nav.fontMetrics().horizontalAdvance(entry.text()) > nav.viewport().width()
    assert not nav.horizontalScrollBar().isVisible()
    assert nav.horizontalScrollBar().maximum() == 0
    for row in range(nav.count()):
        assert nav.visualItemRect(nav.item(row)).right() <= nav.viewport().width()
    assert entry.toolTip() == entry.text()  # the whole name, when the pointer rests on it


def test_ctrl_and_a_number_puts_the_cursor_in_that_section(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.caseload_view
    assert window.caseload_view.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.caseload_view.search
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.directory_view
    assert window.directory_view.isAncestorOf(QApplication.focusWidget())


def test_ctrl_f_finds_from_the_sections_list_and_not_on_another_screen(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.nav.setCurrentRow(1)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.caseload_view.search
    window.nav.setCurrentRow(0)  # Today: the caseload's search is hidden, so Ctrl+F leaves it
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.nav
