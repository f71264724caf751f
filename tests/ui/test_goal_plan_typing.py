"""Typing on the goal plan survives a goal being saved, closing the record and a lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.plans import PlanService
from linkworker_desktop.ui.dialogs.goal_dialog import GoalDialog
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.record_page import RecordPage
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.record_helpers import add_person

WORKING = "My daughter phones on Sundays"


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _button(page, words: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text().replace("&", "") == words)


def _type_working(qtbot, page: RecordPage, text: str = WORKING) -> None:
    page.record.tabs.setCurrentWidget(page.plan_tab)
    field = page.plan.fields["working"]
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, text)


@pytest.fixture
def page(qtbot, open_profile):
    patient_id, _referral_id = add_person(open_profile, seed=41)
    widget = RecordPage(lambda: open_profile, patient_id)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_saving_a_goal_keeps_the_plan_text_being_typed(qtbot, page, open_profile):
    _type_working(qtbot, page)
    _click(qtbot, page.plan.add_goal_button)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, GoalDialog)
    qtbot.keyClicks(dialog.description, "Join the Tuesday choir")
    box = dialog.findChild(QDialogButtonBox)
    _click(qtbot, box.button(QDialogButtonBox.StandardButton.Save))
    assert not dialog.isVisible()
    goals = [page.plan.goals.item(i).text() for i in range(page.plan.goals.count())]
    assert goals == ["1. Join the Tuesday choir (Not started, 0 steps)"]
    assert page.plan.fields["working"].toPlainText() == WORKING
    _click(qtbot, page.plan.save_button)
    assert PlanService(open_profile).load(page.patient_id).working == WORKING


def test_a_reload_refreshes_fields_nobody_typed_in(qtbot, page, open_profile):
    plan = PlanService(open_profile).load(page.patient_id)
    plan.strengths = "Good with people"
    PlanService(open_profile).save_plan(plan)
    _type_working(qtbot, page)
    _click(qtbot, page.plan.add_goal_button)
    dialog = QApplication.activeModalWidget()
    qtbot.keyClicks(dialog.description, "Walk to the library")
    _click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save))
    assert page.plan.fields["strengths"].toPlainText() == "Good with people"
    assert page.plan.fields["working"].toPlainText() == WORKING


def test_closing_the_record_saves_the_plan_typing(qtbot, page, open_profile):
    _type_working(qtbot, page)
    with qtbot.waitSignal(page.close_requested):
        _click(qtbot, _button(page, "Close record"))
    assert PlanService(open_profile).load(page.patient_id).working == WORKING


def test_closing_with_an_impossible_review_date_stays_and_says_why(qtbot, page, open_profile):
    _type_working(qtbot, page)
    qtbot.keyClicks(page.plan.review, "31/02/2027")
    closed = []
    page.close_requested.connect(lambda: closed.append(True))
    _click(qtbot, _button(page, "Close record"))
    assert closed == []
    assert page.record.tabs.currentWidget() is page.plan_tab
    assert "not a real date" in page.plan.message.text()
    assert page.plan.fields["working"].toPlainText() == WORKING
    assert PlanService(open_profile).load(page.patient_id).working == ""


def _window_with_record(qtbot, profile_files) -> tuple[MainWindow, RecordPage, str]:
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    patient_id, _referral_id = add_person(opened, seed=42)
    opened.close()
    window = MainWindow(profile_files)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClicks(window.unlock_view.passphrase, PASSPHRASE)
    _click(qtbot, window.unlock_view.unlock_button)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=10_000)
    page = window.open_record(patient_id)
    return window, page, patient_id


def _saved_working(profile_files, patient_id: str) -> str:
    reopened = profile_service.unlock(profile_files, PASSPHRASE)
    try:
        return PlanService(reopened).load(patient_id).working
    finally:
        reopened.close()


def test_lock_saves_the_plan_typing_to_the_caseload(qtbot, profile_files):
    window, page, patient_id = _window_with_record(qtbot, profile_files)
    _type_working(qtbot, page)
    qtbot.keyClick(page.plan.fields["working"], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.profile is None
    assert _saved_working(profile_files, patient_id) == WORKING


def test_quit_with_plan_typing_that_cannot_be_saved_stays_open(qtbot, profile_files):
    window, page, patient_id = _window_with_record(qtbot, profile_files)
    _type_working(qtbot, page)
    qtbot.keyClicks(page.plan.review, "31/02/2027")
    qtbot.keyClick(page.plan.review, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()
    assert window.pages.currentWidget() is page
    assert "could not be saved" in window.statusBar().currentMessage()
    assert "not a real date" in page.plan.message.text()
    assert page.plan.fields["working"].toPlainText() == WORKING
    qtbot.keyClick(page.plan.review, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.plan.review, Qt.Key.Key_Delete)
    qtbot.keyClick(page.plan.review, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert _saved_working(profile_files, patient_id) == WORKING


def test_a_lock_keeps_plan_typing_that_could_not_be_saved(qtbot, profile_files):
    window, page, patient_id = _window_with_record(qtbot, profile_files)
    _type_working(qtbot, page)
    qtbot.keyClicks(page.plan.review, "31/02/2027")
    qtbot.keyClick(page.plan.review, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.profile is None
    assert _saved_working(profile_files, patient_id) == ""
    qtbot.keyClicks(window.unlock_view.passphrase, PASSPHRASE)
    _click(qtbot, window.unlock_view.unlock_button)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=10_000)
    assert page.plan.fields["working"].toPlainText() == WORKING
    assert page.plan.review.text() == "31/02/2027"
