"""The caseload as a Qt table: one row per patient, columns named, no database access.

The model only displays the :class:`CaseloadRow` list it is given. It sorts itself in Python
(one ``list.sort`` with a precomputed key) because letting Qt's proxy compare rows calls back
into Python for every comparison: about a second at 10,000 patients instead of a few ms.
It also holds the filtered list itself (:meth:`CaseloadModel.set_filter`): one Python pass and a
reset per keystroke, where a proxy would ask Python about every patient one call at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.caseload import CaseloadRow
from linkworker_desktop.ui.models.display import format_date, format_datetime

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    NHS_NUMBER = 1
    STATUS = 2
    REFERRAL_DATE = 3
    DAYS_WAITING = 4
    SESSIONS_USED = 5
    NEXT_SESSION = 6

    @property
    def title(self) -> str:
        return _TITLES[self]


class Role(IntEnum):
    """Extra data roles: the row object itself, and a plain value to sort by."""

    ROW = Qt.ItemDataRole.UserRole + 1
    SORT_KEY = Qt.ItemDataRole.UserRole + 2
    PATIENT_ID = Qt.ItemDataRole.UserRole + 3
    OVERDUE = Qt.ItemDataRole.UserRole + 4


_TITLES = {
    Column.NAME: "Name",
    Column.NHS_NUMBER: "NHS number",
    Column.STATUS: "Status",
    Column.REFERRAL_DATE: "Referral date",
    Column.DAYS_WAITING: "Days waiting",
    Column.SESSIONS_USED: "Sessions used",
    Column.NEXT_SESSION: "Next session",
}
_HEADER_TIPS = {
    Column.STATUS: "The status of the patient's latest referral. Overdue ones say so.",
    Column.DAYS_WAITING: "Days from referral to the first session, or to today if not yet seen.",
    Column.SESSIONS_USED: "Sessions attended in the current referral.",
}
_STATUS_ORDER = {status: position for position, status in enumerate(ReferralStatus)}
_NUMERIC = frozenset({Column.DAYS_WAITING, Column.SESSIONS_USED})
_COLUMNS = tuple(Column)

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _ACCESSIBLE, _ALIGN, _DECORATION, *map(int, Role)})


def status_text(row: CaseloadRow) -> str:
    """The status as words, with the overdue marker in words too (never colour alone)."""
    label = row.status.label if row.status else "No referral"
    return f"{label} (overdue)" if row.overdue else label


def _display(row: CaseloadRow, column: Column) -> str:
    if column is Column.NAME:
        return row.name
    if column is Column.NHS_NUMBER:
        return format_nhs_number(row.nhs_number)
    if column is Column.STATUS:
        return status_text(row)
    if column is Column.REFERRAL_DATE:
        return format_date(row.referral_date)
    if column is Column.DAYS_WAITING:
        return "" if row.days_waiting is None else str(row.days_waiting)
    if column is Column.SESSIONS_USED:
        return str(row.sessions_used)
    return format_datetime(row.next_session)


_SORT_KEYS: dict[Column, Callable[[CaseloadRow], Any]] = {
    Column.NAME: lambda r: r.sort_key,
    Column.NHS_NUMBER: lambda r: r.nhs_number,
    Column.STATUS: lambda r: None if r.status is None else _STATUS_ORDER[r.status],
    Column.REFERRAL_DATE: lambda r: r.referral_date.toordinal() if r.referral_date else None,
    Column.DAYS_WAITING: lambda r: r.days_waiting,
    Column.SESSIONS_USED: lambda r: r.sessions_used,
    Column.NEXT_SESSION: lambda r: r.next_session.timestamp() if r.next_session else None,
}


def sort_order(rows: Sequence[CaseloadRow], column: Column, descending: bool = False) -> list[int]:
    """Row positions in sorted order; blanks go last either way, ties keep their order."""
    key = _SORT_KEYS[column]
    keyed = [(key(row), position) for position, row in enumerate(rows)]
    present = [pair for pair in keyed if pair[0] is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [p for _, p in present] + [p for k, p in keyed if k is None]


class CaseloadModel(QAbstractTableModel):
    """A thin table over ``CaseloadRow`` objects; ``set_rows`` replaces them all at once."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._all: list[CaseloadRow] = []
        self._rows: list[CaseloadRow] = []  # those the filter lets through, in display order
        self._keep: Callable[[CaseloadRow], bool] | None = None
        self._warning: QIcon | None = None

    # --- contents -------------------------------------------------------------------------

    @property
    def rows(self) -> list[CaseloadRow]:
        """The rows shown, in display order; treat as read-only."""
        return self._rows

    @property
    def all_rows(self) -> list[CaseloadRow]:
        """Every patient in the caseload, shown or not, in display order."""
        return self._all

    def set_rows(self, rows: Sequence[CaseloadRow]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._filtered()
        self.endResetModel()

    def set_filter(self, keep: Callable[[CaseloadRow], bool] | None) -> None:
        """Show only the rows ``keep`` accepts (None: every row), decided in one pass."""
        self.beginResetModel()
        self._keep = keep
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[CaseloadRow]:
        keep = self._keep
        return list(self._all) if keep is None else [row for row in self._all if keep(row)]

    def clear(self) -> None:
        """Forget every patient, as when the caseload locks."""
        self.set_rows([])

    def row_at(self, row: int) -> CaseloadRow:
        return self._rows[row]

    def position_of(self, patient_id: str) -> int | None:
        for position, row in enumerate(self._rows):
            if row.patient_id == patient_id:
                return position
        return None

    # --- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
        # Painting asks about a dozen roles a cell; those not answered return before any lookup.
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return _display(row, column)
        if role == _ALIGN:
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == _TOOLTIP:
            return f"Overdue: {row.overdue_reason}." if row.overdue else None
        if role == _DECORATION:
            return self._warning_icon() if row.overdue and column is Column.STATUS else None
        if role == _ACCESSIBLE:
            text = _display(row, column) or "blank"
            if row.overdue and column is Column.STATUS:
                text = f"{text}: {row.overdue_reason}"
            return text
        if role == Role.ROW:
            return row
        if role == Role.SORT_KEY:
            return _SORT_KEYS[column](row)
        if role == Role.PATIENT_ID:
            return row.patient_id
        if role == Role.OVERDUE:
            return row.overdue
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_COLUMNS):
            return None
        column = _COLUMNS[section]
        if role == _DISPLAY:
            return column.title
        if role == _TOOLTIP:
            return _HEADER_TIPS.get(column)
        if role == _ALIGN:
            return _RIGHT if column in _NUMERIC else _LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in one Python pass, moving persistent indexes (selection, current row) along."""
        if not 0 <= column < len(_COLUMNS) or not self._all:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        order_list = sort_order(self._all, _COLUMNS[column], descending)
        self.layoutAboutToBeChanged.emit()
        shown_before = self._rows
        self._all = [self._all[old] for old in order_list]
        self._rows = self._filtered()
        new_position = {id(row): new for new, row in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        moved = [
            self.index(new_position[id(shown_before[i.row()])], i.column()) for i in persistent
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            style = QApplication.style()
            self._warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning
