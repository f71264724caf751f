"""Changes from the hub this laptop set aside: how many, which records, why, and "Try again".

The box only asks (``try_again_requested``); the Sync view tries through the service. It is
hidden while nothing is held, so a healthy caseload shows nothing extra.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services.held_changes import HeldChange, summary


class HeldChangesBox(QGroupBox):
    try_again_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Changes from the hub not applied", parent)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setWordWrap(True)
        self.changes = QListWidget()
        self.changes.setAccessibleName("Changes from the hub not applied")
        self.changes.setWordWrap(True)
        self.try_again_button = QPushButton("Try again")
        self.try_again_button.setAccessibleName("Try again")
        self.try_again_button.setToolTip(
            "Apply these changes now, if what stopped them on this laptop has been put right"
        )
        self.try_again_button.clicked.connect(self.try_again_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.try_again_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.outcome)
        layout.addWidget(self.changes)
        self.show_changes([])

    def show_changes(self, changes: list[HeldChange]) -> None:
        self.summary.setText(
            f"{summary(len(changes))}. They are kept on this laptop and tried again after "
            "each sync."
            if changes
            else ""
        )
        self.changes.clear()
        for change in changes:
            self.changes.addItem(f"{change.description}: {change.reason}")
        self.outcome.clear()
        self.outcome.hide()
        self.setVisible(bool(changes))

    def show_outcome(self, applied: int, still_held: int) -> None:
        """What the last "Try again" did, said once in words."""
        if applied and still_held:
            text = f"Applied {applied}; {still_held} still could not be applied."
        elif applied:
            text = f"Applied {applied}."
        else:
            text = "Still could not be applied. Nothing has been lost."
        self.outcome.setText(text)
        self.outcome.setVisible(bool(still_held))
