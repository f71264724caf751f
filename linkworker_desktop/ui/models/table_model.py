"""One table model that carries the table rules once, so each table only declares its columns.

Every table here reads the same way: each cell has words on screen and words for a screen
reader (an empty cell is said as "blank", never skipped unheard), numbers sit to the right under
a header aligned the same way, and a column that sorts does so by a plain value in one Python
pass (Qt's proxy would call back into Python for every comparison).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

RowT = TypeVar("RowT")
AnyIndex = QModelIndex | QPersistentModelIndex

ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class TableColumn(Generic[RowT]):
    """One column: its header, its words on screen and aloud, its tip, alignment and sort value.

    ``spoken`` defaults to the shown text; whatever it gives that is empty is said as the
    model's ``blank_text``. A ``sort_key`` of None for a row puts that row last either way.
    """

    header: str
    text: Callable[[RowT], str]
    spoken: Callable[[RowT], str] | None = None
    tip: Callable[[RowT], str | None] | None = None
    header_tip: str | None = None
    numeric: bool = False
    sort_key: Callable[[RowT], Any] | None = None

    @property
    def alignment(self) -> Qt.AlignmentFlag:
        return RIGHT if self.numeric else LEFT


def sort_order(rows: Sequence[RowT], key: Callable[[RowT], Any], descending: bool) -> list[int]:
    """Row positions in sorted order; blanks go last either way, ties keep their order."""
    keyed = [(key(row), position) for position, row in enumerate(rows)]
    present = [pair for pair in keyed if pair[0] is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [p for _, p in present] + [p for k, p in keyed if k is None]


class TableModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table over a list of rows; ``set_rows`` replaces them all at once.

    Subclasses declare ``columns`` and may answer their own roles in ``row_data``.
    """

    columns: Sequence[TableColumn[Any]] = ()
    blank_text = "blank"

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._all: list[RowT] = []
        self._rows: list[RowT] = []  # those the filter lets through, in display order
        self._keep: Callable[[RowT], bool] | None = None

    # --- contents -------------------------------------------------------------------------

    @property
    def rows(self) -> list[RowT]:
        """The rows shown, in display order; treat as read-only (a proxy may watch its identity)."""
        return self._rows

    @property
    def all_rows(self) -> list[RowT]:
        """Every row, shown or not, in display order."""
        return self._all

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._filtered()
        self.endResetModel()

    def set_filter(
        self, keep: Callable[[RowT], bool] | None, shown: list[RowT] | None = None
    ) -> None:
        """Show only the rows ``keep`` accepts (None: every row), decided in one Python pass:
        a proxy filter would be called from C++ once per row on every keystroke.

        ``shown`` is those rows in display order when the caller already knows them (a search
        narrowing its last answer), so no pass over every row is needed.
        """
        self.beginResetModel()
        self._keep = keep
        self._rows = self._filtered() if shown is None else shown
        self.endResetModel()

    def _filtered(self) -> list[RowT]:
        keep = self._keep
        return list(self._all) if keep is None else [row for row in self._all if keep(row)]

    def clear(self) -> None:
        """Forget every row, as when the caseload locks."""
        self.set_rows([])

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def position(self, matches: Callable[[RowT], bool]) -> int | None:
        """The first row that ``matches``, or None."""
        return next((i for i, row in enumerate(self._rows) if matches(row)), None)

    def row_data(self, row: RowT, column: int, role: int) -> Any:
        """A subclass's own roles (an id, an icon); None when it has nothing to add."""
        return None

    # --- Qt model API ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Qt's own ``index`` asks Python for the row and column counts each time: a painted
        screen asks for every cell, so the bounds are checked here in one call instead."""
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._value(self._rows[index.row()], index.column(), role)

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N803
        """Every role a painted cell needs in one call: Qt's own would call ``data`` for each
        of the seven or so roles a delegate asks, each call crossing into Python."""
        self.fill_roles(index.row() if index.isValid() else -1, index.column(), roleDataSpan)

    def fill_roles(self, position: int, column: int, roles: QModelRoleDataSpan) -> None:
        """Answer each role in ``roles`` for the cell at row ``position`` (shown rows)."""
        shown = 0 <= position < len(self._rows) and 0 <= column < len(self.columns)
        row = self._rows[position] if shown else None
        for wanted in roles:
            value = self._value(row, column, wanted.role()) if shown else None
            if value is None:
                wanted.clearData()
            else:
                wanted.setData(value)

    def _value(self, row: RowT, number: int, role: int) -> Any:
        column = self.columns[number]
        if role == _DISPLAY:
            return column.text(row)
        if role == _ACCESSIBLE:
            said = (column.spoken or column.text)(row)
            return said if said.strip() else self.blank_text
        if role == _ALIGN:
            return column.alignment
        if role == _TOOLTIP and column.tip is not None:
            return column.tip(row)
        if role == ROW_ROLE:
            return row
        return self.row_data(row, number, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == _DISPLAY:
            return column.header
        if role == _TOOLTIP:
            return column.header_tip
        if role == _ALIGN:
            return column.alignment
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in one Python pass, moving persistent indexes (selection, current row) along."""
        if not 0 <= column < len(self.columns) or not self._all:
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        order_list = sort_order(self._all, key, order == Qt.SortOrder.DescendingOrder)
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
