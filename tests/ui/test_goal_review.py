"""The goal review: goals with their last rating, a 0-10 rating now, and adding goals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.ui.widgets.goal_review import GoalReview
from tests.ui.session_helpers import start_initial, unnamed_controls


@pytest.fixture
def session(open_profile):
    return start_initial(open_profile)


@pytest.fixture
def goals(open_profile, session):
    service = GoalService(open_profile)
    walking = service.add(session.patient_id, "Walk round the park three mornings a week")
    service.rate(walking, 4)
    coffee = service.add(session.patient_id, "Go to the Tuesday coffee morning")
    return {"walking": walking, "coffee": coffee}


@pytest.fixture
def review(qtbot, open_profile, session, goals):
    widget = GoalReview(lambda: open_profile, session.patient_id, session.session_id)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def progress(profile, goal_id):
    return profile.conn.execute(
        "SELECT rating, session_id FROM goal_progress WHERE goal_id = ? ORDER BY recorded_at",
        (goal_id,),
    ).fetchall()


def test_goals_are_listed_with_their_latest_rating(review, goals):
    assert set(review.spins) == set(goals.values())
    texts = [label.text() for label in review.findChildren(QLabel)]
    assert "Walk round the park three mornings a week" in texts
    assert any(t.startswith("4 of 10 on ") for t in texts)
    assert "Not rated yet" in texts
    for spin in review.spins.values():
        assert spin.text() == "Not rated"  # this session's rating is asked, never assumed


def test_a_rating_typed_on_the_keyboard_is_saved_with_the_session(
    qtbot, review, open_profile, session, goals
):
    spin = review.spins[goals["walking"]]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "6")
    assert spin.value() == 6
    assert review.pending() == {goals["walking"]: 6}
    assert "1 rating not saved yet" in review.status.text()
    assert review.save_ratings() == 1
    assert progress(open_profile, goals["walking"]) == [(4, None), (6, session.session_id)]
    assert progress(open_profile, goals["coffee"]) == []  # "Not rated" is never saved as 0
    assert review.status.text() == "Saved 1 rating."
    assert review.pending() == {}
    assert review.spins[goals["walking"]].value() == 6


def test_arrow_keys_rate_from_zero(qtbot, review, open_profile, goals):
    spin = review.spins[goals["coffee"]]
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.value() == 0 and spin.text() == "0"
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    review.save_button.click()
    assert progress(open_profile, goals["coffee"])[0][0] == 1
    status = open_profile.conn.execute(
        "SELECT status FROM goals WHERE id = ?", (goals["coffee"],)
    ).fetchone()[0]
    assert status == "in_progress"


def test_saving_with_nothing_rated_says_so(review, open_profile, goals):
    assert review.save_ratings() == 0
    assert "Set a rating" in review.status.text()


def test_adding_a_goal_in_the_patients_words(qtbot, review, open_profile, session):
    review.spins[next(iter(review.spins))].setValue(7)  # an unsaved rating survives the add
    qtbot.keyClicks(review.new_goal, "Ring my sister once a week")
    qtbot.keyClick(review.new_goal, Qt.Key.Key_Return)
    descriptions = [g.description for g in GoalService(open_profile).goals(session.patient_id)]
    assert descriptions[-1] == "Ring my sister once a week"
    assert len(review.spins) == 3
    assert review.new_goal.text() == ""
    assert next(iter(review.spins.values())).value() == 7


def test_an_empty_goal_is_refused_with_a_reason(review, open_profile, session):
    assert review.add_goal() is None
    assert "own words" in review.status.text()
    assert len(GoalService(open_profile).goals(session.patient_id)) == 2


def test_no_goals_yet_shows_how_to_start(qtbot, open_profile):
    session = start_initial(open_profile, seed=3)
    widget = GoalReview(lambda: open_profile, session.patient_id, session.session_id)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.spins == {}
    assert widget.save_button.isHidden()  # no button that cannot do anything


def test_locked_saves_nothing_and_keeps_the_rating(qtbot, open_profile, session, goals):
    current = {"profile": open_profile}
    widget = GoalReview(lambda: current["profile"], session.patient_id, session.session_id)
    qtbot.addWidget(widget)
    widget.spins[goals["coffee"]].setValue(3)
    current["profile"] = None
    assert widget.save_ratings() == 0
    assert "locked" in widget.status.text()
    assert widget.spins[goals["coffee"]].value() == 3
    current["profile"] = open_profile
    assert widget.save_ratings() == 1


def test_every_control_has_an_accessible_name(review):
    assert unnamed_controls(review) == []


@pytest.mark.parametrize(("typed", "expected"), [("2", 2), ("10", 10), ("0", 0)])
def test_a_digit_typed_over_not_rated_lands_on_that_rating(qtbot, review, goals, typed, expected):
    spin = review.spins[goals["coffee"]]
    assert spin.text() == "Not rated"
    qtbot.keyClicks(spin, typed)
    assert spin.value() == expected
    assert spin.text() == typed
    assert review.pending() == {goals["coffee"]: expected}


def test_a_letter_typed_over_not_rated_changes_nothing(qtbot, review, goals):
    spin = review.spins[goals["coffee"]]
    qtbot.keyClicks(spin, "x")
    assert spin.text() == "Not rated"
    assert review.pending() == {}


def test_after_adding_a_goal_with_enter_the_next_goal_can_be_typed_at_once(
    qtbot, review, open_profile, session
):
    review.new_goal.setFocus()
    qtbot.keyClicks(review.new_goal, "Ring my sister once a week")
    qtbot.keyClick(review.new_goal, Qt.Key.Key_Return)
    qtbot.wait(50)  # the new rows show themselves once the event loop runs
    assert review.new_goal.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Join the choir")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    descriptions = [g.description for g in GoalService(open_profile).goals(session.patient_id)]
    assert descriptions[-2:] == ["Ring my sister once a week", "Join the choir"]
    assert review.new_goal.text() == ""
    assert all(spin.text() == "Not rated" for spin in review.spins.values())
    assert len(review.spins) == 4
