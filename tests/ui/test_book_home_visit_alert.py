"""Booking a home visit to someone with "Do not visit alone" asks first; No keeps the dialog."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.services.alerts import AlertService
from tests.ui.record_helpers import add_person
from tests.ui.test_book_dialog import make_dialog, rows, set_when
from tests.ui.typing_helpers import answer_question_later

LEFT = Qt.MouseButton.LeftButton
QUESTION = (
    "This record has an alert for home visits. Do not visit alone: Son threatened the last "
    "visitor. Book a home visit anyway?"
)


def _home_visit_dialog(qtbot, open_profile, referral_id):
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id)
    set_when(qtbot, dialog, 10, 30, day=date.today() + timedelta(days=3))
    dialog.mode.setFocus()
    for _ in range(dialog.mode.count()):
        if dialog.mode.currentData() == AppointmentMode.HOME_VISIT.value:
            break
        qtbot.keyClick(dialog.mode, Qt.Key.Key_Down)
    assert dialog.mode.currentText() == "Home visit"
    return dialog


def test_no_leaves_the_booking_open_and_yes_books_the_visit(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 31, "Robin")
    AlertService(open_profile).set(
        patient_id, "do_not_visit_alone", "Son threatened the last visitor."
    )
    AlertService(open_profile).set(patient_id, "carer_present", "Wife is at home.")
    dialog = _home_visit_dialog(qtbot, open_profile, referral_id)
    asked: list[str] = []
    answer_question_later(qtbot, QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked == [QUESTION]
    assert rows(open_profile, referral_id) == []
    assert dialog.isVisible()
    answer_question_later(qtbot, QMessageBox.StandardButton.Yes, asked)
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [(kind, mode) for kind, mode, *_ in rows(open_profile, referral_id)] == [
        ("initial", "home_visit")
    ]


def test_an_alert_that_asks_nothing_of_a_visit_books_at_once(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 32, "Sam")
    AlertService(open_profile).set(patient_id, "interpreter_needed", "Speaks Farsi.")
    dialog = _home_visit_dialog(qtbot, open_profile, referral_id)
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(rows(open_profile, referral_id)) == 1
