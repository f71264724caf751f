"""The session runner against a real encrypted caseload, with a fake monotonic clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.services.settings import FOLLOW_UP_CAP
from linkworker_desktop.ui.views.session_runner import TIME_SAVE_SECONDS, SessionRunner
from linkworker_desktop.ui.widgets.book_next import BookNext
from linkworker_desktop.ui.widgets.goal_review import GoalReview
from linkworker_desktop.ui.widgets.measure_stage import MeasureStage
from tests.conftest import PASSPHRASE
from tests.ui.session_helpers import FakeClock, add_patient, start_initial, unnamed_controls
from tests.ui.typing_helpers import retype


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def session(open_profile):
    return start_initial(open_profile)


@pytest.fixture
def runner(qtbot, open_profile, session, clock):
    widget = SessionRunner(lambda: open_profile, session, clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def drafts(profile: OpenProfile, session_id: str) -> dict[str, str]:
    rows = profile.conn.execute(
        "SELECT stage_id, text FROM note_drafts WHERE session_id = ?", (session_id,)
    )
    return dict(rows.fetchall())


def saved_notes(profile: OpenProfile, session_id: str) -> dict[str, str]:
    rows = profile.conn.execute(
        "SELECT stage_id, text FROM session_notes WHERE session_id = ? AND deleted = 0",
        (session_id,),
    )
    return dict(rows.fetchall())


class ForbiddenConnection:
    """A connection that fails the test if anything touches it."""

    def __getattr__(self, name):
        raise AssertionError(f"the database was used while locked ({name})")


def test_stages_and_planned_minutes_are_shown(runner, session):
    stages = session.template.stages
    assert runner.stage_list.count() == len(stages) == 6
    for row, stage in enumerate(stages):
        text = runner.stage_list.item(row).text()
        assert f"{row + 1}. {stage.title}" in text
        assert f"{stage.minutes} min planned" in text
        assert "0 min used" in text
    assert runner.overall.text() == "00:00 of 45:00"
    assert runner.stage_title.text() == "Stage 1 of 6: Welcome and consent"
    current = runner.stage_list.item(0)
    assert current.font().bold() and not runner.stage_list.item(1).font().bold()
    assert "Current stage" in current.data(Qt.ItemDataRole.AccessibleTextRole)


def test_time_per_stage_and_overall_advance_and_overrun_is_cued(runner, clock):
    clock.advance(3 * 60)
    runner.refresh_times()
    assert "3 min used" in runner.stage_list.row_text("welcome")
    assert runner.overall.text() == "03:00 of 45:00"
    assert runner.overrun.isHidden()

    clock.advance(4 * 60 + 5)  # 7:05 in a 5-minute stage
    runner.refresh_times()
    assert runner.stage_time.text() == "5 min planned · 07:05 used · Over by 2 min"
    assert "Over by 2 min" in runner.stage_list.row_text("welcome")
    assert runner.overrun.isVisible() and runner.overrun.kind == "warning"
    assert runner.overrun.text.startswith("Over by 2 min in “Welcome and consent”")

    assert runner.next_stage()
    clock.advance(60)
    runner.refresh_times()
    assert "1 min used" in runner.stage_list.row_text("what_matters")
    assert "7 min used" in runner.stage_list.row_text("welcome")
    assert runner.overall.text() == "08:05 of 45:00"
    assert runner.overrun.isHidden()  # the new stage has time left, and so has the session

    clock.advance(40 * 60)
    runner.refresh_times()
    assert "The session is over by 3 min" in runner.overrun.text


def test_typing_then_the_autosave_timer_writes_a_draft(qtbot, open_profile, session, clock):
    runner = SessionRunner(lambda: open_profile, session, clock=clock, autosave_ms=20)
    qtbot.addWidget(runner)
    qtbot.keyClicks(runner.notes_edit, "Consent to share with the GP checked.")
    qtbot.waitUntil(lambda: bool(drafts(open_profile, session.session_id)), timeout=2000)
    assert drafts(open_profile, session.session_id) == {
        "welcome": "Consent to share with the GP checked."
    }
    assert runner.save_state.text().startswith("Notes saved at")


def test_autosave_writes_only_when_the_text_changed(runner, open_profile, session):
    assert runner.autosave() is False
    runner.notes_edit.insertPlainText("Talked about the allotment.")
    assert runner.autosave() is True
    assert runner.autosave() is False
    assert drafts(open_profile, session.session_id) == {"welcome": "Talked about the allotment."}


def test_time_used_is_saved_now_and_then_even_without_typing(runner, open_profile, session, clock):
    clock.advance(TIME_SAVE_SECONDS - 1)
    assert runner.autosave() is False
    clock.advance(1)
    assert runner.autosave() is True
    saved = SessionService(open_profile).load(session.session_id).stage_seconds
    assert saved["welcome"] == TIME_SAVE_SECONDS


def test_changing_stage_writes_a_session_note(runner, open_profile, session, clock):
    runner.notes_edit.insertPlainText("Explained the service.")
    clock.advance(90)
    assert runner.next_stage()
    assert saved_notes(open_profile, session.session_id) == {"welcome": "Explained the service."}
    assert drafts(open_profile, session.session_id) == {}
    row = open_profile.conn.execute(
        "SELECT current_stage, stage_seconds FROM sessions WHERE id = ?", (session.session_id,)
    ).fetchone()
    assert row[0] == "what_matters" and '"welcome": 90.0' in row[1]
    assert runner.notes_edit.toPlainText() == ""
    assert runner.previous_stage()
    assert runner.notes_edit.toPlainText() == "Explained the service."


def test_stages_switch_from_the_keyboard(runner, qtbot):
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    runner.notes_edit.setFocus()
    qtbot.keyClick(runner.notes_edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert runner.current_stage.id == "what_matters"
    qtbot.keyClick(runner.notes_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert runner.current_stage.id == "measure"
    qtbot.keyClick(runner.notes_edit, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(runner.notes_edit, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert runner.current_stage.id == "welcome"
    runner.stage_list.setFocus()
    runner.stage_list.setCurrentRow(3)
    qtbot.keyClick(runner.stage_list, Qt.Key.Key_Return)
    assert runner.current_stage.id == "goals"


def test_lock_keeps_the_text_touches_nothing_and_resumes(
    qtbot, open_profile, profile_files, session, clock
):
    current = {"profile": open_profile}
    runner = SessionRunner(lambda: current["profile"], session, clock=clock)
    qtbot.addWidget(runner)
    clock.advance(120)
    runner.notes_edit.insertPlainText("Typed just before the lock.")

    runner.set_profile(None)
    open_profile.close()
    open_profile.conn = ForbiddenConnection()  # a stale reference must never be used
    assert not runner.tick_timer.isActive() and not runner.autosave_timer.isActive()
    clock.advance(600)  # ten minutes on the lock screen: the session went on, so they count
    runner.refresh_times()
    assert runner.autosave() is False
    assert runner.next_stage() is False
    runner.save_now()
    assert runner.notes_edit.toPlainText() == "Typed just before the lock."
    assert runner.message.text.startswith(
        "Locked: the session goes on and its clock keeps running."
    )
    assert runner.overall.text() == "12:00 of 45:00"
    assert runner.clock_note.text() == "The clock keeps running while the caseload is locked."
    assert runner.clock_note.isVisibleTo(runner)

    reopened = profile_service.unlock(profile_files, PASSPHRASE)
    current["profile"] = reopened
    try:
        runner.set_profile(reopened)
        assert runner.tick_timer.isActive() and runner.autosave_timer.isActive()
        assert drafts(reopened, session.session_id) == {"welcome": "Typed just before the lock."}
        assert runner.notes_edit.toPlainText() == "Typed just before the lock."
        clock.advance(30)
        runner.refresh_times()
        assert runner.overall.text() == "12:30 of 45:00"
        assert runner.clock.snapshot()["welcome"] == 750.0
        assert runner.next_stage()
    finally:
        reopened.close()
        open_profile.conn = None  # already closed above; lets the fixture's close pass


def test_end_records_the_duration_and_the_appointment_is_attended(
    qtbot, runner, open_profile, session, clock
):
    clock.advance(20 * 60)
    runner.notes_edit.insertPlainText("Short first session.")
    runner.ask_to_end()
    assert runner.end_confirm.isVisible() and runner.end_button.isHidden()
    assert "20 min used of 45 min" in runner.end_confirm.question.text()
    with qtbot.waitSignal(runner.ended, timeout=1000):
        qtbot.mouseClick(runner.end_confirm.end_button, Qt.MouseButton.LeftButton)
    state = SessionService(open_profile).load(session.session_id)
    assert state.ended and state.duration_seconds == 20 * 60
    assert state.notes == {"welcome": "Short first session."}
    status = open_profile.conn.execute(
        "SELECT status FROM appointments WHERE id = ?", (session.appointment_id,)
    ).fetchone()[0]
    assert status == "attended"
    assert runner.pages.currentWidget() is runner.summary
    assert "Actual duration 20 min (planned 45 min)" in runner.summary.duration_label.text()
    assert not runner.tick_timer.isActive()
    with qtbot.waitSignal(runner.closed, timeout=1000):
        runner.summary.done_button.click()


def test_an_addendum_can_be_added_after_the_end(runner, open_profile, session, clock):
    clock.advance(60)
    assert runner.end_session()
    runner.summary.add_button.click()
    runner.summary.addendum_edit.setPlainText("Forgot to note: prefers phone calls.")
    assert runner.summary.save_addendum()
    addenda = SessionService(open_profile).load(session.session_id).addenda
    assert [a["text"] for a in addenda] == ["Forgot to note: prefers phone calls."]
    assert addenda[0]["author"] == "Sam Patel"


def test_ending_before_any_time_has_passed_is_refused(runner, open_profile, session):
    assert runner.end_session() is False
    assert "not started" in runner.message.text
    assert not SessionService(open_profile).load(session.session_id).ended
    assert runner.end_button.isVisible()


def test_an_interrupted_session_reopens_with_its_notes_and_times(
    qtbot, open_profile, session, clock
):
    first = SessionRunner(lambda: open_profile, session, clock=clock)
    qtbot.addWidget(first)
    clock.advance(6 * 60)
    first.notes_edit.insertPlainText("Welcome done.")
    assert first.next_stage()
    clock.advance(4 * 60)
    first.notes_edit.insertPlainText("Misses the allotment")
    assert first.autosave()
    first.deleteLater()  # the app is killed: nothing else is saved

    (interrupted,) = SessionService(open_profile).interrupted()
    again = SessionRunner(lambda: open_profile, interrupted, clock=FakeClock(5.0))
    qtbot.addWidget(again)
    assert again.current_stage.id == "what_matters"
    assert again.notes_edit.toPlainText() == "Misses the allotment"
    assert "6 min used" in again.stage_list.row_text("welcome")
    assert "4 min used" in again.stage_list.row_text("what_matters")
    assert again.overall.text() == "10:00 of 45:00"
    assert "Carrying on" in again.message.text
    assert again.previous_stage()
    assert again.notes_edit.toPlainText() == "Welcome done."


def test_what_matters_is_saved_in_the_patients_words(runner, open_profile, session):
    assert runner.go_to("what_matters")
    assert runner.capture_stack.isVisible()
    field = runner.captures["what_matters"]
    field.edit.setPlainText("Seeing people again, like at the allotment.")
    assert field.timer.isActive() and field.pending
    field.timer.timeout.emit()
    assert not field.pending
    assert SessionService(open_profile).load(session.session_id).what_matters == (
        "Seeing people again, like at the allotment."
    )
    field.edit.setPlainText("Seeing people again.")
    assert runner.next_stage()  # a stage change saves it too
    assert SessionService(open_profile).load(session.session_id).what_matters == (
        "Seeing people again."
    )


def test_stages_without_a_capture_show_only_notes(runner):
    assert runner.go_to("connect")
    assert runner.current_stage.captures == ""
    assert runner.capture_stack.isHidden()


def test_goal_review_stage_saves_set_ratings_on_moving_on(runner, open_profile, session):
    assert runner.go_to("goals")
    review = runner.captures["goal_review"]
    assert isinstance(review, GoalReview)
    review.new_goal.setText("Go to the Tuesday coffee morning")
    goal_id = review.add_goal()
    review.spins[goal_id].setValue(2)
    assert runner.next_stage()
    rows = open_profile.conn.execute(
        "SELECT rating, session_id FROM goal_progress WHERE goal_id = ?", (goal_id,)
    ).fetchall()
    assert rows == [(2, session.session_id)]


def test_measure_stage_offers_the_due_baseline(runner):
    assert runner.go_to("measure")
    stage = runner.captures["measure"]
    assert isinstance(stage, MeasureStage)
    assert stage.chooser.currentData() == "ons4"
    assert "baseline ONS4 is due" in stage.due_label.text()
    assert stage.forms["ons4"].timepoint == "baseline"


def test_measure_stage_says_when_none_is_due_and_can_record_anyway(runner, open_profile, session):
    MeasureService(open_profile).record(
        session.patient_id,
        "ons4",
        {"life_satisfaction": 5, "worthwhile": 5, "happiness": 5, "anxiety": 5},
        "baseline",
        referral_id=session.referral_id,
    )
    assert runner.go_to("measure")
    stage = runner.captures["measure"]
    assert "No ONS4 is due" in stage.due_label.text()
    assert "ons4" not in stage.forms
    anyway = [b for b in stage.findChildren(QPushButton) if "anyway" in b.text()]
    anyway[0].click()
    assert stage.forms["ons4"].timepoint == "review"


def test_unsaved_measure_answers_are_mentioned_before_ending(runner):
    assert runner.go_to("measure")
    form = runner.captures["measure"].forms["ons4"]
    form.groups["happiness"].button(6).click()
    runner.ask_to_end()
    assert "ONS4 answers are not saved yet" in runner.end_confirm.question.text()
    runner.end_confirm.cancel()
    assert runner.end_confirm.isHidden() and runner.end_button.isVisible()


def test_book_next_warns_over_the_cap_and_needs_a_reason(runner, open_profile):
    open_profile.settings.set(FOLLOW_UP_CAP, 0)
    assert runner.go_to("next_steps")
    book = runner.captures["book_next"]
    assert isinstance(book, BookNext)
    assert book.plan.over_cap
    assert book.reason.isVisible()
    assert "beyond the 0 the service offers" in book.warnings.text
    assert book.book() is None
    assert "reason" in book.result.text().lower()
    book.reason.setText("Bereavement: needs a little longer")
    appointment_id = book.book()
    assert appointment_id
    reason = open_profile.conn.execute(
        "SELECT over_cap_reason FROM appointments WHERE id = ?", (appointment_id,)
    ).fetchone()[0]
    assert reason == "Bereavement: needs a little longer"
    assert book.result.text().startswith("Booked: Follow-up 1 (beyond the 0 offered)")


def test_book_next_warns_of_an_overlap(qtbot, runner, open_profile):
    _other_patient, other_referral = add_patient(open_profile, seed=2, given="Robin")
    clash = datetime.combine(date.today() + timedelta(days=14), time(10, 0))
    AppointmentService(open_profile).book(other_referral, clash)
    assert runner.go_to("next_steps")
    book = runner.captures["book_next"]
    retype(qtbot, book.date, f"{clash:%d/%m/%Y}")
    retype(qtbot, book.time, "10:15")
    assert "You already have Robin Example at 10:00" in book.warnings.text
    assert "overlap" in book.warnings.text
    assert book.reason.isHidden()  # a clash is a warning only: no reason needed
    qtbot.mouseClick(book.book_button, Qt.MouseButton.LeftButton)
    assert book.result.text().startswith("Booked: ")


def test_every_control_has_an_accessible_name(runner):
    for stage in runner.template.stages:
        runner.go_to(stage.id)
        assert unnamed_controls(runner) == [], stage.id
    runner.ask_to_end()
    assert unnamed_controls(runner) == []


def tab_stops(qtbot, runner, count):
    runner.stage_list.setFocus()
    stops = []
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget().accessibleName())
    return stops


def test_tab_reaches_a_stage_capture_before_the_notes_and_buttons(qtbot, runner, open_profile):
    GoalService(open_profile).add(runner.state.patient_id, "Go to the coffee morning")
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    assert runner.go_to("goals")
    assert tab_stops(qtbot, runner, 5) == [
        "Rating now, 0 to 10, for the goal: Go to the coffee morning",
        "Save goal ratings",
        "New goal in the patient's own words",
        "Add goal",
        "Notes for this stage",
    ]
    assert runner.go_to("measure")
    stops = tab_stops(qtbot, runner, 8)
    assert stops[:2] == ["Measure to ask", "Question 1: 0, Not at all"]
    assert stops[5:] == ["Save ONS4 answers", "Notes for this stage", "Previous stage"]


def test_goals_typed_one_after_another_with_enter_are_all_kept(qtbot, runner, open_profile):
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    assert runner.go_to("goals")
    review = runner.captures["goal_review"]
    qtbot.mouseClick(review.new_goal, Qt.MouseButton.LeftButton)
    for words in ("Walk to the shop", "Ring my sister on Sundays"):
        qtbot.keyClicks(QApplication.focusWidget(), words)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.wait(20)  # the goal's row shows itself on the next pass of the event loop
        assert QApplication.focusWidget() is review.new_goal
    goals = GoalService(open_profile).goals(runner.state.patient_id)
    assert [goal.description for goal in goals] == ["Walk to the shop", "Ring my sister on Sundays"]
    assert [spin.text() for spin in review.spins.values()] == ["Not rated", "Not rated"]


def test_the_new_goal_field_stays_in_sight_as_goals_are_added(qtbot, runner):
    runner.resize(1040, 620)  # the runner's share of a 1280×720 window
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    assert runner.go_to("goals")
    review = runner.captures["goal_review"]
    qtbot.mouseClick(review.new_goal, Qt.MouseButton.LeftButton)
    for words in ("Walk to the shop", "Ring my sister", "Join the choir", "Cook once a week"):
        qtbot.keyClicks(QApplication.focusWidget(), words)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.wait(50)
        viewport = runner.capture_stack.currentWidget().viewport()
        field = review.new_goal.rect().translated(review.new_goal.mapTo(viewport, QPoint(0, 0)))
        assert viewport.rect().contains(field), (words, field, viewport.rect())
