"""The goal review: each goal in the patient's words, its last rating, and a 0-10 rating now.

Ratings are saved only when the worker says so ("Save ratings", or the runner moving on),
so nudging a spin box up and down mid-conversation never leaves a trail of half-meant rows.
Every rating starts at "Not rated" for this session, so "still a 4" is recorded on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.goals import RATING_MAX, RATING_MIN
from linkworker_desktop.services.goals import GoalService, GoalView
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.rating_spin import RatingSpinBox
from linkworker_desktop.ui.widgets.value_label import StatusLabel

NOT_RATED = RATING_MIN - 1
LOCKED_TEXT = "The caseload is locked. Unlock it to save; what you entered stays here."


def _day(recorded_at: str) -> str:
    moment = datetime.fromisoformat(recorded_at).astimezone()
    return f"{moment.day} {moment:%b %Y}"


def last_rating_text(goal: GoalView) -> str:
    if not goal.ratings:
        return "Not rated yet"
    recorded_at, rating = goal.ratings[-1]
    return f"{rating} of 10 on {_day(recorded_at)}"


class GoalReview(QWidget):
    """Rate each goal 0-10 and add new ones; saves through GoalService with the session id."""

    rebuilt = Signal()  # rows were made afresh: the host may re-order Tab

    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        patient_id: str,
        session_id: str | None = None,
        referral_id: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self.session_id = session_id
        self.referral_id = referral_id
        self.spins: dict[str, RatingSpinBox] = {}
        self._saved_now: dict[str, int] = {}
        self._status_labels: dict[str, QLabel] = {}

        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)

        self.save_button = QPushButton("Save ratings", self)
        self.save_button.setAccessibleName("Save goal ratings")
        self.save_button.clicked.connect(self.save_ratings)
        self.status = StatusLabel("Goal review status", self)
        self.status.setWordWrap(True)

        self.new_goal = QLineEdit(self)
        self.new_goal.setPlaceholderText("A new goal, in the patient's own words")
        self.new_goal.setAccessibleName("New goal in the patient's own words")
        self.new_goal.returnPressed.connect(self.add_goal)
        self.add_button = QPushButton("Add goal", self)
        self.add_button.setAccessibleName("Add goal")
        self.add_button.clicked.connect(self.add_goal)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_goal, 1)
        add_row.addWidget(self.add_button)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._grid_host)
        layout.addLayout(save_row)
        layout.addLayout(add_row)
        layout.addStretch(1)
        self.reload()

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild the rows from the caseload (keeps nothing unsaved: call after saving)."""
        profile = self._profile()
        if profile is None:
            self.status.setText(LOCKED_TEXT)
            return
        goals = GoalService(profile).goals(self.patient_id)
        while self._grid.count():
            widget = self._grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # at once: deletion waits for the event loop
                widget.deleteLater()
        self.spins.clear()
        self._status_labels.clear()
        if not goals:
            empty = QLabel("No goals yet. Add the first one below, in the patient's own words.")
            empty.setWordWrap(True)
            self._grid.addWidget(empty, 0, 0, 1, 4)
            self.save_button.hide()
            self.rebuilt.emit()
            return
        self.save_button.show()
        for column, heading in enumerate(("Goal", "Last rating", "Rating now (0–10)", "")):
            label = QLabel(heading)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self._grid.addWidget(label, 0, column)
        for row, goal in enumerate(goals, start=1):
            self._add_row(row, goal)
        self._show_pending()
        self.rebuilt.emit()

    def _add_row(self, row: int, goal: GoalView) -> None:
        text = QLabel(goal.description)
        text.setWordWrap(True)
        last = QLabel(last_rating_text(goal))
        spin = RatingSpinBox(RATING_MIN, RATING_MAX)
        spin.setValue(self._saved_now.get(goal.id, NOT_RATED))
        spin.setAccessibleName(f"Rating now, 0 to 10, for the goal: {goal.description}")
        spin.setAccessibleDescription(f"Last rating: {last_rating_text(goal)}")
        spin.valueChanged.connect(self._show_pending)
        text.setBuddy(spin)
        state = QLabel()
        state.setAccessibleName(f"Saved state of the goal: {goal.description}")
        self._grid.addWidget(text, row, 0)
        self._grid.addWidget(last, row, 1)
        self._grid.addWidget(spin, row, 2, alignment=Qt.AlignmentFlag.AlignLeft)
        self._grid.addWidget(state, row, 3)
        self.spins[goal.id] = spin
        self._status_labels[goal.id] = state

    def pending(self) -> dict[str, int]:
        """Ratings set on screen but not yet saved at this session."""
        return {
            goal_id: spin.value()
            for goal_id, spin in self.spins.items()
            if spin.value() != NOT_RATED and self._saved_now.get(goal_id) != spin.value()
        }

    def _show_pending(self) -> None:
        waiting = self.pending()
        for goal_id, label in self._status_labels.items():
            if goal_id in waiting:
                label.setText("Not saved yet")
            elif goal_id in self._saved_now:
                label.setText("✓ Saved")
            else:
                label.setText("")
        if waiting:
            count = len(waiting)
            self.status.setText(f"{count} rating{'s' if count > 1 else ''} not saved yet.")
        else:
            self.status.clear()

    # --- writing ------------------------------------------------------------------------------

    def save_ratings(self) -> int:
        """Save every rating set at this session; returns how many were saved."""
        waiting = self.pending()
        if not waiting:
            self.status.setText("Set a rating (0 to 10) for a goal first.")
            return 0
        profile = self._profile()
        if profile is None:
            self.status.setText(LOCKED_TEXT)
            return 0
        service = GoalService(profile)
        for goal_id, rating in waiting.items():
            service.rate(goal_id, rating, session_id=self.session_id)
            self._saved_now[goal_id] = rating
        self.reload()
        count = len(waiting)
        self.status.setText(f"Saved {count} rating{'s' if count > 1 else ''}.")
        return count

    def add_goal(self) -> str | None:
        profile = self._profile()
        if profile is None:
            self.status.setText(LOCKED_TEXT)
            return None
        waiting = self.pending()
        try:
            goal_id = GoalService(profile).add(
                self.patient_id, self.new_goal.text(), self.referral_id
            )
        except ValidationError as exc:
            self.status.show_problem(str(exc))
            self.new_goal.setFocus()
            return None
        self.new_goal.clear()
        self.reload()
        for other_id, rating in waiting.items():  # a rebuild must not lose unsaved ratings
            if other_id in self.spins:
                self.spins[other_id].setValue(rating)
        self.new_goal.setFocus()  # ready for the next goal: typing never lands in a rating
        self.status.setText("Goal added. Rate it now if you like, or later.")
        return goal_id
