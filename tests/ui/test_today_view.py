"""Today against a real encrypted caseload: the day in order, and actions that really change it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.dialogs.cancel_dialog import CancelDialog
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from linkworker_desktop.ui.models.today_model import Column
from linkworker_desktop.ui.views.today_view import LOCKED_TEXT, TodayView, local_now
from tests.support.demo_day import DEMO_DAY, DEMO_MONDAY, DEMO_SATURDAY, morning_of
from tests.ui.record_helpers import add_person, status_of, unnamed_controls
from tests.ui.typing_helpers import retype

LEFT = Qt.MouseButton.LeftButton


def make_view(qtbot, now=local_now) -> TodayView:
    widget = TodayView(now=now)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    return widget


@pytest.fixture
def view(qtbot, request):
    """Over the demo, the clock says eight on the morning the demo was made; else it is real."""
    if "demo" in request.fixturenames:
        return make_view(qtbot, now=lambda: morning_of(DEMO_DAY))
    return make_view(qtbot)


@pytest.fixture
def demo(open_profile):
    """A demo caseload made on a fixed Wednesday: a full day whatever day the tests run."""
    add_demo_caseload(open_profile, 40, today=DEMO_DAY)
    return open_profile


@pytest.fixture
def earlier_today(open_profile):
    """A booking that started an hour ago (yesterday if the test runs just after midnight)."""
    _patient, referral_id = add_person(open_profile, 11, "Morgan")
    starts = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    appointment_id = AppointmentService(open_profile).book(
        referral_id,
        starts,
        place="Consulting room 4",
        prepare_notes="Bring the bus timetable",
        past_confirmed=True,
    )
    return appointment_id, starts


def show_day_of(view, profile, starts):
    view.set_profile(profile)
    view.set_day(starts.date())


def test_the_days_sessions_are_listed_in_time_order(view, demo):
    view.set_profile(demo)
    model = view.model
    expected = AppointmentService(demo).day(DEMO_DAY)
    assert model.rowCount() == len(expected) >= 3
    starts = [model.entry(r).starts_at for r in range(model.rowCount())]
    assert starts == sorted(starts)
    assert view.pages.currentWidget() is view.table
    assert view.date_label.text() == "Today: Wednesday 25 November 2026"
    assert view.count_label.text() == f"{len(expected)} sessions"
    labels = {model.index(r, Column.SESSION).data() for r in range(model.rowCount())}
    assert any(" of " in label for label in labels)


def test_prepare_notes_of_the_selected_session_are_visible(view, demo):
    view.set_profile(demo)
    row = next(r for r in range(view.model.rowCount()) if view.model.entry(r).prepare_notes)
    view.select_row(row)
    entry = view.model.entry(row)
    assert view.selected_entry() == entry
    assert view.selected_panel.isVisible()
    assert entry.prepare_notes in view.details.text()
    assert entry.patient_name in view.details.text()


def test_an_empty_day_says_so_in_words_instead_of_an_empty_grid(view, open_profile):
    view.set_profile(open_profile)
    assert view.model.rowCount() == 0
    assert view.pages.currentWidget() is view.empty_label
    assert not view.table.isVisible()
    assert "Nothing is booked for today" in view.empty_label.text()
    assert not view.selected_panel.isVisible()


def test_previous_next_and_today_move_the_day(qtbot, view, demo):
    view.set_profile(demo)
    today = DEMO_DAY
    assert not view.today_button.isEnabled()
    qtbot.mouseClick(view.next_button, LEFT)
    assert view.day == today + timedelta(days=1)
    assert view.date_label.text().startswith("Tomorrow: ")
    assert view.today_button.isEnabled()
    qtbot.mouseClick(view.previous_button, LEFT)
    qtbot.mouseClick(view.previous_button, LEFT)
    assert view.day == today - timedelta(days=1)
    qtbot.mouseClick(view.today_button, LEFT)
    assert view.day == today
    assert view.model.rowCount() == len(AppointmentService(demo).day(DEMO_DAY))


def test_start_session_asks_for_the_selected_appointment(qtbot, view, demo):
    view.set_profile(demo)
    view.select_row(1)
    wanted = view.model.entry(1).appointment_id
    with qtbot.waitSignal(view.start_session_requested) as signal:
        qtbot.mouseClick(view.start_button, LEFT)
    assert signal.args == [wanted]


def test_did_not_attend_is_confirmed_then_recorded(qtbot, view, open_profile, earlier_today):
    appointment_id, starts = earlier_today
    show_day_of(view, open_profile, starts)
    view.select_row(view.model.row_of(appointment_id))
    assert view.dna_button.isEnabled()
    qtbot.mouseClick(view.dna_button, LEFT)
    box = view.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert status_of(open_profile, appointment_id) == "booked"  # nothing until confirmed
    confirm = next(b for b in box.buttons() if b.text() == "Did not attend")
    qtbot.mouseClick(confirm, LEFT)
    assert status_of(open_profile, appointment_id) == "did_not_attend"
    row = view.model.row_of(appointment_id)
    assert view.model.index(row, Column.STATUS).data() == "Did not attend"
    assert not view.dna_button.isEnabled()
    assert not view.start_button.isEnabled()
    assert "did not attend" in view.message.text


def test_keeping_as_booked_changes_nothing(qtbot, view, open_profile, earlier_today):
    appointment_id, starts = earlier_today
    show_day_of(view, open_profile, starts)
    view.ask_did_not_attend()
    keep = next(b for b in view.dialog.buttons() if b.text() == "Keep as booked")
    qtbot.mouseClick(keep, LEFT)
    assert status_of(open_profile, appointment_id) == "booked"


def test_did_not_attend_waits_until_the_session_time(view, open_profile):
    _patient, referral_id = add_person(open_profile, 12)
    starts = datetime.now().replace(second=0, microsecond=0) + timedelta(days=2)
    AppointmentService(open_profile).book(referral_id, starts)
    show_day_of(view, open_profile, starts)
    assert view.start_button.isEnabled()
    assert not view.dna_button.isEnabled()
    assert "once the session's time comes" in view.dna_button.accessibleDescription()


def test_cancel_needs_a_reason_then_cancels(qtbot, view, open_profile, earlier_today):
    appointment_id, starts = earlier_today
    show_day_of(view, open_profile, starts)
    qtbot.mouseClick(view.cancel_button, LEFT)
    dialog = view.dialog
    assert isinstance(dialog, CancelDialog) and dialog.isVisible()
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    assert dialog.errors.fields["reason"][0].text == "Say why the session is cancelled."
    assert status_of(open_profile, appointment_id) == "booked"
    qtbot.keyClicks(dialog.reason, "Unwell")
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    assert status_of(open_profile, appointment_id) == "cancelled"
    reason = open_profile.conn.execute(
        "SELECT cancel_reason FROM appointments WHERE id = ?", (appointment_id,)
    ).fetchone()[0]
    assert reason == "Unwell"
    assert view.model.row_of(appointment_id) is None  # a cancelled session leaves the day
    assert "Cancelled" in view.message.text


def test_move_warns_of_an_overlap_and_moves(qtbot, view, open_profile, earlier_today):
    appointment_id, starts = earlier_today
    _other, other_referral = add_person(open_profile, 13, "Avery")
    clash = (starts + timedelta(days=1)).replace(hour=11, minute=0)
    AppointmentService(open_profile).book(other_referral, clash)
    show_day_of(view, open_profile, starts)
    qtbot.mouseClick(view.move_button, LEFT)
    dialog = view.dialog
    assert isinstance(dialog, MoveDialog)
    retype(qtbot, dialog.date, f"{clash:%d/%m/%Y}")
    retype(qtbot, dialog.time, "11:15")
    assert "Avery Testcase" in dialog.warnings.text
    assert "overlap" in dialog.warnings.text
    retype(qtbot, dialog.time, "1400")
    assert dialog.warnings.text == ""
    qtbot.mouseClick(dialog.move_button, LEFT)
    that_day = AppointmentService(open_profile).day(clash.date())
    moved = next(e for e in that_day if e.appointment_id == appointment_id)
    assert (moved.starts_at.hour, moved.starts_at.minute) == (14, 0)
    assert view.model.row_of(appointment_id) is None
    assert "Moved" in view.message.text


def test_interrupted_sessions_come_first_with_a_way_back(qtbot, view, open_profile, earlier_today):
    appointment_id, _starts = earlier_today
    state = SessionService(open_profile).start(appointment_id)
    view.set_profile(open_profile)
    banner = view.interrupted
    assert banner.isVisible()
    assert "Morgan Testcase" in banner.accessibleDescription()
    assert "left running when the app closed" in banner.accessibleDescription()
    layout = view.layout()
    shown = [
        layout.itemAt(i).widget()
        for i in range(layout.count())
        if layout.itemAt(i).widget() is not None and layout.itemAt(i).widget().isVisible()
    ]
    assert shown[0] is banner  # nothing overdue or unsafe here, so it leads
    with qtbot.waitSignal(view.resume_session_requested) as signal:
        qtbot.mouseClick(banner.buttons[0], LEFT)
    assert signal.args == [state.session_id]


def test_a_started_session_offers_resume_not_cancel(view, open_profile, earlier_today):
    appointment_id, starts = earlier_today
    SessionService(open_profile).start(appointment_id)
    show_day_of(view, open_profile, starts)
    view.select_row(view.model.row_of(appointment_id))
    assert view.start_button.text() == "Re&sume session"
    assert view.start_button.isEnabled()
    assert not view.cancel_button.isEnabled()
    assert not view.move_button.isEnabled()


def test_locking_forgets_the_day(view, demo):
    view.set_profile(demo)
    assert view.model.rowCount() > 0
    view.set_profile(None)
    assert view.model.rowCount() == 0
    assert view.empty_label.text() == LOCKED_TEXT
    assert view.pages.currentWidget() is view.empty_label
    assert not view.next_button.isEnabled()
    assert not view.selected_panel.isVisible()
    view.set_profile(demo)
    assert view.model.rowCount() == len(AppointmentService(demo).day(DEMO_DAY))


def test_a_locked_profile_saves_nothing_from_an_open_dialog(
    qtbot, view, open_profile, earlier_today
):
    appointment_id, starts = earlier_today
    show_day_of(view, open_profile, starts)
    view.ask_cancel()
    dialog = view.dialog
    view.set_profile(None)
    qtbot.keyClicks(dialog.reason, "Unwell")
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    assert dialog.isVisible()
    assert "locked" in dialog.errors.general.text
    assert status_of(open_profile, appointment_id) == "booked"


def test_every_control_is_named_and_the_day_keys_work(qtbot, view, demo):
    view.set_profile(demo)
    assert unnamed_controls(view) == []
    assert view.start_button.accessibleName().startswith("Start session: ")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.day == DEMO_DAY + timedelta(days=1)


def test_an_attended_row_says_attended_rather_than_resume(qtbot, view, open_profile, earlier_today):
    appointment_id, starts = earlier_today
    service = SessionService(open_profile)
    state = service.start(appointment_id)
    service.end(state.session_id, {state.current_stage: 600.0})
    _other, referral_id = add_person(open_profile, 12, "Casey")
    later = starts + timedelta(minutes=50)
    other = later if later.date() == starts.date() else starts - timedelta(minutes=50)  # same day
    booked = AppointmentService(open_profile).book(referral_id, other, past_confirmed=True)
    show_day_of(view, open_profile, starts)
    for appointment, text, enabled in (
        (appointment_id, "Attended", False),
        (booked, "&Start session", True),
    ):
        row = view.model.row_of(appointment)
        cell = view.table.visualRect(view.model.index(row, Column.PATIENT)).center()
        qtbot.mouseClick(view.table.viewport(), LEFT, pos=cell)
        assert view.selected_entry().appointment_id == appointment
        assert view.start_button.text() == text
        assert view.start_button.isEnabled() is enabled


def test_at_a_weekend_today_is_empty_and_the_next_day_is_mondays_demo(qtbot, open_profile):
    add_demo_caseload(open_profile, 40, today=DEMO_SATURDAY)
    view = make_view(qtbot, now=lambda: morning_of(DEMO_SATURDAY))
    view.set_profile(open_profile)
    assert view.date_label.text() == "Today: Saturday 28 November 2026"
    assert view.pages.currentWidget() is view.empty_label
    assert view.empty_label.text().startswith("Nothing is booked for today.")
    qtbot.mouseClick(view.next_button, LEFT)
    qtbot.mouseClick(view.next_button, LEFT)
    assert view.day == DEMO_MONDAY
    assert view.date_label.text() == "Monday 30 November 2026"
    monday = AppointmentService(open_profile).day(DEMO_MONDAY)
    assert view.count_label.text() == "6 sessions"
    assert [view.model.entry(r) for r in range(view.model.rowCount())] == monday
    qtbot.mouseClick(view.today_button, LEFT)
    assert view.day == DEMO_SATURDAY
