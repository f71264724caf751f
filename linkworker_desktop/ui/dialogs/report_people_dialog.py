"""The people behind a report figure: names and NHS numbers, for the service's own eyes.

Shown on screen only, never exported. Enter or a double-click on a person opens their record,
so a figure such as "Not yet seen: 4" leads straight to the four people to contact.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services.report_people import PersonLine
from linkworker_desktop.ui.widgets.table_fit import fit_columns


class ReportPeopleDialog(QDialog):
    open_record_requested = Signal(str)  # patient id

    def __init__(self, title: str, people: list[PersonLine], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"People behind: {title}")
        self.people = people
        count = len(people)
        intro = QLabel(
            f"{title}: {count} {'person' if count == 1 else 'people'}. "
            "For the service's own use: these names never leave the app in an export.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(count, 2, self)
        self.table.setAccessibleName("People behind the figure")
        self.table.setHorizontalHeaderLabels(["Name", "NHS number"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        for row, person in enumerate(people):
            for column, value in enumerate((person.name, person.nhs_number)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, person.patient_id)
                self.table.setItem(row, column, item)
        fit_columns(self.table, stretch=1)
        self.table.activated.connect(lambda index: self._open(index.row()))
        if count:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton("&Open record", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(bool(count))
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        self.close_button = buttons.addButton("&Close", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.table.setFocus()

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.people):
            self.open_record_requested.emit(self.people[row].patient_id)
            self.accept()
