"""Filters over the caseload table: status, overdue only, and search-as-you-type.

A proxy that filters asks ``filterAcceptsRow`` once per patient from C++, each call crossing into
Python (about 40 ms a keystroke at 10,000 patients). So this proxy filters nothing itself: it
hands the source model one rule (the search rule the CLI uses, :func:`row_matches`) with the
rows it keeps, found in one pass, and the proxy passes them through in C++. Sorting is handed to
the source model for the same reason; the proxy itself never sorts.

Typing narrows: a search that holds an earlier one ("smi" after "sm") can only match rows that
one matched, so only those are looked at; deleting a letter finds the shorter search's answer
kept from when it was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QModelRoleDataSpan, QSortFilterProxyModel, Qt

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services.caseload import CaseloadRow, matching, row_matches, search_text
from linkworker_desktop.ui.models.caseload_model import CaseloadModel

# Answers kept for the searches typed lately (each a list of the rows shown, not copies).
_KEPT_ANSWERS = 16

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
        self._answers: dict[str, list[CaseloadRow]] = {}  # by search, for the rows below
        self._answered: list[CaseloadRow] | None = None  # the model's rows they were found in
        self.setSourceModel(model)
        model.modelReset.connect(self._forget_stale_answers)

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
        return len(self._model.all_rows)

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
        return list(self._model.rows)  # the proxy passes the model's filtered rows through

    # --- Qt hooks -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source sort itself in Python; the proxy follows its new order."""
        self._model.sort(column, order)

    def multiData(self, index: Any, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N803
        """A painted cell's roles in one call to the source (rows pass through one for one):
        Qt's proxy would ask the source once a role, each time crossing into Python."""
        self._model.fill_roles(index.row() if index.isValid() else -1, index.column(), roleDataSpan)

    # --- internals ------------------------------------------------------------------------

    def _change(self, needle: str, status: str, overdue_only: bool) -> None:
        if (status, overdue_only) != (self._status, self._overdue_only):
            self._answers = {}  # found under other filters
        self._needle, self._status, self._overdue_only = needle, status, overdue_only
        rule = _rule(needle, status, overdue_only)
        self._model.set_filter(rule, None if rule is None else self._shown(needle, rule))

    def _forget_stale_answers(self) -> None:
        """New rows, rows sorted afresh or none (the caseload locked): answers found in the
        old ones are dropped at once, so no patient stays in memory after a lock."""
        if self._answered is not self._model.all_rows:
            self._answers, self._answered = {}, None

    def _shown(self, needle: str, rule: Callable[[CaseloadRow], bool]) -> list[CaseloadRow]:
        """The rows ``rule`` keeps, looking only where an earlier answer says they can be.

        Only the answers to searches this one holds are kept (what deleting a letter needs),
        so what is kept shrinks with every letter typed.
        """
        every = self._model.all_rows
        if self._answered is not every:
            self._answers, self._answered = {}, every
        if needle in self._answers:
            return self._answers[needle]
        held = {earlier: rows for earlier, rows in self._answers.items() if earlier in needle}
        within = min(held.values(), key=len) if held else every
        shown = matching(within, needle)
        if self._status != ANY_STATUS or self._overdue_only:
            shown = [row for row in shown if rule(row)]
        while len(held) >= _KEPT_ANSWERS:
            del held[next(iter(held))]
        held[needle] = shown
        self._answers = held
        return shown


def _rule(needle: str, status: str, overdue_only: bool) -> Callable[[CaseloadRow], bool] | None:
    """Whether a row is shown, or None when every row is."""
    if not needle and status == ANY_STATUS and not overdue_only:
        return None
    if status == ANY_STATUS and not overdue_only:  # typing: one call per row, made from C
        return partial(row_matches, needle=needle)

    def keep(row: CaseloadRow) -> bool:
        return (
            row_matches(row, needle)
            and (not overdue_only or row.overdue)
            and status_matches(row, status)
        )

    return keep
