"""Asking to end a session and keeping going move the focus once, between the two questions'
buttons: a screen reader says each focus move, and a stop on the way is heard as noise."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.ui.views.session_runner import SessionRunner
from tests.ui.focus_helpers import FocusHeard, focused, focused_name
from tests.ui.session_helpers import FakeClock, start_initial


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def runner(qtbot, open_profile, clock):
    widget = SessionRunner(lambda: open_profile, start_initial(open_profile), clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def test_end_session_moves_the_focus_to_the_question_and_back_once_each(qtbot, runner):
    runner.end_button.setFocus()
    assert focused_name() == "End session"
    heard = FocusHeard()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert runner.end_confirm.isVisible() and runner.end_button.isHidden()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert runner.end_confirm.isHidden() and runner.end_button.isVisible()
    assert heard.stop() == [("No, keep going", True), ("End session", True)]


def test_ending_the_session_moves_the_focus_once_to_a_named_control_of_the_summary(
    qtbot, runner, clock
):
    clock.advance(10 * 60)
    runner.end_button.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert focused_name() == "No, keep going"
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab)
    assert focused_name() == "Yes, end the session"
    heard = FocusHeard()
    with qtbot.waitSignal(runner.ended, timeout=2000):
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert runner.pages.currentWidget() is runner.summary
    moves = heard.stop()
    assert len(moves) == 1 and moves[0][1], moves
    assert runner.summary.isAncestorOf(focused())
    assert moves[0][0] == focused_name() != ""
