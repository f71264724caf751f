"""The record's Goals tab: each goal in the patient's words, its latest rating and its history.

A tree keeps it keyboard-friendly: a goal's ratings open under it with the Right arrow.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services.goals import GoalView
from linkworker_desktop.ui.models.session_words import DASH, medium_date

NO_GOALS_TEXT = "No goals agreed yet."


def rating_text(rating: int | None) -> str:
    return DASH if rating is None else f"{rating} of 10"


def history_text(goal: GoalView) -> str:
    """2 → 4 → 6: the path of the ratings, oldest first."""
    return " → ".join(str(rating) for _when, rating in goal.ratings) or "No ratings yet"


class GoalsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Goals")
        self.tree.setHeaderLabels(["Goal", "Status", "Latest rating", "Ratings so far"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.empty = QLabel(NO_GOALS_TEXT, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.clear()

    def show_record(self, goals: list[GoalView]) -> None:
        self.tree.clear()
        for goal in goals:
            item = QTreeWidgetItem(
                [
                    goal.description,
                    goal.status.label,
                    rating_text(goal.latest_rating),
                    history_text(goal),
                ]
            )
            item.setToolTip(0, goal.description)
            for when, rating in reversed(goal.ratings):
                day = datetime.fromisoformat(when).astimezone().date()
                child = QTreeWidgetItem([f"Rated on {medium_date(day)}", "", rating_text(rating)])
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.empty.setVisible(not goals)
        self.tree.setVisible(bool(goals))
        if goals:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def clear(self) -> None:
        self.show_record([])
