"""Add or edit one goal of the wellbeing plan: its words, steps, barriers and who can help."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.goals import GoalStatus
from linkworker_desktop.domain.plan import Helper, HelperKind, PlanGoal, Step
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.screen_fit import resize_to_fit
from linkworker_desktop.ui.widgets.day_field import DayError, DayField, parse_day
from linkworker_desktop.ui.widgets.tab_order import chain
from linkworker_desktop.ui.widgets.value_label import ValueLabel

SaveGoal = Callable[[PlanGoal], None]


class GoalDialog(DiscardGuard, QDialog):
    """Opened with open(); hands the goal to ``save`` and stays open to show any problem."""

    def __init__(self, goal: PlanGoal | None, save: SaveGoal, parent: QWidget | None = None):
        super().__init__(parent)
        self._goal = goal or PlanGoal(description="")
        self._save = save
        self._row_buttons_of: dict[str, tuple[QPushButton, QPushButton]] = {}
        self.setWindowTitle("Edit goal" if goal else "Add goal")
        resize_to_fit(self, 760, 640)

        self.description = QLineEdit(self._goal.description, self)
        self.description.setAccessibleName("Goal, in the person's own words")
        self.why = QLineEdit(self._goal.why_it_matters, self)
        self.why.setAccessibleName("Why it matters to them")
        self.target = DayField("Target date", self)
        self.target.set_day(self._goal.target_date)
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status: where the goal is now")
        for value, label in GoalStatus.choices():
            self.status.addItem(label, value)
        self.status.setCurrentIndex(self.status.findData(self._goal.status.value))
        self.barriers = QPlainTextEdit(self._goal.barriers, self)
        self.barriers.setAccessibleName("Barriers: what might get in the way")
        self.barriers.setFixedHeight(60)
        self.barriers.setTabChangesFocus(True)  # Tab moves on, as in every other form

        self.steps = self._table(["What", "Who", "By when", "Done"], "Steps")
        for step in self._goal.steps:
            self._add_step(step)
        self.helpers = self._table(["Who or what", "Kind", "Contact", "When"], "Who can help")
        for helper in self._goal.helpers:
            self._add_helper(helper)

        self.problems = ValueLabel("Problems to fix before saving", "", self)
        self.problems.setWordWrap(True)
        self.problems.setVisible(False)

        form = QFormLayout()
        form.addRow("&Goal:", self.description)
        form.addRow("&Why it matters:", self.why)
        form.addRow("&Target date:", self.target)
        form.addRow("&Status:", self.status)
        form.addRow("&Barriers:", self.barriers)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        layout.addLayout(form)
        layout.addWidget(QLabel("Steps (who does what by when):", self))
        layout.addWidget(self.steps)
        layout.addLayout(self._row_buttons("step", self._add_step, self.steps))
        layout.addWidget(QLabel("Who can help:", self))
        layout.addWidget(self.helpers)
        layout.addLayout(self._row_buttons("helper", self._add_helper, self.helpers))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        chain(  # the row buttons are made after both tables: put them back under their own
            [self.description, self.why, self.target, self.status, self.barriers]
            + [self.steps, *self._row_buttons_of["step"]]
            + [self.helpers, *self._row_buttons_of["helper"]]
            + self.buttons.buttons()
        )
        self.description.setFocus()

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setAccessibleName(name)
        table.horizontalHeader().setStretchLastSection(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)  # one Tab stop; arrows move between cells
        table.setColumnWidth(0, 260)
        table.setColumnWidth(1, 150)
        return table

    def _row_buttons(self, noun: str, add: Callable[[], None], table: QTableWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        add_button = QPushButton(f"Add {noun}", self)
        add_button.setObjectName(f"add_{noun}")
        add_button.setAccessibleName(f"Add {noun}")
        add_button.clicked.connect(lambda: self._type_into_new_row(table, add))
        remove = QPushButton(f"Remove {noun}", self)
        remove.setObjectName(f"remove_{noun}")
        remove.setAccessibleName(f"Remove {noun} (the selected one)")
        remove.clicked.connect(lambda: table.removeRow(table.currentRow()))
        for button in (add_button, remove):
            button.setAutoDefault(False)  # Enter saves the goal; only Space presses these
        self._row_buttons_of[noun] = (add_button, remove)
        row.addWidget(add_button)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    def _type_into_new_row(self, table: QTableWidget, add: Callable[[], None]) -> None:
        """Add a row and start typing in it, so a second key press fills it, not adds another."""
        add()
        row = table.rowCount() - 1
        table.setCurrentCell(row, 0)
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        table.editItem(table.item(row, 0))

    def _add_step(self, step: Step | None = None) -> None:
        step = step or Step(what="")
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        self.steps.setItem(row, 0, QTableWidgetItem(step.what))
        self.steps.setItem(row, 1, QTableWidgetItem(step.who))
        when = step.by_when.strftime("%d/%m/%Y") if step.by_when else ""
        self.steps.setItem(row, 2, QTableWidgetItem(when))
        done = QTableWidgetItem("Done")
        done.setFlags(done.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        done.setCheckState(Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked)
        self.steps.setItem(row, 3, done)
        self.steps.item(row, 0).setData(Qt.ItemDataRole.UserRole, step.id)

    def _add_helper(self, helper: Helper | None = None) -> None:
        helper = helper or Helper(name="")
        row = self.helpers.rowCount()
        self.helpers.insertRow(row)
        self.helpers.setItem(row, 0, QTableWidgetItem(helper.name))
        kind = QComboBox(self.helpers)
        kind.setAccessibleName("Kind of help")
        for value, label in HelperKind.choices():
            kind.addItem(label, value)
        kind.setCurrentIndex(kind.findData(helper.kind.value))
        self.helpers.setCellWidget(row, 1, kind)
        self.helpers.setItem(row, 2, QTableWidgetItem(helper.contact))
        self.helpers.setItem(row, 3, QTableWidgetItem(helper.when_text))
        self.helpers.item(row, 0).setData(Qt.ItemDataRole.UserRole, helper.id)

    def _cell(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item else ""

    def goal(self) -> PlanGoal:
        """The goal as typed; raises ValidationError for dates that cannot be read."""
        problems: dict[str, str] = {}
        try:
            target = self.target.day()
        except DayError as exc:
            problems["target_date"] = str(exc)
            target = None
        steps = []
        for row in range(self.steps.rowCount()):
            if not any(self._cell(self.steps, row, column) for column in (0, 1, 2)):
                continue  # a row added and never filled in is not a step
            try:
                when = parse_day(self._cell(self.steps, row, 2))
            except DayError as exc:
                problems[f"step{row + 1}"] = f"Step {row + 1}: {exc}"
                when = None
            done_item = self.steps.item(row, 3)
            steps.append(
                Step(
                    what=self._cell(self.steps, row, 0),
                    who=self._cell(self.steps, row, 1),
                    by_when=when,
                    done=bool(done_item and done_item.checkState() == Qt.CheckState.Checked),
                    id=self.steps.item(row, 0).data(Qt.ItemDataRole.UserRole) or "",
                )
            )
        helpers = []
        for row in range(self.helpers.rowCount()):
            if not any(self._cell(self.helpers, row, column) for column in (0, 2, 3)):
                continue  # an empty row is not a helper
            kind = self.helpers.cellWidget(row, 1)
            helpers.append(
                Helper(
                    name=self._cell(self.helpers, row, 0),
                    kind=HelperKind(kind.currentData()) if kind else HelperKind.PERSON,
                    contact=self._cell(self.helpers, row, 2),
                    when_text=self._cell(self.helpers, row, 3),
                    id=self.helpers.item(row, 0).data(Qt.ItemDataRole.UserRole) or "",
                )
            )
        if problems:
            raise ValidationError(problems)
        goal = self._goal
        goal.description = self.description.text()
        goal.why_it_matters = self.why.text()
        goal.target_date = target
        goal.status = GoalStatus(self.status.currentData())
        goal.barriers = self.barriers.toPlainText()
        goal.steps = steps
        goal.helpers = helpers
        return goal

    def try_save(self) -> None:
        try:
            self._save(self.goal())
        except ValidationError as exc:
            self.problems.setText("Please fix: " + " ".join(exc.problems.values()))
            self.problems.setVisible(True)
            return
        except RuntimeError as exc:  # the caseload locked while the dialog was open
            self.problems.setText(f"Not saved: {exc}. Unlock and press Save again.")
            self.problems.setVisible(True)
            return
        self.accept()
