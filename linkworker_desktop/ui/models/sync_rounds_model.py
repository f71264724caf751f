"""Recent sync rounds as a table: when, how much went each way, and what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from linkworker_desktop.ui.models.sync_words import short_time
from linkworker_desktop.ui.models.table_model import ROW_ROLE, TableColumn, TableModel

Round = dict[str, Any]
ROUND_ROLE = ROW_ROLE


class Column(IntEnum):
    FINISHED = 0
    SENT = 1
    RECEIVED = 2
    CONFLICTS = 3
    RESULT = 4


def _round_column(
    header: str, text: Callable[[Round], str], header_tip: str | None = None, numeric: bool = False
) -> TableColumn[Round]:
    """The tip repeats the cell, so a long error reads whole where the column cuts it short."""
    return TableColumn(header, text, tip=text, header_tip=header_tip, numeric=numeric)


COLUMNS: tuple[TableColumn[Round], ...] = (
    _round_column("Time", lambda r: short_time(r.get("finished_at") or r.get("started_at"))),
    _round_column(
        "Sent",
        lambda r: str(r.get("pushed", 0)),
        "Changes this laptop sent to the hub",
        numeric=True,
    ),
    _round_column(
        "Received",
        lambda r: str(r.get("pulled", 0)),
        "Changes this laptop received from the hub",
        numeric=True,
    ),
    _round_column(
        "Conflicts",
        lambda r: str(r.get("conflicts", 0)),
        "Conflicts this laptop's changes made on the hub",
        numeric=True,
    ),
    _round_column("Result", lambda r: r.get("error") or "Done"),
)


class SyncRoundsModel(TableModel[Round]):
    """A thin view of ``sync_service.rounds``: newest first, replaced whole on each refresh."""

    columns = COLUMNS

    def set_rounds(self, rounds: list[Round]) -> None:
        self.set_rows(rounds)
