"""Booking a session: what it will be, the cap warning and its reason, overlaps, the saved row."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from linkworker_desktop.domain.appointments import AppointmentMode, DischargeReason
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.discharge import discharge
from linkworker_desktop.services.settings import FOLLOW_UP_CAP
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog, next_working_morning
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT
from tests.ui.record_helpers import add_person, at, unnamed_controls

LEFT = Qt.MouseButton.LeftButton
DAY = date.today() + timedelta(days=3)


@pytest.fixture
def person(open_profile):
    return add_person(open_profile, 21, "Jordan")


def make_dialog(qtbot, profile_getter, referral_id, booked=None, **kwargs):
    dialog = BookDialog.open_for(
        None,
        profile_getter,
        referral_id,
        on_booked=booked,
        patient_name="Jordan Testcase",
        **kwargs,
    )
    qtbot.addWidget(dialog)
    return dialog


def set_when(dialog, hour, minute=0, day=DAY):
    dialog.date.setDate(QDate(day))
    dialog.time.setTime(QTime(hour, minute))


def rows(profile, referral_id):
    return profile.conn.execute(
        "SELECT kind, mode, place, planned_minutes, prepare_notes, over_cap_reason, status"
        " FROM appointments WHERE referral_id = ? ORDER BY starts_at",
        (referral_id,),
    ).fetchall()


def test_a_first_booking_is_the_initial_session_and_writes_a_row(qtbot, open_profile, person):
    _patient, referral_id = person
    booked = []
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id, booked=booked.append)
    assert dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # open(), not exec()
    assert dialog.kind_label.text() == "Initial session"
    assert dialog.minutes.value() == 45
    assert not dialog.reason.isVisibleTo(dialog)
    set_when(dialog, 10, 30)
    dialog.mode.setCurrentIndex(dialog.mode.findData(AppointmentMode.HOME_VISIT.value))
    qtbot.keyClicks(dialog.place, "At home")
    qtbot.keyClicks(dialog.prepare, "Bring the walking group leaflet")
    qtbot.mouseClick(dialog.book_button, LEFT)
    assert rows(open_profile, referral_id) == [
        ("initial", "home_visit", "At home", 45, "Bring the walking group leaflet", "", "booked")
    ]
    assert booked == [dialog.appointment_id]
    assert dialog.result() == BookDialog.DialogCode.Accepted
    stored = AppointmentService(open_profile).for_patient(person[0])[0]
    assert stored["id"] == dialog.appointment_id


def test_the_next_booking_is_a_follow_up_of_the_default_length(qtbot, open_profile, person):
    _patient, referral_id = person
    AppointmentService(open_profile).book(referral_id, at(DAY, 9))
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id)
    assert dialog.kind_label.text() == "Follow-up 1 of 5"
    assert dialog.minutes.value() == 30


def test_beyond_the_cap_warns_and_needs_a_reason_but_never_blocks(qtbot, open_profile, person):
    _patient, referral_id = person
    open_profile.settings.set(FOLLOW_UP_CAP, 1)
    service = AppointmentService(open_profile)
    service.book(referral_id, at(DAY, 9))
    service.book(referral_id, at(DAY + timedelta(days=7), 9))
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id)
    assert dialog.kind_label.text() == "Follow-up 2 (beyond the 1 offered)"
    assert dialog.warnings.isVisibleTo(dialog)
    assert "beyond the 1 the service offers" in dialog.warnings.text
    assert dialog.reason.isVisibleTo(dialog)
    set_when(dialog, 11, day=DAY + timedelta(days=14))

    qtbot.mouseClick(dialog.book_button, LEFT)
    reason_error = dialog.errors.fields["over_cap_reason"][0]
    assert "Say why" in reason_error.text
    assert reason_error.isVisibleTo(dialog)
    assert dialog.reason.hasFocus() or dialog.focusWidget() is dialog.reason
    assert len(rows(open_profile, referral_id)) == 2  # nothing saved yet

    qtbot.keyClicks(dialog.reason, "Bereavement last month; agreed with the GP")
    qtbot.mouseClick(dialog.book_button, LEFT)
    saved = rows(open_profile, referral_id)
    assert len(saved) == 3
    assert saved[-1][5] == "Bereavement last month; agreed with the GP"
    assert reason_error.text == ""


def test_an_overlap_is_warned_as_the_time_changes_and_can_still_be_booked(
    qtbot, open_profile, person
):
    _patient, referral_id = person
    _other, other_referral = add_person(open_profile, 22, "Casey")
    AppointmentService(open_profile).book(other_referral, at(DAY, 14))
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id)
    set_when(dialog, 9)
    assert dialog.warnings.text == ""
    set_when(dialog, 14, 30)
    assert "You already have Casey Testcase at 14:00" in dialog.warnings.text
    assert "overlap" in dialog.warnings.text
    assert not dialog.reason.isVisibleTo(dialog)  # an overlap needs no reason
    qtbot.mouseClick(dialog.book_button, LEFT)
    assert len(rows(open_profile, referral_id)) == 1


def test_the_length_typed_is_kept_and_used_for_overlaps(qtbot, open_profile, person):
    _patient, referral_id = person
    _other, other_referral = add_person(open_profile, 23, "Casey")
    AppointmentService(open_profile).book(other_referral, at(DAY, 11))
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id)
    set_when(dialog, 9, 30)
    dialog.minutes.setValue(120)  # 09:30 to 11:30 runs into the 11:00 booking
    assert "overlap" in dialog.warnings.text
    set_when(dialog, 8, 30)
    assert dialog.minutes.value() == 120
    assert dialog.warnings.text == ""


def test_a_locked_caseload_saves_nothing_and_keeps_the_form(qtbot, open_profile, person):
    _patient, referral_id = person
    current = {"profile": open_profile}
    dialog = make_dialog(qtbot, lambda: current["profile"], referral_id)
    qtbot.keyClicks(dialog.place, "Library meeting room")
    current["profile"] = None
    qtbot.mouseClick(dialog.book_button, LEFT)
    assert dialog.isVisible()
    assert dialog.errors.general.text == LOCKED_TEXT
    assert dialog.place.text() == "Library meeting room"
    assert rows(open_profile, referral_id) == []
    current["profile"] = open_profile
    qtbot.mouseClick(dialog.book_button, LEFT)
    assert len(rows(open_profile, referral_id)) == 1


def test_a_service_refusal_is_shown_inline(qtbot, open_profile, person):
    _patient, referral_id = person
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id)
    discharge(open_profile, referral_id, DischargeReason.MOVED_AWAY)
    qtbot.mouseClick(dialog.book_button, LEFT)
    assert "closed" in dialog.errors.general.text
    assert dialog.isVisible()
    assert rows(open_profile, referral_id) == []


def test_the_first_suggestion_is_a_weekday_morning():
    friday = at(date(2026, 6, 5), 16)
    assert next_working_morning(friday) == at(date(2026, 6, 8), 10)
    assert next_working_morning(at(date(2026, 6, 8), 9)) == at(date(2026, 6, 9), 10)


def test_every_control_has_an_accessible_name(qtbot, open_profile, person):
    _patient, referral_id = person
    open_profile.settings.set(FOLLOW_UP_CAP, 0)
    AppointmentService(open_profile).book(referral_id, at(DAY, 9))
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id)
    assert dialog.reason.isVisibleTo(dialog)
    assert unnamed_controls(dialog) == []
