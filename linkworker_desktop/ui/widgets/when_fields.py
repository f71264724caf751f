"""A session's date and start time as typed text that lands exactly as typed.

A QDateEdit edits one section at a time, so typing "Sun 29 Nov 2026" over a selected date
rolled it to another day, and a QTimeEdit read "16:30" as 10:30. These are line edits read
by the domain's parser: any UK form is accepted, the value is shown back one way when the
field is left, and text that is not a date or a time is said so, never changed into one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.typed_dates import (
    format_uk_date,
    format_uk_time,
    parse_uk_date,
    parse_uk_time,
)
from linkworker_desktop.ui.widgets.field_state import mark_error


class _TypedField(QLineEdit):
    """Shared by the date and the time: read on leaving, shown back tidy, problems said."""

    value_changed = Signal(object)  # the new date or time, once the text reads as one
    problem_changed = Signal(str)  # why the text is not a value; "" once it is

    def __init__(
        self,
        parse: Callable[[str], Any],
        show: Callable[[Any], str],
        value: Any,
        accessible_name: str,
        parent: QWidget | None,
    ):
        super().__init__(parent)
        self._parse, self._show, self._value = parse, show, value
        self.setAccessibleName(accessible_name)
        self.setText(show(value))
        self.editingFinished.connect(self._tidy)

    def value(self) -> Any:
        """What the text says now, or None when it says no date or time."""
        try:
            return self._parse(self.text())
        except ValueError:
            return None

    def problem(self) -> str | None:
        try:
            self._parse(self.text())
        except ValueError as exc:
            return str(exc)
        return None

    def set_value(self, value: Any) -> None:
        self.setText(self._show(value))
        self._tidy()

    def _tidy(self) -> None:
        """Show a good value the one way; keep bad text as typed and say what is wrong."""
        problem = self.problem()
        mark_error(self, problem or "")
        self.problem_changed.emit(problem or "")
        if problem:
            return
        value = self._parse(self.text())
        if self.text() != self._show(value):
            self.setText(self._show(value))
        if value != self._value:
            self._value = value
            self.value_changed.emit(value)


class _CalendarPopup(QFrame):
    """The month to pick from with the mouse; Enter picks, Escape closes without a change."""

    def __init__(self, field: CalendarDateField):
        super().__init__(field, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(f"Calendar for {field.accessibleName().lower()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        self._field = field

    def _pick(self, day: QDate) -> None:
        self.close()
        self._field.set_value(day.toPython())
        self._field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            self._field.setFocus()
            return
        super().keyPressEvent(event)


class CalendarDateField(_TypedField):
    """A date typed any UK way, shown back as "Sun 29 Nov 2026"; Alt+Down opens a calendar."""

    def __init__(self, value: date, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parse_uk_date, format_uk_date, value, accessible_name, parent)
        self.setPlaceholderText("dd/mm/yyyy")
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.calendar_action = QAction(icon, "Choose from a calendar (Alt+Down)", self)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.calendar_button = self.findChildren(QToolButton)[-1]
        self.calendar_button.setAccessibleName("Choose from a calendar")
        self.popup: _CalendarPopup | None = None
        width = self.fontMetrics().horizontalAdvance("Wed 29 Sep 2026") * 1.4
        self.setMinimumWidth(int(width))

    def date(self) -> date | None:
        return self.value()

    def show_calendar(self) -> None:
        self.popup = _CalendarPopup(self)
        shown = self.date()
        if shown is not None:
            self.popup.calendar.setSelectedDate(QDate(shown))
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()
        self.popup.calendar.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        opens = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if opens:
            self.show_calendar()
            return
        super().keyPressEvent(event)


class ClockTimeField(_TypedField):
    """A time typed as 16:30, 1630 or 4:30pm, shown back on the 24-hour clock."""

    def __init__(self, value: time, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parse_uk_time, format_uk_time, value, accessible_name, parent)
        self.setPlaceholderText("hh:mm")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("10:30 pm") * 2)

    def time(self) -> time | None:
        return self.value()


def typed_start(day: CalendarDateField, moment: ClockTimeField) -> datetime | None:
    """The start as typed, or None while the date or the time does not read as one."""
    on, at = day.date(), moment.time()
    if on is None or at is None:
        return None
    return datetime.combine(on, at)


def typed_problems(day: CalendarDateField, moment: ClockTimeField) -> str:
    """What is wrong with the date and time typed, in one line ("" when both read)."""
    return " ".join(p for p in (day.problem(), moment.problem()) if p)


def say_when_problems(error: Any, day: CalendarDateField, moment: ClockTimeField) -> None:
    """Say at once, in ``error`` beside the fields, when the date or time typed is not one."""
    problems = typed_problems(day, moment)
    if problems:
        error.show_text(problems)
    else:
        error.clear()
