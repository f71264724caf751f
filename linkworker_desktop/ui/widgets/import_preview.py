"""The import's preview tables: the first rows of a file as typed, a refused row marked ⚠."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from linkworker_desktop.services.caseload_import import Rejected
from linkworker_desktop.services.import_files import Sheet

PREVIEW_ROWS = 20
PROBLEM_WIDTH = 320
# Amber with dark text: marked by colour and by the ⚠ and the reason, never by colour alone.
REFUSED_BACKGROUND = QColor("#fff1c2")


def _table(rows: int, headers: list[str], name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(rows, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    table.verticalHeader().setVisible(False)
    table.setAccessibleName(name)
    return table


def preview_table(sheet: Sheet, rejected: list[Rejected], parent: QWidget) -> QTableWidget:
    """The file's first rows under its own headers, with the spreadsheet's row numbers."""
    reasons = {r.row: r.reason for r in rejected if r.file == sheet.name}
    shown = sheet.rows[:PREVIEW_ROWS]
    # The problem beside the row number, where it is seen without scrolling across.
    headers = ["Row", "Problem", *sheet.headers]
    table = _table(len(shown), headers, f"First rows of {sheet.name}", parent)
    for line, (number, cells) in enumerate(shown):
        reason = reasons.get(number, "")
        typed = cells[: len(sheet.headers)]
        typed += [""] * (len(sheet.headers) - len(typed))
        values = [str(number), f"⚠ {reason}" if reason else "", *typed]
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            if reason:
                item.setBackground(QBrush(REFUSED_BACKGROUND))
                item.setToolTip(reason)
            table.setItem(line, column, item)
    table.resizeColumnsToContents()
    # A long reason is cut short here (whole in its tooltip and under "Refused rows"), so the
    # columns typed stay in sight beside it.
    table.setColumnWidth(1, min(table.columnWidth(1), PROBLEM_WIDTH))
    return table


def refused_table(rejected: list[Rejected], parent: QWidget) -> QTableWidget:
    """Every refused row of every file, so none is missed beyond the first rows shown."""
    table = _table(len(rejected), ["File", "Row", "Reason"], "Refused rows", parent)
    for line, refused in enumerate(rejected):
        for column, text in enumerate((refused.file, str(refused.row), refused.reason)):
            table.setItem(line, column, QTableWidgetItem(text))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    return table
