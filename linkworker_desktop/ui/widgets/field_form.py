"""Named form fields on one or more pages, each with a line for its own problem.

Field names are the domain's attribute names, so a ValidationError's ``problems`` (field name to
sentence) lands under the right input without a mapping table.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.ui.widgets.date_field import DateField
from linkworker_desktop.ui.widgets.field_state import clear_error, error_of, mark_error
from linkworker_desktop.ui.widgets.value_label import HintLabel

W = TypeVar("W", bound=QWidget)


class ProblemLine(QWidget):
    """What is wrong with one field: a warning icon and a bold sentence, hidden when all is well."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        size = self.fontMetrics().height()
        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAccessibleName("Problem")
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(self.label, 1)
        self.hide()

    def say(self, problem: str, field_label: str) -> None:
        self.label.setText(f"<b>{escape(problem)}</b>")
        self.label.setAccessibleName(f"{field_label}: {problem}")
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()


@dataclass(slots=True)
class FieldSlot:
    name: str
    label: str
    widget: QWidget
    message: ProblemLine
    page: QWidget


def new_page(title: str) -> tuple[QWidget, QFormLayout]:
    """A page whose rows keep their natural height, with the spare space below them."""
    page = QWidget()
    page.setAccessibleName(title)
    outer = QVBoxLayout(page)
    layout = QFormLayout()
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    layout.setVerticalSpacing(10)
    outer.addLayout(layout)
    outer.addStretch(1)
    return page, layout


class FieldForm:
    """Builds labelled rows and reads, writes and marks them by name."""

    def __init__(self) -> None:
        self.slots: dict[str, FieldSlot] = {}
        self.pages: list[tuple[str, QWidget]] = []
        self._page_of: dict[int, QWidget] = {}

    def page(self, title: str) -> QFormLayout:
        page, layout = new_page(title)
        self.pages.append((title, page))
        self._page_of[id(layout)] = page
        return layout

    def add(self, layout: QFormLayout, name: str, label: str, widget: W, hint: str = "") -> W:
        """A row: caption (the input's buddy), the input, an optional hint, its problem line."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            # Full-contrast text: a greyed hint is hard to read. Read as the field's description.
            column.addWidget(HintLabel(hint, widget))
        message = ProblemLine(box)
        column.addWidget(message)
        if isinstance(widget, QGroupBox | QAbstractButton):
            layout.addRow(box)  # these carry their own title
            widget.setAccessibleName(label)
        else:
            caption = QLabel(label)
            caption.setBuddy(widget)
            layout.addRow(caption, box)
            widget.setAccessibleName(label)
        page = self._page_of[id(layout)]
        self.slots[name] = FieldSlot(name, label, widget, message, page)
        if isinstance(widget, DateField):
            widget.editingFinished.connect(lambda: self._recheck_date(name))
        return widget

    def _recheck_date(self, name: str) -> None:
        """Say at once, on leaving the field, when a date cannot be right."""
        problem = self.slots[name].widget.read()[1]  # type: ignore[attr-defined]
        if problem:
            self.mark(name, problem)
        else:
            self.unmark(name)

    # --- values ---------------------------------------------------------------------------

    def value(self, name: str) -> Any:
        widget = self.slots[name].widget
        if isinstance(widget, DateField):
            return widget.read()[0]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, QAbstractButton):
            return widget.isChecked()
        return widget.value()  # type: ignore[attr-defined]

    def set_value(self, name: str, value: Any) -> None:
        widget = self.slots[name].widget
        if isinstance(widget, DateField):
            widget.set_date(value)
        elif isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QAbstractButton):
            widget.setChecked(bool(value))
        else:
            widget.set_value(value)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.slots}

    def date_problems(self) -> dict[str, str]:
        """Dates that cannot be read (31/02/2020), said in words, before anything is saved."""
        problems = {}
        for name, slot in self.slots.items():
            if isinstance(slot.widget, DateField):
                problem = slot.widget.read()[1]
                if problem:
                    problems[name] = problem
        return problems

    # --- problems -------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> list[FieldSlot]:
        """Mark each named field; returns the marked slots in form order."""
        marked = []
        for name, slot in self.slots.items():
            problem = problems.get(name)
            if problem:
                self.mark(name, problem)
                marked.append(slot)
        return marked

    def mark(self, name: str, problem: str) -> None:
        slot = self.slots[name]
        slot.message.say(problem, slot.label)
        mark_error(slot.widget, problem)

    def unmark(self, name: str) -> None:
        slot = self.slots[name]
        slot.message.clear()
        clear_error(slot.widget)

    def clear_problems(self) -> None:
        for name in self.slots:
            self.unmark(name)

    def problem_shown(self, name: str) -> str:
        """The problem now shown under a field, as plain text ('' when none)."""
        slot = self.slots[name]
        return "" if slot.message.isHidden() else error_of(slot.widget)

    def focus(self, name: str) -> None:
        widget = self.slots[name].widget
        if hasattr(widget, "focus_first"):
            widget.focus_first()
        else:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
