"""Discharging a referral: reason, notes, the cancelled bookings, and the discharge measure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.discharge import discharge_details
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog, cancellation_text
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT
from linkworker_desktop.ui.widgets.measure_form import MeasureForm
from tests.ui.record_helpers import add_person, at, status_of, unnamed_controls
from tests.ui.typing_helpers import retype

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def person(open_profile):
    """A patient with an attended initial session and two more sessions booked."""
    patient_id, referral_id = add_person(open_profile, 31, "Riley")
    service = AppointmentService(open_profile)
    service.book(referral_id, at(date.today() - timedelta(days=7), 10), past_confirmed=True)
    booked = [service.book(referral_id, at(date.today() + timedelta(days=d), 11)) for d in (7, 21)]
    return patient_id, referral_id, booked


@pytest.fixture
def dialog(qtbot, open_profile, person):
    patient_id, referral_id, _booked = person
    done = []
    widget = DischargeDialog(
        lambda: open_profile,
        patient_id,
        referral_id,
        on_discharged=done.append,
        patient_name="Riley Testcase",
    )
    widget.done_calls = done
    qtbot.addWidget(widget)
    widget.open()
    return widget


def referral_status(profile, referral_id):
    return profile.conn.execute(
        "SELECT status FROM referrals WHERE id = ?", (referral_id,)
    ).fetchone()[0]


def choose(dialog, reason):
    dialog.reason.setCurrentIndex(dialog.reason.findData(reason.value))


def test_it_says_how_many_booked_sessions_will_be_cancelled(dialog):
    text = dialog.cancel_note.text()
    assert text.startswith("3 booked sessions will be cancelled")  # the past one is still booked
    assert cancellation_text([]) == "No booked sessions will be cancelled."
    assert cancellation_text(["Mon 1 Jun 10:00"]) == (
        "1 booked session will be cancelled: Mon 1 Jun 10:00."
    )


def test_a_session_under_way_is_not_counted_as_cancelled(qtbot, open_profile, person):
    patient_id, referral_id, booked = person
    SessionService(open_profile).start(booked[0])
    dialog = DischargeDialog(lambda: open_profile, patient_id, referral_id)
    qtbot.addWidget(dialog)
    assert dialog.cancel_note.text().startswith("2 booked sessions will be cancelled")


def test_the_reasons_are_the_services_labels(dialog):
    labels = [dialog.reason.itemText(i) for i in range(1, dialog.reason.count())]
    assert labels == [r.label for r in DischargeReason]
    assert "Did not engage after several attempts" in labels


def test_a_reason_must_be_chosen(qtbot, dialog, open_profile, person):
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert "Choose why" in dialog.errors.fields["reason"][0].text
    assert dialog.isVisible()
    assert referral_status(open_profile, person[1]) == "contacted"


def test_other_needs_notes_then_discharges_and_cancels_bookings(
    qtbot, dialog, open_profile, person
):
    _patient, referral_id, booked = person
    choose(dialog, DischargeReason.OTHER)
    assert dialog.notes_label.text() == "&Notes (required):"
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert dialog.errors.fields["notes"][0].text == "Say why the patient is being discharged."
    assert referral_status(open_profile, referral_id) == "contacted"
    qtbot.keyClicks(dialog.notes, "Now supported by the carers' centre")
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert referral_status(open_profile, referral_id) == "discharged"
    assert booked  # an all() over nothing would pass
    assert all(status_of(open_profile, a) == "cancelled" for a in booked)
    assert len(dialog.done_calls) == 1 and set(booked) <= set(dialog.done_calls[0])
    details = discharge_details(open_profile, referral_id)
    assert details.reason == DischargeReason.OTHER
    assert details.notes == "Now supported by the carers' centre"
    assert details.on == date.today()


def test_declined_further_support_closes_as_declined(qtbot, dialog, open_profile, person):
    choose(dialog, DischargeReason.DECLINED_FURTHER)
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert referral_status(open_profile, person[1]) == "declined"


def test_the_discharge_measure_is_asked_and_saved_with_the_discharge(
    qtbot, dialog, open_profile, person
):
    patient_id, referral_id, _booked = person
    assert dialog.measure_button is not None
    qtbot.mouseClick(dialog.measure_button, LEFT)
    form = dialog.measure_form
    assert isinstance(form, MeasureForm) and form.isVisibleTo(dialog)
    assert form.timepoint == "discharge"
    for item_id, value in {"life_satisfaction": 7, "worthwhile": 6, "happiness": 7}.items():
        form.groups[item_id].button(value).setChecked(True)
    form.groups["anxiety"].button(3).setChecked(True)
    choose(dialog, DischargeReason.GOALS_MET)
    qtbot.mouseClick(dialog.discharge_button, LEFT)  # unsaved answers are saved first
    saved = open_profile.conn.execute(
        "SELECT timepoint, complete, referral_id FROM measure_results WHERE patient_id = ?",
        (patient_id,),
    ).fetchall()
    assert saved == [("discharge", 1, referral_id)]
    assert referral_status(open_profile, referral_id) == "discharged"


def test_a_locked_caseload_discharges_nothing(qtbot, open_profile, person):
    patient_id, referral_id, _booked = person
    current = {"profile": open_profile}
    dialog = DischargeDialog(lambda: current["profile"], patient_id, referral_id)
    qtbot.addWidget(dialog)
    dialog.open()
    choose(dialog, DischargeReason.MOVED_AWAY)
    current["profile"] = None
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert dialog.errors.general.text == LOCKED_TEXT
    assert referral_status(open_profile, referral_id) == "contacted"


def test_a_future_date_is_refused_beside_the_date_and_kept(qtbot, dialog, open_profile, person):
    choose(dialog, DischargeReason.MOVED_AWAY)
    tomorrow = date.today() + timedelta(days=1)
    retype(qtbot, dialog.on_date, f"{tomorrow:%d/%m/%Y}")
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert dialog.isVisible()
    assert dialog.errors.fields["on"][0].text == "The discharge date is in the future."
    assert dialog.on_date.date() == tomorrow
    assert referral_status(open_profile, person[1]) == "contacted"


def test_a_date_that_cannot_be_read_is_said_and_kept(qtbot, dialog, open_profile, person):
    choose(dialog, DischargeReason.MOVED_AWAY)
    retype(qtbot, dialog.on_date, "31/02/2026")
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert dialog.isVisible()
    assert dialog.errors.fields["on"][0].text == dialog.on_date.problem() != ""
    assert dialog.on_date.text() == "31/02/2026"
    assert referral_status(open_profile, person[1]) == "contacted"


def test_the_date_is_one_tab_stop(qtbot, dialog):
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.on_date
    qtbot.keyClick(dialog.on_date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.on_date
    assert QApplication.focusWidget().accessibleName() == "Record consent"


def test_every_control_has_an_accessible_name(qtbot, dialog):
    qtbot.mouseClick(dialog.measure_button, LEFT)
    assert unnamed_controls(dialog) == []
