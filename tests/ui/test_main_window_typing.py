"""Quit and lock during a session: what was typed a second before is in the caseload file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.dialogs.quit_question import TITLE
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.record_page import RecordPage
from linkworker_desktop.ui.views.session_runner import SessionRunner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support.modal import answer_modal
from tests.ui.journeys import mouse
from tests.ui.session_helpers import start_initial

WORDS = "Getting back to the allotment with my brother"
NOTE = "Talked about the allotment"


@pytest.fixture
def running(profile_files):
    """A caseload on disk holding a session five minutes in, then closed."""
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    state = start_initial(opened)
    SessionService(opened).autosave(state.session_id, "welcome", "", {"welcome": 300.0})
    opened.close()
    return state.session_id


def _unlocked_window(qtbot, profile_files) -> MainWindow:
    window = MainWindow(profile_files)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClicks(window.unlock_view.passphrase, PASSPHRASE)
    qtbot.mouseClick(window.unlock_view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.profile is not None, timeout=10_000)
    return window


def _window_with_runner(qtbot, profile_files, session_id: str) -> tuple[MainWindow, SessionRunner]:
    window = _unlocked_window(qtbot, profile_files)
    runner = window.resume_session(session_id)
    assert runner is not None
    return window, runner


def _type_what_matters(qtbot, runner: SessionRunner) -> None:
    """Next until the "What matters" stage, then type into its field and into the notes."""
    for _ in range(len(runner.template.stages)):
        if runner.current_stage.captures == "what_matters":
            break
        qtbot.mouseClick(runner.next_button, Qt.MouseButton.LeftButton)
    assert runner.current_stage.captures == "what_matters"
    field = runner.captures["what_matters"]
    qtbot.mouseClick(field.edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field.edit, WORDS)
    qtbot.mouseClick(runner.notes_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(runner.notes_edit, NOTE)
    assert field.timer.isActive()  # the few-seconds save has not happened yet


def _from_disk(profile_files, session_id: str):
    opened = profile_service.unlock(profile_files, PASSPHRASE)
    try:
        state = SessionService(opened).load(session_id)
        drafts = dict(
            opened.conn.execute(
                "SELECT stage_id, text FROM note_drafts WHERE session_id = ?", (session_id,)
            ).fetchall()
        )
    finally:
        opened.close()
    return state, drafts


def _quit(qtbot, where: SessionRunner | QWidget) -> None:
    """Ctrl+Q, pressed in ``where`` (the runner's notes for a runner)."""
    target = where.notes_edit if isinstance(where, SessionRunner) else where
    qtbot.keyClick(target, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_quit_keeping_the_session_running_saves_what_was_just_typed(qtbot, profile_files, running):
    window, runner = _window_with_runner(qtbot, profile_files, running)
    _type_what_matters(qtbot, runner)
    stage = runner.current_stage.id
    answer = answer_modal(qtbot, "Keep it running and quit")
    _quit(qtbot, runner)
    assert answer.titles == [TITLE]
    assert sorted(answer.buttons[0]) == [
        "Cancel",
        "End the session and quit",
        "Keep it running and quit",
    ]
    assert not window.isVisible()
    state, drafts = _from_disk(profile_files, running)
    assert state.what_matters == WORDS
    assert drafts[stage] == NOTE
    assert not state.ended


def test_quit_ending_the_session_ends_it_with_the_typing_saved(qtbot, profile_files, running):
    window, runner = _window_with_runner(qtbot, profile_files, running)
    _type_what_matters(qtbot, runner)
    answer = answer_modal(qtbot, "End the session and quit")
    _quit(qtbot, runner)
    assert answer.titles == [TITLE]
    assert not window.isVisible()
    state, _drafts = _from_disk(profile_files, running)
    assert state.what_matters == WORDS
    assert state.ended
    assert state.notes[runner.current_stage.id] == NOTE


def test_quit_cancelled_keeps_the_window_and_the_session(qtbot, profile_files, running):
    window, runner = _window_with_runner(qtbot, profile_files, running)
    _type_what_matters(qtbot, runner)
    answer = answer_modal(qtbot, "Cancel")
    _quit(qtbot, runner)
    assert answer.titles == [TITLE]
    assert window.isVisible()
    assert window.profile is not None
    assert runner.captures["what_matters"].edit.toPlainText() == WORDS
    assert not runner.state.ended


def test_quit_with_no_session_running_asks_nothing(qtbot, profile_files, running):
    window = _unlocked_window(qtbot, profile_files)
    watch = answer_modal(qtbot, "Cancel")
    qtbot.keyClick(window.nav, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    watch.stop()
    assert not watch.asked
    assert not window.isVisible()


def test_lock_saves_the_runners_typing_to_the_caseload(qtbot, profile_files, running):
    window, runner = _window_with_runner(qtbot, profile_files, running)
    _type_what_matters(qtbot, runner)
    stage = runner.current_stage.id
    qtbot.keyClick(runner.notes_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.profile is None
    state, drafts = _from_disk(profile_files, running)
    assert state.what_matters == WORDS
    assert drafts[stage] == NOTE
    assert runner.captures["what_matters"].edit.toPlainText() == WORDS


def test_quit_names_typing_that_cannot_be_kept_for_later(qtbot, profile_files, running):
    window, runner = _window_with_runner(qtbot, profile_files, running)
    for _ in range(len(runner.template.stages)):
        if runner.current_stage.captures == "goal_review":
            break
        qtbot.mouseClick(runner.next_button, Qt.MouseButton.LeftButton)
    review = runner.captures["goal_review"]
    qtbot.mouseClick(review.new_goal, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(review.new_goal, "Walk to the shops")
    answer = answer_modal(qtbot, "Cancel")
    _quit(qtbot, review.new_goal)
    assert answer.titles == [TITLE]
    assert "lost on quitting: the goal “Walk to the shops”, not yet added" in answer.texts[0]
    assert window.isVisible()
    assert review.new_goal.text() == "Walk to the shops"


def test_quit_mentions_nothing_lost_when_everything_can_be_saved(qtbot, profile_files, running):
    window, runner = _window_with_runner(qtbot, profile_files, running)
    _type_what_matters(qtbot, runner)
    answer = answer_modal(qtbot, "Cancel")
    _quit(qtbot, runner)
    assert answer.titles == [TITLE]
    assert "lost" not in answer.texts[0]
    assert window.isVisible()


def test_an_open_records_plan_shows_what_matters_once_the_session_ends(
    qtbot, profile_files, running
):
    """The record was open before the session: its Goal plan tab is not left showing the old."""
    window, runner = _window_with_runner(qtbot, profile_files, running)
    mouse.click_nav(window.nav, "Caseload")
    mouse.click_row(window.caseload_view.table, 0, double=True)
    page = window.pages.currentWidget()
    assert isinstance(page, RecordPage)
    assert page.plan.fields["what_matters"].toPlainText() == ""
    mouse.click_nav(window.nav, "▶ Session")
    assert window.pages.currentWidget() is runner
    _type_what_matters(qtbot, runner)
    mouse.click(runner.end_button)
    with qtbot.waitSignal(runner.ended, timeout=5000):
        mouse.click(runner.end_confirm.end_button)
    assert page.plan.fields["what_matters"].toPlainText() == WORDS
