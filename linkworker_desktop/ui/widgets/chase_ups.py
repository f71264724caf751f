"""Chase-ups due: connections to services with no outcome yet, shown on Today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.directory import ConnectionKind, ConnectionOutcome
from linkworker_desktop.domain.names import shown_name
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.value_label import StatusLabel

ProfileGetter = Callable[[], OpenProfile | None]


class ChaseUpsPanel(QGroupBox):
    recorded = Signal()

    def __init__(self, profile: ProfileGetter, parent: QWidget | None = None):
        super().__init__("Chase-ups due", parent)
        self._profile = profile
        self._ids: list[str] = []  # the connection behind each line, in order
        self.items = QListWidget(self)
        self.items.setAccessibleName("Connections to chase up")
        self.items.setMaximumHeight(110)
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("How it went")
        for value, label in ConnectionOutcome.choices():
            self.outcome.addItem(label, value)
        self.record_button = QPushButton("&Record outcome", self)
        self.record_button.setAccessibleName("Record outcome")
        self.record_button.setAccessibleDescription("Record the outcome of the selected connection")
        self.record_button.clicked.connect(lambda: self.record_selected())
        self.note = StatusLabel("Chase-up message", "", self)
        row = QHBoxLayout()
        row.addWidget(QLabel("How it went:", self))
        row.addWidget(self.outcome)
        row.addWidget(self.record_button)
        row.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items)
        layout.addLayout(row)
        self.setVisible(False)

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.refresh() if profile is not None else self._clear()

    def _clear(self) -> None:
        self.items.clear()
        self._ids = []
        self.setVisible(False)

    def refresh(self) -> None:
        profile = self._profile()
        if profile is None:
            self._clear()
            return
        self.items.clear()
        # Texts go in as one list and ids stay here: item by item, this PySide6 lowers None's
        # reference count on each QListWidgetItem.setData and addItem, and a caseload of 50,000
        # (thousands of chase-ups) then aborted the app on unlock.
        texts: list[str] = []
        self._ids = []
        for row in Directory(profile).chase_ups(date.today()):
            kind = ConnectionKind(row["kind"]).label.split(" (")[0]
            text = (
                f"{shown_name(row['given_name'], row['family_name'])}: {row['service_name']} "
                f"({kind.lower()}; chase from {date.fromisoformat(row['chase_on']):%d %b})"
            )
            caution = row["consent_to_contact"].caution
            if caution:
                text += f" - {caution}"
            texts.append(text)
            self._ids.append(row["id"])
        self.items.addItems(texts)
        self.setVisible(self.items.count() > 0)
        if self.items.count():
            self.items.setCurrentRow(0)

    def record_selected(self) -> bool:
        profile = self._profile()
        row = self.items.currentRow()
        if profile is None or not 0 <= row < len(self._ids):
            return False
        Directory(profile).record_outcome(
            self._ids[row], ConnectionOutcome(self.outcome.currentData())
        )
        self.note.setText(f"Recorded: {self.outcome.currentText()}.")
        self.refresh()
        self.recorded.emit()
        return True
