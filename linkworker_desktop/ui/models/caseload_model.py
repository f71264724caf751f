"""The caseload as a Qt table: one row per patient, columns named, no database access.

The model only displays the :class:`CaseloadRow` list it is given. It sorts itself in Python
(one ``list.sort`` with a precomputed key) because letting Qt's proxy compare rows calls back
into Python for every comparison: about a second at 10,000 patients instead of a few ms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.caseload import CaseloadRow
from linkworker_desktop.ui.models import table_model
from linkworker_desktop.ui.models.display import format_date, format_datetime
from linkworker_desktop.ui.models.table_model import ROW_ROLE, TableColumn, TableModel
from linkworker_desktop.ui.widgets.alert_banner import alert_icon


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
        return COLUMNS[self].header


class Role(IntEnum):
    """Extra data roles: the row object itself, and a plain value to sort by."""

    ROW = ROW_ROLE
    SORT_KEY = Qt.ItemDataRole.UserRole + 2
    PATIENT_ID = Qt.ItemDataRole.UserRole + 3
    OVERDUE = Qt.ItemDataRole.UserRole + 4


_STATUS_ORDER = {status: position for position, status in enumerate(ReferralStatus)}


def status_text(row: CaseloadRow) -> str:
    """The status as words, with the overdue marker in words too (never colour alone)."""
    label = row.status.label if row.status else "No referral"
    return f"{label} (overdue)" if row.overdue else label


def _overdue_tip(row: CaseloadRow) -> str | None:
    return f"Overdue: {row.overdue_reason}." if row.overdue else None


def _status_spoken(row: CaseloadRow) -> str:
    return f"{status_text(row)}: {row.overdue_reason}" if row.overdue else status_text(row)


def _name_spoken(row: CaseloadRow) -> str:
    """The name, then its alerts in words: the icon beside it is what sighted people see."""
    return f"{row.name}, alerts: {', '.join(row.alerts)}" if row.alerts else row.name


def _name_tip(row: CaseloadRow) -> str | None:
    alerts = f"Alerts on the record: {', '.join(row.alerts)}." if row.alerts else ""
    return " ".join(t for t in (alerts, _overdue_tip(row) or "") if t) or None


def _column(header: str, text: Callable[[CaseloadRow], str], **rest: Any) -> TableColumn:
    """Every caseload cell's tip says why the row is overdue, so the reason is never colour."""
    return TableColumn(header, text, tip=_overdue_tip, **rest)


COLUMNS: tuple[TableColumn[CaseloadRow], ...] = (
    TableColumn(
        "Name",
        lambda r: r.name,
        spoken=_name_spoken,
        tip=_name_tip,
        sort_key=lambda r: r.sort_key,
    ),
    _column(
        "NHS number",
        lambda r: format_nhs_number(r.nhs_number),
        sort_key=lambda r: r.nhs_number,
    ),
    _column(
        "Status",
        status_text,
        spoken=_status_spoken,
        header_tip="The status of the patient's latest referral. Overdue ones say so.",
        sort_key=lambda r: None if r.status is None else _STATUS_ORDER[r.status],
    ),
    _column(
        "Referral date",
        lambda r: format_date(r.referral_date),
        sort_key=lambda r: r.referral_date.toordinal() if r.referral_date else None,
    ),
    _column(
        "Days waiting",
        lambda r: "" if r.days_waiting is None else str(r.days_waiting),
        header_tip="Days from referral to the first session, or to today if not yet seen.",
        numeric=True,
        sort_key=lambda r: r.days_waiting,
    ),
    _column(
        "Sessions used",
        lambda r: str(r.sessions_used),
        header_tip="Sessions attended in the current referral.",
        numeric=True,
        sort_key=lambda r: r.sessions_used,
    ),
    _column(
        "Next session",
        lambda r: format_datetime(r.next_session),
        sort_key=lambda r: r.next_session.timestamp() if r.next_session else None,
    ),
)


def sort_order(rows: Sequence[CaseloadRow], column: Column, descending: bool = False) -> list[int]:
    """Row positions in sorted order; blanks go last either way, ties keep their order."""
    key = COLUMNS[column].sort_key
    assert key is not None  # every caseload column sorts
    return table_model.sort_order(rows, key, descending)


class CaseloadModel(TableModel[CaseloadRow]):
    """A thin table over ``CaseloadRow`` objects; ``set_rows`` replaces them all at once."""

    columns = COLUMNS

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._warning: QIcon | None = None
        self._alert: QIcon | None = None

    def position_of(self, patient_id: str) -> int | None:
        return self.position(lambda row: row.patient_id == patient_id)

    def row_data(self, row: CaseloadRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            if column == Column.NAME:
                return self._alert_icon() if row.alerts else None
            return self._warning_icon() if row.overdue and column == Column.STATUS else None
        if role == Role.SORT_KEY:
            key = COLUMNS[column].sort_key
            return key(row) if key else None
        if role == Role.PATIENT_ID:
            return row.patient_id
        if role == Role.OVERDUE:
            return row.overdue
        return None

    def _alert_icon(self) -> QIcon:
        if self._alert is None:
            self._alert = alert_icon()
        return self._alert

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            style = QApplication.style()
            self._warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning
