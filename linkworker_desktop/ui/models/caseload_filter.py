"""Filters over the caseload table: status, overdue only, and search-as-you-type.

Qt asks ``filterAcceptsRow`` once per patient from C++, and every one of those calls crosses into
Python. So the filter decides for all rows in one Python pass when a filter changes (using the
search rule the CLI uses, :func:`row_matches`) and ``filterAcceptsRow`` only reads that list.
Sorting is handed to the source model for the same reason; the proxy itself never sorts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services.caseload import CaseloadRow, row_matches, search_text
from linkworker_desktop.ui.models.caseload_model import CaseloadModel

ANY_STATUS = "any"
OPEN_REFERRALS = "open"
STATUS_FILTERS: list[tuple[str, str]] = [
    (ANY_STATUS, "Any status"),
    (OPEN_REFERRALS, "Open referrals"),
    *ReferralStatus.choices(),
]


def status_matches(row: CaseloadRow, wanted: str) -> bool:
    """Whether a row's latest referral fits a status filter value from STATUS_FILTERS."""
    if wanted == ANY_STATUS:
        return True
    if wanted == OPEN_REFERRALS:
        return row.status is not None and row.status.is_open
    return row.status is not None and row.status.value == wanted


class CaseloadFilter(QSortFilterProxyModel):
    """The rows the worker asked to see, in the order the source model holds them."""

    def __init__(self, model: CaseloadModel, parent: Any = None):
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self._model = model
        self._needle = ""
        self._status = ANY_STATUS
        self._overdue_only = False
        self._accepted: list[bool] | None = None
        self._accepted_for: list[CaseloadRow] | None = None
        self.setSourceModel(model)

    # --- what to show ---------------------------------------------------------------------

    @property
    def search(self) -> str:
        return self._needle

    @property
    def status(self) -> str:
        return self._status

    @property
    def overdue_only(self) -> bool:
        return self._overdue_only

    @property
    def total(self) -> int:
        """Every patient in the caseload, shown or not."""
        return self._model.rowCount()

    def set_search_text(self, text: str) -> None:
        needle = search_text(text)
        if needle != self._needle:
            self._change(needle, self._status, self._overdue_only)

    def set_status(self, wanted: str) -> None:
        if wanted not in dict(STATUS_FILTERS):
            raise ValueError(f"unknown status filter {wanted!r}")
        if wanted != self._status:
            self._change(self._needle, wanted, self._overdue_only)

    def set_overdue_only(self, on: bool) -> None:
        if on != self._overdue_only:
            self._change(self._needle, self._status, on)

    def row_at(self, proxy_row: int) -> CaseloadRow:
        return self._model.row_at(self.mapToSource(self.index(proxy_row, 0)).row())

    def shown_rows(self) -> list[CaseloadRow]:
        return [self.row_at(r) for r in range(self.rowCount())]

    # --- Qt hooks -------------------------------------------------------------------------

    def filterAcceptsRow(
        self,
        source_row: int,
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        rows = self._model.rows
        if rows is not self._accepted_for:
            self._decide(rows)
        return self._accepted is None or self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source sort itself in Python; the proxy follows its new order."""
        self._model.sort(column, order)

    # --- internals ------------------------------------------------------------------------

    def _change(self, needle: str, status: str, overdue_only: bool) -> None:
        self.beginFilterChange()
        self._needle, self._status, self._overdue_only = needle, status, overdue_only
        self._accepted_for = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _decide(self, rows: Sequence[CaseloadRow]) -> None:
        """One pass over every row; ``None`` means no filter, so Qt's calls return at once."""
        needle, status, overdue_only = self._needle, self._status, self._overdue_only
        if not needle and status == ANY_STATUS and not overdue_only:
            self._accepted = None
        else:
            self._accepted = [
                row_matches(row, needle)
                and (not overdue_only or row.overdue)
                and status_matches(row, status)
                for row in rows
            ]
        self._accepted_for = self._model.rows
