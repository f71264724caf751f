"""A patient's sessions as a Qt table: bookings and the sessions held, newest first.

Planned and actual minutes sit side by side so a session that ran long is plain to see, and
attendance is words ("Did not attend", "Cancelled (unwell)"), never a colour.
"""

from __future__ import annotations

from enum import IntEnum

from linkworker_desktop.ui.models.record_data import Visit
from linkworker_desktop.ui.models.session_words import day_and_time, minutes_text
from linkworker_desktop.ui.models.table_model import ROW_ROLE, TableColumn, TableModel


class Column(IntEnum):
    WHEN = 0
    SESSION = 1
    MODE = 2
    PLANNED = 3
    ACTUAL = 4
    ATTENDANCE = 5


class Role(IntEnum):
    VISIT = ROW_ROLE


COLUMNS: tuple[TableColumn[Visit], ...] = (
    TableColumn("Date", lambda v: day_and_time(v.when)),
    TableColumn("Session", lambda v: v.label),
    TableColumn("How", lambda v: v.mode.label if v.mode else ""),
    TableColumn("Planned", lambda v: f"{v.planned_minutes} min", numeric=True),
    TableColumn(
        "Actual",
        lambda v: minutes_text(v.actual_seconds),
        spoken=lambda v: (
            "no actual time recorded"
            if v.actual_seconds is None
            else minutes_text(v.actual_seconds)
        ),
        numeric=True,
    ),
    TableColumn("Attendance", lambda v: v.attendance),
)


class VisitsModel(TableModel[Visit]):
    columns = COLUMNS
    blank_text = "not given"

    @property
    def visits(self) -> list[Visit]:
        return self.rows

    def set_visits(self, visits: list[Visit]) -> None:
        self.set_rows(visits)

    def visit(self, row: int) -> Visit:
        return self.row_at(row)
