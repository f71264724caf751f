"""Asking to end a session and keeping going move the focus once, between the two questions'
buttons: a screen reader says each focus move, and a stop on the way is heard as noise."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.ui.views.session_runner import SessionRunner
from tests.ui.focus_helpers import FocusHeard, focused, focused_name
from tests.ui.session_helpers import FakeClock, start_initial


@pytest.fixture
def runner(qtbot, open_profile):
    widget = SessionRunner(lambda: open_profile, start_initial(open_profile), clock=FakeClock())
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
