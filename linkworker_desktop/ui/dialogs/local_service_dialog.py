"""Add a local group the feed does not have (the church coffee morning)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.directory import DirectoryService, Location, Schedule
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.widgets.value_label import ValueLabel
from linkworker_desktop.ui.widgets.when_fields import ClockTimeField

_DAYS = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]


class LocalServiceDialog(DiscardGuard, QDialog):
    def __init__(
        self,
        categories: list[str],
        save: Callable[[DirectoryService], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Add a local group or service")
        self._save = save
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name")
        self.category = QComboBox(self)
        self.category.setEditable(True)
        self.category.setAccessibleName("Category")
        self.category.addItems(categories)
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName("What happens there")
        self.description.setFixedHeight(70)
        self.description.setTabChangesFocus(True)  # Tab moves on, as in every other form
        self.place = QLineEdit(self)
        self.place.setAccessibleName("Where")
        self.postcode = QLineEdit(self)
        self.postcode.setAccessibleName("Postcode")
        self.phone = QLineEdit(self)
        self.phone.setAccessibleName("Phone")
        self.day = QComboBox(self)
        self.day.setAccessibleName("Day it meets")
        for code, label in _DAYS:
            self.day.addItem(label, code)
        # Typed times: one Tab stop each, where a QTimeEdit took one per hour and minute.
        self.opens = ClockTimeField(time(10, 0), "Starts at", self)
        self.closes = ClockTimeField(time(12, 0), "Ends at", self)
        self.free = QCheckBox("Free", self)
        self.free.setChecked(True)
        self.free.setAccessibleName("Free")
        self.problem = ValueLabel("Problem", "", self)
        form = QFormLayout()
        for label, widget in (
            ("&Name:", self.name),
            ("&Category:", self.category),
            ("&What happens:", self.description),
            ("W&here:", self.place),
            ("&Postcode:", self.postcode),
            ("Ph&one:", self.phone),
            ("&Day:", self.day),
            ("&Starts:", self.opens),
            ("&Ends:", self.closes),
            ("", self.free),
        ):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def service(self) -> DirectoryService:
        problems = {
            key: f"{field.accessibleName()}: {field.problem()}"
            for key, field in (("opens", self.opens), ("closes", self.closes))
            if field.problem()
        }
        if problems:
            raise ValidationError(problems)
        opens, closes = self.opens.time(), self.closes.time()
        assert opens is not None and closes is not None
        if closes <= opens:
            raise ValidationError({"closes": "It must end after it starts."})
        return DirectoryService(
            name=self.name.text().strip(),
            source_id="",
            source="local",
            description=self.description.toPlainText().strip(),
            phones=[self.phone.text().strip()] if self.phone.text().strip() else [],
            free=self.free.isChecked(),
            categories=[self.category.currentText().strip()]
            if self.category.currentText().strip()
            else [],
            locations=[
                Location(
                    name=self.place.text().strip(), postcode=self.postcode.text().strip().upper()
                )
            ],
            schedules=[
                Schedule(
                    freq="WEEKLY", byday=(self.day.currentData(),), opens_at=opens, closes_at=closes
                )
            ],
        )

    def try_save(self) -> None:
        try:
            self._save(self.service())
        except (ValidationError, RuntimeError) as exc:
            self.problem.setText(f"Not saved: {exc}")
            return
        self.accept()
