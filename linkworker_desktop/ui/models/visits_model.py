"""A patient's sessions as a Qt table: bookings and the sessions held, newest first.

Planned and actual minutes sit side by side so a session that ran long is plain to see, and
attendance is words ("Did not attend", "Cancelled (unwell)"), never a colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from linkworker_desktop.ui.models.record_data import Visit
from linkworker_desktop.ui.models.session_words import day_and_time, minutes_text

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    WHEN = 0
    SESSION = 1
    MODE = 2
    PLANNED = 3
    ACTUAL = 4
    ATTENDANCE = 5

    @property
    def title(self) -> str:
        return _TITLES[self]


class Role(IntEnum):
    VISIT = Qt.ItemDataRole.UserRole + 1


_TITLES = {
    Column.WHEN: "Date",
    Column.SESSION: "Session",
    Column.MODE: "How",
    Column.PLANNED: "Planned",
    Column.ACTUAL: "Actual",
    Column.ATTENDANCE: "Attendance",
}
_COLUMNS = tuple(Column)
_NUMERIC = frozenset({Column.PLANNED, Column.ACTUAL})
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def cell_text(visit: Visit, column: Column) -> str:
    if column is Column.WHEN:
        return day_and_time(visit.when)
    if column is Column.SESSION:
        return visit.label
    if column is Column.MODE:
        return visit.mode.label if visit.mode else ""
    if column is Column.PLANNED:
        return f"{visit.planned_minutes} min"
    if column is Column.ACTUAL:
        return minutes_text(visit.actual_seconds)
    return visit.attendance


class VisitsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._visits: list[Visit] = []

    @property
    def visits(self) -> list[Visit]:
        return self._visits

    def set_visits(self, visits: Sequence[Visit]) -> None:
        self.beginResetModel()
        self._visits = list(visits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_visits([])

    def visit(self, row: int) -> Visit:
        return self._visits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visits)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        visit = self._visits[index.row()]
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return cell_text(visit, column)
        if role == _ACCESSIBLE:
            text = cell_text(visit, column)
            if column is Column.ACTUAL and visit.actual_seconds is None:
                return "no actual time recorded"
            return text or "not given"
        if role == _ALIGN:
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == Role.VISIT:
            return visit
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_COLUMNS):
            return None
        if role == _DISPLAY:
            return _COLUMNS[section].title
        return None
