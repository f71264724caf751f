"""Directory search results as a thin table model with named columns."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from linkworker_desktop.services.directory import SearchHit
from linkworker_desktop.ui.models.table_model import ROW_ROLE, TableColumn, TableModel

HitRole = ROW_ROLE
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
# Roles a table asks of every cell it paints that the directory never answers.
_UNSTYLED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.CheckStateRole,
    )
)


class Column(IntEnum):
    NAME = 0
    CATEGORY = 1
    NEXT = 2
    DISTANCE = 3
    COST = 4
    STATUS = 5


def _status(hit: SearchHit) -> str:
    notes = []
    if hit.service.source == "local":
        notes.append("Local entry")
    if hit.service.status == "reported_closed":
        notes.append("Reported closed")
    if hit.needs_review:
        notes.append("Not confirmed this year")
    return "; ".join(notes)


def _cost(hit: SearchHit) -> str:
    return {True: "Free", False: "Charge"}.get(hit.service.free, "Not known")  # type: ignore[arg-type]


COLUMNS: tuple[TableColumn[SearchHit], ...] = (
    TableColumn(
        "Group or service",
        lambda h: h.service.name,
        tip=lambda h: h.service.description[:400] or None,
    ),
    TableColumn("Category", lambda h: ", ".join(h.service.categories)),
    TableColumn(
        "Next meets",
        # A dash on screen; said as "blank" like any other empty cell.
        lambda h: f"{h.next_meeting:%a %d %b, %H:%M}" if h.next_meeting else "—",
        spoken=lambda h: f"{h.next_meeting:%a %d %b, %H:%M}" if h.next_meeting else "",
    ),
    TableColumn(
        "Distance",
        lambda h: f"{h.distance_km:.1f} km" if h.distance_km is not None else "",
    ),
    TableColumn("Cost", _cost),
    TableColumn("Notes", _status),
)


class DirectoryModel(TableModel[SearchHit]):
    """The results, repainted on every keystroke: seven questions for each cell on show.

    A row's words are worked out once per search and the roles it never styles are answered
    at once, so a keystroke at 5,000 services stays quick.
    """

    columns = COLUMNS

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._words: dict[int, tuple[SearchHit, tuple[str, ...]]] = {}

    def set_rows(self, rows: Sequence[SearchHit]) -> None:
        self._words = {}
        super().set_rows(rows)

    def _value(self, row: SearchHit, number: int, role: int) -> Any:
        """Every cell's answer, whether Qt asks one role at a time or all of them at once."""
        if role in _UNSTYLED:
            return None
        if role == _DISPLAY:
            known = self._words.get(id(row))
            if known is None or known[0] is not row:
                known = self._words[id(row)] = (row, tuple(c.text(row) for c in self.columns))
            return known[1][number]
        return super()._value(row, number, role)

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.set_rows(hits)

    def hit(self, row: int) -> SearchHit:
        return self.row_at(row)
