"""Edit goal by keyboard: focus starts in the goal, Add step opens the new step for typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from linkworker_desktop.domain.plan import PlanGoal, Step
from linkworker_desktop.ui.dialogs.goal_dialog import GoalDialog


@pytest.fixture
def opened(qtbot):
    saved: list[PlanGoal] = []
    goal = PlanGoal(description="Join the choir", steps=[Step(what="Find the choir's night")])
    dialog = GoalDialog(goal, saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog, saved


def button(dialog: GoalDialog, words: str) -> QPushButton:
    """A button found by what it says on screen (a mnemonic's & aside)."""
    found = [b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == words]
    assert len(found) == 1
    return found[0]


def save_button(dialog: GoalDialog) -> QPushButton:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_focus_starts_in_the_goal_words(opened):
    dialog, _saved = opened
    assert QApplication.focusWidget() is dialog.description


def test_add_step_puts_the_cursor_in_the_new_step(qtbot, opened):
    dialog, saved = opened
    qtbot.mouseClick(button(dialog, "Add step"), Qt.MouseButton.LeftButton)
    assert dialog.steps.rowCount() == 2
    qtbot.keyClicks(QApplication.focusWidget(), "Ring the choir leader")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # ends the edit
    qtbot.waitUntil(lambda: dialog.steps.item(1, 0).text() == "Ring the choir leader")
    assert dialog.steps.rowCount() == 2  # the spaces between the words added no steps
    assert saved == []  # Enter ended the step's edit; it did not save the goal
    qtbot.mouseClick(save_button(dialog), Qt.LeftButton)
    assert [step.what for step in saved[0].steps] == [
        "Find the choir's night",
        "Ring the choir leader",
    ]
    assert not dialog.isVisible()


def test_an_empty_step_is_left_out_rather_than_blocking_save(qtbot, opened):
    dialog, saved = opened
    qtbot.mouseClick(button(dialog, "Add step"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leaves the new row empty
    qtbot.waitUntil(lambda: dialog.isVisible() and QApplication.focusWidget() is dialog.steps)
    qtbot.mouseClick(button(dialog, "Add helper"), Qt.MouseButton.LeftButton)
    assert (dialog.steps.rowCount(), dialog.helpers.rowCount()) == (2, 1)
    qtbot.mouseClick(save_button(dialog), Qt.LeftButton)
    assert len(saved) == 1
    assert [step.what for step in saved[0].steps] == ["Find the choir's night"]
    assert saved[0].helpers == []
    assert not dialog.isVisible()


def test_add_and_remove_never_take_enter_from_save(opened):
    dialog, _saved = opened
    for name in ("Add step", "Remove step", "Add helper", "Remove helper"):
        assert not button(dialog, name).autoDefault()
    assert save_button(dialog).isDefault()
