"""Esc, Cancel or closing a data-entry dialog asks before throwing away what was typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QWidget

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.cancel_dialog import CancelDialog
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.connect_dialog import ConnectDialog
from linkworker_desktop.ui.dialogs.discard_guard import QUESTION_TITLE
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.dialogs.goal_dialog import GoalDialog
from linkworker_desktop.ui.dialogs.local_service_dialog import LocalServiceDialog
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.dialogs.referral_dialog import ReferralDialog
from tests.support.modal import answer_modal
from tests.ui.record_helpers import add_person

Opened = tuple[QDialog, QWidget]  # the dialog, and a field a person types into


@pytest.fixture
def person(open_profile):
    patient_id, referral_id = add_person(open_profile, seed=31)
    # The dialogs offer dates around today, so the booking is three days from today at 10:00.
    starts = datetime.combine(date.today() + timedelta(days=3), time(10, 0))
    appointment_id = AppointmentService(open_profile).book(referral_id, starts)
    return {
        "profile": open_profile,
        "patient_id": patient_id,
        "referral_id": referral_id,
        "appointment_id": appointment_id,
        "starts": starts,
    }


def _patient(p) -> Opened:
    dialog = PatientDialog(CaseloadActions(lambda: p["profile"]))
    return dialog, dialog.form.slots["family_name"].widget


def _referral(p) -> Opened:
    dialog = ReferralDialog(CaseloadActions(lambda: p["profile"]), p["patient_id"], "R Testcase")
    return dialog, dialog.form.slots["referrer_name"].widget


def _goal(_p) -> Opened:
    dialog = GoalDialog(None, lambda _goal: None)
    return dialog, dialog.description


def _book(p) -> Opened:
    dialog = BookDialog(lambda: p["profile"], p["referral_id"])
    return dialog, dialog.place


def _local_service(_p) -> Opened:
    dialog = LocalServiceDialog(["Arts and crafts"], lambda _service: None)
    return dialog, dialog.name


def _connect(p) -> Opened:
    dialog = ConnectDialog("Tuesday choir", [(p["patient_id"], "Testcase, R")], lambda *_: None)
    return dialog, dialog.notes


def _discharge(p) -> Opened:
    dialog = DischargeDialog(lambda: p["profile"], p["patient_id"], p["referral_id"])
    return dialog, dialog.notes


def _move(p) -> Opened:
    dialog = MoveDialog(
        lambda: p["profile"], p["appointment_id"], p["referral_id"], p["starts"], 45, "a session"
    )
    return dialog, dialog.time


def _cancel(p) -> Opened:
    dialog = CancelDialog(lambda: p["profile"], p["appointment_id"], "a session")
    return dialog, dialog.reason


DIALOGS: dict[str, Callable[[dict], Opened]] = {
    "add patient": _patient,
    "referral": _referral,
    "goal": _goal,
    "book": _book,
    "local service": _local_service,
    "connect": _connect,
    "discharge": _discharge,
    "move": _move,
    "cancel": _cancel,
}


def _open(qtbot, person, name: str) -> Opened:
    dialog, field = DIALOGS[name](person)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    field.setFocus()
    return dialog, field


def _type(qtbot, field: QWidget) -> None:
    """Words into a text field; for a time field, the Up arrow moves it on."""
    if field.metaObject().className() == "QTimeEdit":
        qtbot.keyClick(field, Qt.Key.Key_Up)
    else:
        qtbot.keyClicks(field, "Holloway")


def _text(field: QWidget) -> str:
    return field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()


def _cancel_button(dialog: QDialog):
    box = dialog.findChild(QDialogButtonBox)
    return next(
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole
    )


def _discard(qtbot, dialog: QDialog, field: QWidget) -> None:
    """Leave no typed dialog behind: the test's clean-up would otherwise be asked too."""
    answer = answer_modal(qtbot, "Discard")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert answer.asked
    assert not dialog.isVisible()


@pytest.mark.parametrize("name", list(DIALOGS))
def test_an_untouched_dialog_closes_at_once_on_escape(qtbot, person, name):
    dialog, field = _open(qtbot, person, name)
    watch = answer_modal(qtbot, "Discard")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    watch.stop()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not watch.asked


@pytest.mark.parametrize("name", list(DIALOGS))
def test_cancel_after_typing_asks_keep_editing_keeps_it_discard_closes(qtbot, person, name):
    dialog, field = _open(qtbot, person, name)
    _type(qtbot, field)
    typed = _text(field)
    answer = answer_modal(qtbot, "Keep editing")
    qtbot.mouseClick(_cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert answer.titles == [QUESTION_TITLE]
    assert sorted(answer.buttons[0]) == ["Discard", "Keep editing"]
    assert dialog.isVisible()
    assert _text(field) == typed
    assert typed != ""
    discard = answer_modal(qtbot, "Discard")
    qtbot.mouseClick(_cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert discard.titles == [QUESTION_TITLE]
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_escape_after_typing_asks_and_discard_closes(qtbot, person, open_profile):
    dialog, field = _open(qtbot, person, "add patient")
    qtbot.keyClicks(field, "Holloway")
    answer = answer_modal(qtbot, "Discard")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert answer.titles == [QUESTION_TITLE]
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    named = open_profile.conn.execute(
        "SELECT COUNT(*) FROM patients WHERE family_name = 'Holloway'"
    ).fetchone()[0]
    assert named == 0


def test_escape_after_typing_and_keep_editing_keeps_every_word(qtbot, person):
    dialog, field = _open(qtbot, person, "add patient")
    qtbot.keyClicks(field, "Holloway")
    answer = answer_modal(qtbot, "Keep editing")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert answer.titles == [QUESTION_TITLE]
    assert dialog.isVisible()
    assert field.text() == "Holloway"
    _discard(qtbot, dialog, field)


def test_closing_the_window_after_typing_asks(qtbot, person):
    dialog, field = _open(qtbot, person, "discharge")
    qtbot.keyClicks(field, "Moved out of area")
    answer = answer_modal(qtbot, "Keep editing")
    dialog.close()  # what the title bar's close button sends
    assert answer.titles == [QUESTION_TITLE]
    assert dialog.isVisible()
    assert field.toPlainText() == "Moved out of area"
    _discard(qtbot, dialog, field)


def test_typing_then_deleting_it_again_asks_nothing(qtbot, person):
    dialog, field = _open(qtbot, person, "cancel")
    qtbot.keyClicks(field, "ill")
    for _ in range(3):
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    watch = answer_modal(qtbot, "Discard")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    watch.stop()
    assert not watch.asked


def test_discharge_measure_answers_count_as_typing(qtbot, person):
    dialog, field = _open(qtbot, person, "discharge")
    assert dialog.measure_button is not None
    qtbot.mouseClick(dialog.measure_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.measure_form.groups["happiness"].button(7), Qt.MouseButton.LeftButton)
    answer = answer_modal(qtbot, "Keep editing")
    qtbot.mouseClick(_cancel_button(dialog), Qt.MouseButton.LeftButton)
    assert answer.titles == [QUESTION_TITLE]
    assert dialog.isVisible()
    assert dialog.measure_form.answers()["happiness"] == 7


def test_a_referral_kept_as_a_draft_counts_as_typing(qtbot, person):
    draft = Referral(
        patient_id=person["patient_id"],
        referral_date=date.today(),
        source=ReferralSource.GP,
        referrer_name="Dr Shah",
        reasons=[ReferralReason.HOUSING],
    )
    patient = CaseloadService(person["profile"]).patient(person["patient_id"])
    dialog = PatientDialog(
        CaseloadActions(lambda: person["profile"]),
        patient,
        referrals=[],
        notice="They are already in the caseload.",
        draft_referral=draft,
    )
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    answer = answer_modal(qtbot, "Keep editing")
    qtbot.keyClick(dialog.tabs, Qt.Key.Key_Escape)
    assert answer.titles == [QUESTION_TITLE]
    assert dialog.isVisible()
    assert dialog.draft_referral is draft
