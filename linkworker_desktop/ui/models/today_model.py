"""The day's sessions as a Qt table: one row per appointment, columns named, no database access.

The view hands it the ``TodayEntry`` list from ``AppointmentService.day``; the model only
words it. Status is a column of words (never a colour) so a did-not-attend stands out to
everyone, screen reader users included.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from linkworker_desktop.domain.appointments import AppointmentStatus
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.appointments import TodayEntry
from linkworker_desktop.ui.models.session_words import time_range

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TIME = 0
    PATIENT = 1
    SESSION = 2
    MODE = 3
    PLACE = 4
    STATUS = 5
    PREPARE = 6

    @property
    def title(self) -> str:
        return _TITLES[self]


class Role(IntEnum):
    ENTRY = Qt.ItemDataRole.UserRole + 1
    APPOINTMENT_ID = Qt.ItemDataRole.UserRole + 2


_TITLES = {
    Column.TIME: "Time",
    Column.PATIENT: "Patient",
    Column.SESSION: "Session",
    Column.MODE: "How",
    Column.PLACE: "Place",
    Column.STATUS: "Status",
    Column.PREPARE: "Prepare",
}
_HEADER_TIPS = {
    Column.SESSION: "Which session this is, counted against the follow-ups the service offers.",
    Column.PREPARE: "Anything to bring or check before the session.",
}
_COLUMNS = tuple(Column)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)


def status_text(entry: TodayEntry) -> str:
    """Booked, Started (a session is open for it), Attended, Did not attend."""
    if entry.status == AppointmentStatus.BOOKED and entry.has_session:
        return "Started"
    return entry.status.label


def cell_text(entry: TodayEntry, column: Column) -> str:
    if column is Column.TIME:
        return time_range(entry.starts_at, entry.planned_minutes)
    if column is Column.PATIENT:
        return entry.patient_name
    if column is Column.SESSION:
        return entry.label
    if column is Column.MODE:
        return entry.mode.label
    if column is Column.PLACE:
        return entry.place
    if column is Column.STATUS:
        return status_text(entry)
    return " ".join(entry.prepare_notes.split())  # one line in the grid; full text below it


def _accessible(entry: TodayEntry, column: Column) -> str:
    text = cell_text(entry, column)
    if column is Column.PATIENT:
        return f"{text}, NHS number {format_nhs_number(entry.nhs_number)}"
    if column is Column.TIME:
        return f"{entry.starts_at:%H:%M}, {entry.planned_minutes} minutes"
    if not text:
        return "nothing to prepare" if column is Column.PREPARE else "not given"
    return text


class TodayModel(QAbstractTableModel):
    """A thin table over ``TodayEntry`` objects; ``set_entries`` replaces them all at once."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._entries: list[TodayEntry] = []

    @property
    def entries(self) -> list[TodayEntry]:
        return self._entries

    def set_entries(self, entries: Sequence[TodayEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def clear(self) -> None:
        """Forget the day, as when the caseload locks."""
        self.set_entries([])

    def entry(self, row: int) -> TodayEntry:
        return self._entries[row]

    def row_of(self, appointment_id: str) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.appointment_id == appointment_id:
                return row
        return None

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

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
        entry = self._entries[index.row()]
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return cell_text(entry, column)
        if role == _ACCESSIBLE:
            return _accessible(entry, column)
        if role == _TOOLTIP:
            if column is Column.PATIENT:
                return f"NHS number {format_nhs_number(entry.nhs_number)}"
            if column is Column.PREPARE and entry.prepare_notes:
                return entry.prepare_notes
            return None
        if role == Role.ENTRY:
            return entry
        if role == Role.APPOINTMENT_ID:
            return entry.appointment_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_COLUMNS):
            return None
        column = _COLUMNS[section]
        if role == _DISPLAY:
            return column.title
        if role == _TOOLTIP:
            return _HEADER_TIPS.get(column)
        return None
