"""What the runner says to a screen reader: no clock read out each second, the over-run once,
and the time when asked for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.ui.views.session_runner import SessionRunner
from tests.ui.session_helpers import FakeClock, start_initial

WELCOME = "“Welcome and consent”"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def runner(qtbot, open_profile, clock):
    widget = SessionRunner(lambda: open_profile, start_initial(open_profile), clock=clock)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def _spoken(runner: SessionRunner, row: int) -> str:
    return runner.stage_list.item(row).data(Qt.ItemDataRole.AccessibleTextRole)


def test_the_current_stage_is_renamed_once_a_minute_not_every_second(runner, clock):
    clock.advance(65)
    runner.refresh_times()
    assert (
        runner.stage_list.row_text("welcome")
        == "1. Welcome and consent\n5 min planned · 1 min used"
    )
    assert _spoken(runner, 0) == (
        "Current stage: Welcome and consent, 5 minutes planned, 1 min used"
    )
    for _second in range(54):  # to 1:59: the row says the same thing throughout
        clock.advance(1)
        runner.refresh_times()
        assert runner.stage_list.row_text("welcome").endswith("· 1 min used")
        assert _spoken(runner, 0).endswith(", 1 min used")
    clock.advance(1)
    runner.refresh_times()
    assert _spoken(runner, 0).endswith(", 2 min used")


def test_the_over_run_is_said_once_per_stage_and_once_for_the_session(runner, clock, heard):
    clock.advance(5 * 60 - 1)
    runner.refresh_times()
    assert heard == []
    for _second in range(90):  # 90 ticks over the plan: the cue is said at the first
        clock.advance(1)
        runner.refresh_times()
    assert heard == [
        (f"Over by less than 1 min in {WELCOME} (5 min planned).", "Polite"),
    ]
    clock.advance(40 * 60)  # the session runs over too: said once more, then not again
    runner.refresh_times()
    runner.refresh_times()
    assert heard.texts() == [
        f"Over by less than 1 min in {WELCOME} (5 min planned).",
        f"Over by 41 min in {WELCOME} (5 min planned)."
        " The session is over by 1 min (45 min planned).",
    ]


def test_ctrl_t_says_the_time_used(qtbot, runner, clock, heard):
    clock.advance(3 * 60 + 20)
    runner.refresh_times()
    runner.notes_edit.setFocus()
    qtbot.keyClick(runner.notes_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert heard == [
        (
            "3 min 20 s used of 45 min. This stage, Welcome and consent: 3 min 20 s used of 5 min.",
            "Polite",
        )
    ]
    assert runner.notes_edit.toPlainText() == ""
