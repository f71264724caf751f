"""Directory search results as a thin table model with named columns."""

from __future__ import annotations

from enum import IntEnum

from linkworker_desktop.services.directory import SearchHit
from linkworker_desktop.ui.models.table_model import ROW_ROLE, TableColumn, TableModel

HitRole = ROW_ROLE


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
    columns = COLUMNS

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.set_rows(hits)

    def hit(self, row: int) -> SearchHit:
        return self.row_at(row)
