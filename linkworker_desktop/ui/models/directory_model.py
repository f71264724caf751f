"""Directory search results as a thin table model with named columns."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from linkworker_desktop.services.directory import SearchHit

HitRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    CATEGORY = 1
    NEXT = 2
    DISTANCE = 3
    COST = 4
    STATUS = 5


_HEADERS = {
    Column.NAME: "Group or service",
    Column.CATEGORY: "Category",
    Column.NEXT: "Next meets",
    Column.DISTANCE: "Distance",
    Column.COST: "Cost",
    Column.STATUS: "Notes",
}


def _status(hit: SearchHit) -> str:
    notes = []
    if hit.service.source == "local":
        notes.append("Local entry")
    if hit.service.status == "reported_closed":
        notes.append("Reported closed")
    if hit.needs_review:
        notes.append("Not confirmed this year")
    return "; ".join(notes)


class DirectoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = Column(index.column())
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NAME:
            return hit.service.description[:400] or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # An empty cell is read as "blank", so a screen reader does not skip it unheard.
            text = _cell_text(hit, column)
            return text if text.strip("— ") else "blank"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return _cell_text(hit, column)


def _cell_text(hit: SearchHit, column: Column) -> str:
    service = hit.service
    if column == Column.NAME:
        return service.name
    if column == Column.CATEGORY:
        return ", ".join(service.categories)
    if column == Column.NEXT:
        return f"{hit.next_meeting:%a %d %b, %H:%M}" if hit.next_meeting else "—"
    if column == Column.DISTANCE:
        return f"{hit.distance_km:.1f} km" if hit.distance_km is not None else ""
    if column == Column.COST:
        return {True: "Free", False: "Charge"}.get(service.free, "Not known")  # type: ignore[arg-type]
    return _status(hit)
