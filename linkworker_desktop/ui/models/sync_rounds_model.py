"""Recent sync rounds as a table: when, how much went each way, and what went wrong."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from linkworker_desktop.ui.models.sync_words import short_time

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    FINISHED = 0
    SENT = 1
    RECEIVED = 2
    CONFLICTS = 3
    RESULT = 4


HEADERS = {
    Column.FINISHED: "Time",
    Column.SENT: "Sent",
    Column.RECEIVED: "Received",
    Column.CONFLICTS: "Conflicts",
    Column.RESULT: "Result",
}

HEADER_TIPS = {
    Column.SENT: "Changes this laptop sent to the hub",
    Column.RECEIVED: "Changes this laptop received from the hub",
    Column.CONFLICTS: "Conflicts this laptop's changes made on the hub",
}

ROUND_ROLE = Qt.ItemDataRole.UserRole + 1


class SyncRoundsModel(QAbstractTableModel):
    """A thin view of ``sync_service.rounds``: newest first, replaced whole on each refresh."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rounds: list[dict[str, Any]] = []

    def set_rounds(self, rounds: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rounds = list(rounds)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rounds)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rounds):
            return None
        row = self._rounds[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.SENT,
            Column.RECEIVED,
            Column.CONFLICTS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROUND_ROLE:
            return row
        return None

    @staticmethod
    def _text(row: dict[str, Any], column: Column) -> str:
        if column is Column.FINISHED:
            return short_time(row.get("finished_at") or row.get("started_at"))
        if column is Column.SENT:
            return str(row.get("pushed", 0))
        if column is Column.RECEIVED:
            return str(row.get("pulled", 0))
        if column is Column.CONFLICTS:
            return str(row.get("conflicts", 0))
        return row.get("error") or "Done"
