"""Moving a session: the new date and time land as typed, the past is asked about, the
referral date is a floor. The clock is fixed at Monday 30 Nov 2026, 17:00."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from linkworker_desktop.services.appointments import AppointmentService, from_utc_text
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from tests.ui.record_helpers import add_person, unnamed_controls
from tests.ui.typing_helpers import LEFT, answer_question_later, retype

NOW = datetime(2026, 11, 30, 17, 0)
BOOKED = datetime(2026, 12, 2, 10, 0)
PAST = "That time has passed. Move it there anyway (for a session that already happened)?"
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def booking(open_profile):
    """(referral id, appointment id): referred 12 Nov 2026, booked for Wed 2 Dec at 10:00."""
    _patient, referral_id = add_person(open_profile, 31, "Rowan")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.update("referrals", referral_id, {"referral_date": "2026-11-12"})
    appointment_id = AppointmentService(open_profile).book(referral_id, BOOKED, now=NOW)
    return referral_id, appointment_id


@pytest.fixture
def dialog(qtbot, open_profile, booking):
    referral_id, appointment_id = booking
    moved: list[datetime] = []
    dialog = MoveDialog(
        lambda: open_profile,
        appointment_id,
        referral_id,
        BOOKED,
        45,
        "Rowan Testcase's initial session",
        on_moved=moved.append,
        clock=lambda: NOW,
    )
    dialog.moved = moved
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def stored_start(profile, appointment_id) -> datetime:
    text = profile.conn.execute(
        "SELECT starts_at FROM appointments WHERE id = ?", (appointment_id,)
    ).fetchone()[0]
    return from_utc_text(text).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("typed", "shown", "expected"),
    [
        ("16:30", "16:30", datetime(2026, 12, 2, 16, 30)),  # once read as 10:30
        ("1615", "16:15", datetime(2026, 12, 2, 16, 15)),  # once did nothing
        ("4.45pm", "16:45", datetime(2026, 12, 2, 16, 45)),
        ("9:05am", "09:05", datetime(2026, 12, 2, 9, 5)),
    ],
)
def test_the_time_typed_is_the_time_moved_to(
    qtbot, open_profile, booking, dialog, typed, shown, expected
):
    assert (dialog.date.text(), dialog.time.text()) == ("Wed 2 Dec 2026", "10:00")
    retype(qtbot, dialog.time, typed)
    assert dialog.time.text() == shown
    qtbot.mouseClick(dialog.move_button, LEFT)
    assert stored_start(open_profile, booking[1]) == expected
    assert dialog.moved == [expected]
    assert dialog.result() == MoveDialog.DialogCode.Accepted


def test_a_new_date_typed_over_the_old_one_lands_as_typed(qtbot, open_profile, booking, dialog):
    retype(qtbot, dialog.date, "Sun 29 Nov 2026")
    assert dialog.date.text() == "Sun 29 Nov 2026"
    retype(qtbot, dialog.date, "7/12/26")
    assert dialog.date.text() == "Mon 7 Dec 2026"
    qtbot.mouseClick(dialog.move_button, LEFT)
    assert stored_start(open_profile, booking[1]) == datetime(2026, 12, 7, 10, 0)


def test_moving_to_a_time_that_has_passed_asks_first(qtbot, open_profile, booking, dialog):
    retype(qtbot, dialog.date, "30/11/2026")
    retype(qtbot, dialog.time, "1430")
    seen: list[str] = []
    answer_question_later(qtbot, NO, seen)
    qtbot.mouseClick(dialog.move_button, LEFT)
    qtbot.waitUntil(lambda: seen == [PAST])
    assert stored_start(open_profile, booking[1]) == BOOKED
    assert dialog.isVisible() and dialog.moved == []

    answer_question_later(qtbot, YES, seen)
    qtbot.mouseClick(dialog.move_button, LEFT)
    qtbot.waitUntil(lambda: seen == [PAST, PAST])
    assert stored_start(open_profile, booking[1]) == datetime(2026, 11, 30, 14, 30)
    assert dialog.moved == [datetime(2026, 11, 30, 14, 30)]


def test_moving_before_the_referral_date_is_refused(qtbot, open_profile, booking, dialog):
    retype(qtbot, dialog.date, "10 Nov 2026")
    qtbot.mouseClick(dialog.move_button, LEFT)
    error = dialog.errors.fields["starts_at"][0]
    assert error.text == "A session can't be moved to before the referral date, 12 Nov 2026."
    assert stored_start(open_profile, booking[1]) == BOOKED
    assert dialog.isVisible() and dialog.date.text() == "Tue 10 Nov 2026"


def test_a_time_that_is_not_one_is_explained_and_nothing_moves(
    qtbot, open_profile, booking, dialog
):
    retype(qtbot, dialog.time, "16:75")
    error = dialog.errors.fields["starts_at"][0]
    assert error.text == "16:75 is not a time: minutes run from 00 to 59."
    qtbot.mouseClick(dialog.move_button, LEFT)
    assert error.text == "16:75 is not a time: minutes run from 00 to 59."
    assert dialog.time.text() == "16:75"
    assert stored_start(open_profile, booking[1]) == BOOKED


def test_every_control_has_an_accessible_name(dialog):
    assert unnamed_controls(dialog) == []
