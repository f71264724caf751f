"""Booking a session: what it will be, the cap warning and its reason, overlaps, the saved row."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from linkworker_desktop.domain.appointments import AppointmentMode, DischargeReason
from linkworker_desktop.services.appointments import AppointmentService, from_utc_text
from linkworker_desktop.services.discharge import discharge
from linkworker_desktop.services.settings import FOLLOW_UP_CAP
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog, next_working_morning
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT
from tests.ui.record_helpers import add_person, at, unnamed_controls
from tests.ui.spoken import spoken_description
from tests.ui.typing_helpers import answer_question_later, retype

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


def set_when(qtbot, dialog, hour, minute=0, day=DAY):
    retype(qtbot, dialog.date, f"{day:%d/%m/%Y}")
    retype(qtbot, dialog.time, f"{hour:02d}:{minute:02d}")


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
    set_when(qtbot, dialog, 10, 30)
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
    set_when(qtbot, dialog, 11, day=DAY + timedelta(days=14))

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
    set_when(qtbot, dialog, 9)
    assert dialog.warnings.text == ""
    set_when(qtbot, dialog, 14, 30)
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
    set_when(qtbot, dialog, 9, 30)
    dialog.minutes.setValue(120)  # 09:30 to 11:30 runs into the 11:00 booking
    assert "overlap" in dialog.warnings.text
    set_when(qtbot, dialog, 8, 30)
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


# --- typed dates and times, with a fixed clock: Monday 30 Nov 2026 at 17:00 ---------------

NOW = datetime(2026, 11, 30, 17, 0)
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
PAST = "That time has passed. Book it anyway (for a session that already happened)?"


@pytest.fixture
def referred_12_nov(open_profile, person):
    """Jordan's referral, dated 12 Nov 2026."""
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.update("referrals", person[1], {"referral_date": "2026-11-12"})
    return person[1]


def fixed_dialog(qtbot, open_profile, referral_id):
    dialog = make_dialog(qtbot, lambda: open_profile, referral_id, clock=lambda: NOW)
    qtbot.waitExposed(dialog)
    return dialog


def stored_starts(profile, referral_id):
    return [
        from_utc_text(row[0]).replace(tzinfo=None)
        for row in profile.conn.execute(
            "SELECT starts_at FROM appointments WHERE referral_id = ? ORDER BY starts_at",
            (referral_id,),
        )
    ]


@pytest.mark.parametrize(
    ("date_text", "time_text"),
    [
        ("Thu 3 Dec 2026", "16:30"),
        ("03/12/2026", "1630"),
        ("3/12/26", "4:30pm"),
        ("3 Dec 2026", "4.30pm"),
        ("03-12-2026", "16.30"),
        ("2026-12-03", "4:30 pm"),
        ("3 December 2026", "1630"),
    ],
)
def test_a_date_and_time_typed_any_uk_way_are_booked_as_typed(
    qtbot, open_profile, referred_12_nov, date_text, time_text
):
    dialog = fixed_dialog(qtbot, open_profile, referred_12_nov)
    assert (dialog.date.text(), dialog.time.text()) == ("Tue 1 Dec 2026", "10:00")
    retype(qtbot, dialog.date, date_text)
    retype(qtbot, dialog.time, time_text)
    assert (dialog.date.text(), dialog.time.text()) == ("Thu 3 Dec 2026", "16:30")
    qtbot.mouseClick(dialog.book_button, LEFT)
    assert stored_starts(open_profile, referred_12_nov) == [datetime(2026, 12, 3, 16, 30)]
    assert dialog.result() == BookDialog.DialogCode.Accepted


def test_sun_29_nov_over_a_selected_date_stays_the_29th_and_asks_about_the_past(
    qtbot, open_profile, referred_12_nov
):
    dialog = fixed_dialog(qtbot, open_profile, referred_12_nov)
    retype(qtbot, dialog.date, "Sun 29 Nov 2026")
    retype(qtbot, dialog.time, "16:30")
    assert (dialog.date.text(), dialog.time.text()) == ("Sun 29 Nov 2026", "16:30")

    seen: list[str] = []
    answer_question_later(qtbot, NO, seen)
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: seen == [PAST])
    assert stored_starts(open_profile, referred_12_nov) == []
    assert dialog.isVisible()  # No: back to the form to change the time, nothing lost
    assert (dialog.date.text(), dialog.time.text()) == ("Sun 29 Nov 2026", "16:30")

    answer_question_later(qtbot, YES, seen)
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: seen == [PAST, PAST])
    assert stored_starts(open_profile, referred_12_nov) == [datetime(2026, 11, 29, 16, 30)]
    assert dialog.result() == BookDialog.DialogCode.Accepted


def test_before_the_referral_date_is_refused_with_the_reason(qtbot, open_profile, referred_12_nov):
    dialog = fixed_dialog(qtbot, open_profile, referred_12_nov)
    retype(qtbot, dialog.date, "11/11/2026")
    retype(qtbot, dialog.time, "0930")
    seen: list[str] = []
    answer_question_later(qtbot, YES, seen)  # there must be no question to answer
    qtbot.mouseClick(dialog.book_button, LEFT)
    when_error = dialog.errors.fields["starts_at"][0]
    assert when_error.text == "A session can't be booked before the referral date, 12 Nov 2026."
    qtbot.wait(100)
    assert seen == []
    assert stored_starts(open_profile, referred_12_nov) == []
    assert dialog.isVisible()
    assert (dialog.date.text(), dialog.time.text()) == ("Wed 11 Nov 2026", "09:30")


@pytest.mark.parametrize(
    ("field", "typed", "problem"),
    [
        ("date", "31/02/2026", "31/02/2026 is not a date: February 2026 has 28 days."),
        (
            "date",
            "Mon 29 Nov 2026",
            "Mon 29 Nov 2026 is not a date: 29 Nov 2026 is a Sunday, not a Monday. "
            "Check which one you meant.",
        ),
        ("time", "25:00", "25:00 is not a time: hours run from 00 to 23."),
        ("time", "half four", "half four is not a time: type it like 16:30, 1630 or 4:30pm."),
    ],
)
def test_text_that_is_not_a_date_or_time_is_kept_as_typed_and_explained(
    qtbot, open_profile, referred_12_nov, field, typed, problem
):
    dialog = fixed_dialog(qtbot, open_profile, referred_12_nov)
    widget = getattr(dialog, field)
    retype(qtbot, widget, typed)
    when_error = dialog.errors.fields["starts_at"][0]
    assert when_error.text == problem
    assert widget.text() == typed  # never changed into another date or time
    assert spoken_description(widget) == f"Error: {problem}"
    qtbot.mouseClick(dialog.book_button, LEFT)
    assert when_error.text == problem
    assert spoken_description(widget) == f"Error: {problem}"
    assert stored_starts(open_profile, referred_12_nov) == []
    assert dialog.isVisible()

    retype(qtbot, widget, "2/12/2026" if field == "date" else "11:15")
    assert when_error.text == ""
    assert spoken_description(widget) == widget.placeholderText()  # Qt reads it when no other


def test_the_calendar_opens_from_the_keyboard_and_the_mouse(qtbot, open_profile, referred_12_nov):
    dialog = fixed_dialog(qtbot, open_profile, referred_12_nov)
    retype(qtbot, dialog.date, "3/12/2026")
    dialog.date.setFocus()
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = dialog.date.popup
    qtbot.waitUntil(popup.isVisible)
    grid = popup.calendar.focusWidget()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert dialog.date.text() == "Fri 4 Dec 2026"

    qtbot.mouseClick(dialog.date.calendar_button, LEFT)
    popup = dialog.date.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.calendar.selectedDate().toPython() == date(2026, 12, 4)
    qtbot.keyClick(popup.calendar.focusWidget(), Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert dialog.date.text() == "Fri 4 Dec 2026"
