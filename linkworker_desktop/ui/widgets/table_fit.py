"""Table columns as wide as their words plus some air, with one column taking what is left.

Qt's ResizeToContents packs columns edge to edge, which reads as one run of text; a little
space between columns (scaled to the font, so it follows the system text size) fixes that.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def fit_columns(table: QTableView, stretch: int) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    air = table.fontMetrics().horizontalAdvance("MM")
    for column in range(table.model().columnCount()):
        if column != stretch:
            table.setColumnWidth(column, table.columnWidth(column) + air)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
