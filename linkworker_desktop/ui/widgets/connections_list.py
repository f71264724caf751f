"""A patient's connections to groups and services, and how each went."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.directory import ConnectionKind, ConnectionOutcome
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.services.profile import OpenProfile

HEADERS = ["Group or service", "How", "Connected", "Outcome"]


class ConnectionsList(QWidget):
    changed = Signal()

    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        patient_id: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Services the patient was connected to")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # one Tab stop; arrows move within the list
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 320)
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("How it went")
        for value, label in ConnectionOutcome.choices():
            self.outcome.addItem(label, value)
        self.record_button = QPushButton("&Record outcome", self)
        self.record_button.setAccessibleName("Record outcome")
        self.record_button.setAccessibleDescription("Record the outcome of the selected connection")
        self.record_button.clicked.connect(lambda: self.record_selected())
        self.empty = QLabel(
            "Not connected to any group or service yet. Use “Find a service…” to connect them.",
            self,
        )
        self.empty.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("How it went:", self))
        row.addWidget(self.outcome)
        row.addWidget(self.record_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        profile = self._profile()
        rows = Directory(profile).connections(self.patient_id) if profile is not None else []
        for row in rows:
            number = self.table.rowCount()
            self.table.insertRow(number)
            outcome = ConnectionOutcome(row["outcome"]).label if row["outcome"] else "Waiting"
            cells = [
                row["service_name"],
                ConnectionKind(row["kind"]).label.split(" (")[0],
                f"{date.fromisoformat(row['connected_on']):%d %b %Y}",
                outcome,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row["id"])
                self.table.setItem(number, column, item)
        self.empty.setVisible(not rows and profile is not None)
        self.record_button.setEnabled(bool(rows))

    def record_selected(self) -> bool:
        profile = self._profile()
        item = self.table.item(self.table.currentRow(), 0)
        if profile is None or item is None:
            return False
        Directory(profile).record_outcome(
            item.data(Qt.ItemDataRole.UserRole), ConnectionOutcome(self.outcome.currentData())
        )
        self.refresh()
        self.changed.emit()
        return True
