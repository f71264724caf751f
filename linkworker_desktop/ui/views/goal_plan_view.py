"""The patient's wellbeing plan: their words, goals with steps, and printing it for them.

A field the person has typed in keeps its text until the plan is saved: a reload after a goal
is saved, a booking or a lock never writes over it. Before a lock, a quit or closing the
record, unsaved typing is saved (``save_now``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.plan import PlanGoal, WellbeingPlan
from linkworker_desktop.services import printouts
from linkworker_desktop.services.plans import PlanService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.dialogs.goal_dialog import GoalDialog
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.widgets.day_field import DayError, DayField
from linkworker_desktop.ui.widgets.value_label import StatusLabel

ProfileGetter = Callable[[], OpenProfile | None]
_TEXT_PARTS = (
    ("what_matters", "What matters to me (their words)"),
    ("working", "What is working"),
    ("not_working", "What is not working"),
    ("strengths", "My strengths"),
    ("contingency", "If things get difficult"),
    ("share_with", "Who the plan can be shared with"),
)


class GoalPlanView(QWidget):
    changed = Signal()

    def __init__(self, profile: ProfileGetter, parent: QWidget | None = None):
        super().__init__(parent)
        self._profile = profile
        self._patient_id = ""
        self._plan: WellbeingPlan | None = None
        self._dialogs: list[QWidget] = []
        self._edited: set[str] = set()  # fields typed in since the plan was last loaded or saved
        self._loading = False

        form = QFormLayout()
        self.fields: dict[str, QPlainTextEdit] = {}
        for name, label in _TEXT_PARTS:
            edit = QPlainTextEdit(self)
            edit.setAccessibleName(label)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(54)
            self.fields[name] = edit
            edit.textChanged.connect(partial(self._typed, name))  # carries no value
            form.addRow(f"{label}:", edit)
        self.review = DayField("Review date", self)
        self.review.textChanged.connect(lambda _text: self._typed("review_date"))
        form.addRow("Review date:", self.review)

        self.goals = QListWidget(self)
        self.goals.setAccessibleName("Goals")
        self.goals.itemActivated.connect(lambda _item: self.edit_goal())
        self.add_goal_button = QPushButton("&Add goal…", self)
        self.add_goal_button.setAccessibleName("Add goal")
        self.add_goal_button.clicked.connect(lambda: self.edit_goal(new=True))
        self.edit_goal_button = QPushButton("Edi&t goal…", self)
        self.edit_goal_button.setAccessibleName("Edit goal (the selected one)")
        self.edit_goal_button.clicked.connect(lambda: self.edit_goal())
        self.save_button = QPushButton("Save p&lan", self)
        self.save_button.setAccessibleName("Save plan")
        self.save_button.clicked.connect(self.save_plan)
        self.large_print = QCheckBox("Large p&rint", self)
        self.large_print.setAccessibleName("Large print")
        # No Alt letter: the record's own "Print plan…" above every tab answers to Alt+P.
        self.print_button = QPushButton("Print plan…", self)
        self.print_button.setAccessibleName("Print plan")
        self.print_button.clicked.connect(self.print_plan)
        self.message = StatusLabel("Plan messages", "", self)
        self.message.setWordWrap(True)

        goal_buttons = QHBoxLayout()
        goal_buttons.addWidget(self.add_goal_button)
        goal_buttons.addWidget(self.edit_goal_button)
        goal_buttons.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        actions.addWidget(self.large_print)
        actions.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Goals:", self))
        layout.addWidget(self.goals, 1)
        layout.addLayout(goal_buttons)
        layout.addWidget(self.message)
        layout.addLayout(actions)

    # --- loading ------------------------------------------------------------------------------

    def set_patient(self, patient_id: str) -> None:
        self._patient_id = patient_id
        self.reload()

    def _typed(self, name: str) -> None:
        if not self._loading:
            self._edited.add(name)

    @property
    def has_typing(self) -> bool:
        return bool(self._edited)

    def set_profile(self, profile: OpenProfile | None) -> None:
        if profile is None and self._edited:
            return  # locked with typing that could not be saved: keep it on screen for unlock
        if profile is None:
            self._plan = None
            self.goals.clear()
            for edit in self.fields.values():
                edit.clear()
            self.review.clear()
        else:
            self.reload()

    def reload(self) -> None:
        profile = self._profile()
        if profile is None or not self._patient_id:
            return
        self._plan = PlanService(profile).load(self._patient_id)
        self._loading = True
        for name, edit in self.fields.items():
            if name not in self._edited:
                edit.setPlainText(getattr(self._plan, name))
        if "review_date" not in self._edited:
            self.review.set_day(self._plan.review_date)
        self._loading = False
        self._show_goals()

    def _show_goals(self) -> None:
        self.goals.clear()
        assert self._plan is not None
        if not self._plan.goals:
            item = QListWidgetItem("No goals yet: add the first one together.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.goals.addItem(item)
        for number, goal in enumerate(self._plan.goals, start=1):
            rating = f", {goal.latest_rating} out of 10" if goal.latest_rating is not None else ""
            steps = f", {len(goal.steps)} step{'s' if len(goal.steps) != 1 else ''}"
            item = QListWidgetItem(
                f"{number}. {goal.description} ({goal.status.label}{rating}{steps})"
            )
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            self.goals.addItem(item)

    # --- saving -------------------------------------------------------------------------------

    def _require(self) -> OpenProfile:
        profile = self._profile()
        if profile is None:
            raise RuntimeError("the caseload is locked")
        return profile

    def save_plan(self) -> bool:
        if self._plan is None:
            return False
        try:
            self._plan.review_date = self.review.day()
        except DayError as exc:
            self.message.show_problem(str(exc))
            return False
        for name, edit in self.fields.items():
            setattr(self._plan, name, edit.toPlainText())
        try:
            PlanService(self._require()).save_plan(self._plan)
        except (ValidationError, RuntimeError) as exc:
            self.message.show_problem(f"Not saved: {exc}")
            return False
        self._edited.clear()
        self.message.setText("Plan saved.")
        self.changed.emit()
        return True

    def save_now(self) -> bool:
        """Save typing that is waiting; True when nothing is left unsaved."""
        return not self._edited or self.save_plan()

    def edit_goal(self, new: bool = False) -> GoalDialog | None:
        if self._plan is None:
            return None
        goal: PlanGoal | None = None
        if not new:
            item = self.goals.currentItem()
            goal_id = item.data(Qt.ItemDataRole.UserRole) if item else None
            goal = next((g for g in self._plan.goals if g.id == goal_id), None)
            if goal is None:
                self.message.setText("Choose a goal to edit first.")
                return None

        def save(edited: PlanGoal) -> None:
            assert self._plan is not None
            PlanService(self._require()).save_goal(self._plan, edited)
            self.reload()
            self.changed.emit()

        dialog = GoalDialog(goal, save, self)
        dialog.finished.connect(lambda _r: self._dialogs.remove(dialog))
        self._dialogs.append(dialog)
        dialog.open()
        return dialog

    def print_plan(self) -> PrintPreviewDialog | None:
        if self._plan is None:
            return None
        self.save_plan()
        try:
            pdf, warnings = printouts.plan_pdf(
                self._require(), self._patient_id, large_print=self.large_print.isChecked()
            )
        except RuntimeError as exc:
            self.message.setText(f"Not printed: {exc}")
            return None
        html = printouts.plan_html(self._require(), self._patient_id)
        dialog = PrintPreviewDialog(
            pdf, "Wellbeing plan", "wellbeing-plan.pdf", warnings, self, html=html
        )
        dialog.finished.connect(lambda _r: self._dialogs.remove(dialog))
        self._dialogs.append(dialog)
        dialog.open()
        return dialog
