"""The day's sessions as a Qt table: one row per appointment, columns named, no database access.

The view hands it the ``TodayEntry`` list from ``AppointmentService.day``; the model only
words it. Status is a column of words (never a colour) so a did-not-attend stands out to
everyone, screen reader users included.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from linkworker_desktop.domain.appointments import AppointmentStatus
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.appointments import TodayEntry
from linkworker_desktop.ui.models.session_words import time_range
from linkworker_desktop.ui.models.table_model import ROW_ROLE, TableColumn, TableModel
from linkworker_desktop.ui.widgets.alert_banner import alert_icon


class Column(IntEnum):
    TIME = 0
    PATIENT = 1
    SESSION = 2
    MODE = 3
    PLACE = 4
    STATUS = 5
    ALERTS = 6
    PREPARE = 7


class Role(IntEnum):
    ENTRY = ROW_ROLE
    APPOINTMENT_ID = Qt.ItemDataRole.UserRole + 2


def status_text(entry: TodayEntry) -> str:
    """Booked, Started (a session is open for it), Attended, Did not attend."""
    if entry.status == AppointmentStatus.BOOKED and entry.has_session:
        return "Started"
    return entry.status.label


def _nhs_number(entry: TodayEntry) -> str:
    return f"NHS number {format_nhs_number(entry.nhs_number)}"


def _alerts_spoken(entry: TodayEntry) -> str:
    labels = [label for label, _reason in entry.alerts]
    return f"Alerts: {', '.join(labels)}" if labels else "no alerts"


COLUMNS: tuple[TableColumn[TodayEntry], ...] = (
    TableColumn(
        "Time",
        lambda e: time_range(e.starts_at, e.planned_minutes),
        spoken=lambda e: f"{e.starts_at:%H:%M}, {e.planned_minutes} minutes",
    ),
    TableColumn(
        "Patient",
        lambda e: e.patient_name,
        spoken=lambda e: f"{e.patient_name}, {_nhs_number(e)}",
        tip=_nhs_number,
    ),
    TableColumn(
        "Session",
        lambda e: e.label,
        header_tip="Which session this is, counted against the follow-ups the service offers.",
    ),
    TableColumn("How", lambda e: e.mode.label),
    TableColumn("Place", lambda e: e.place),
    TableColumn("Status", status_text),
    TableColumn(
        "Alerts",
        lambda e: ", ".join(label for label, _reason in e.alerts),
        spoken=_alerts_spoken,
        tip=lambda e: "\n".join(f"{label}: {reason}" for label, reason in e.alerts) or None,
        header_tip="Alerts on the patient's record: read them before the session.",
    ),
    TableColumn(
        "Prepare",
        lambda e: " ".join(e.prepare_notes.split()),  # one line in the grid; full text below it
        spoken=lambda e: " ".join(e.prepare_notes.split()) or "nothing to prepare",
        tip=lambda e: e.prepare_notes or None,
        header_tip="Anything to bring or check before the session.",
    ),
)


class TodayModel(TableModel[TodayEntry]):
    """A thin table over ``TodayEntry`` objects; ``set_entries`` replaces them all at once."""

    columns = COLUMNS
    blank_text = "not given"

    @property
    def entries(self) -> list[TodayEntry]:
        return self.rows

    def set_entries(self, entries: list[TodayEntry]) -> None:
        self.set_rows(entries)

    def entry(self, row: int) -> TodayEntry:
        return self.row_at(row)

    def row_of(self, appointment_id: str) -> int | None:
        return self.position(lambda entry: entry.appointment_id == appointment_id)

    def row_data(self, row: TodayEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == Column.ALERTS and row.alerts:
            return alert_icon()
        return row.appointment_id if role == Role.APPOINTMENT_ID else None
