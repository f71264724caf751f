"""Book the next session from inside the runner, with the service's warnings shown as you pick.

Booking beyond the follow-up cap is allowed (the worker knows the person) but needs a reason,
and a clash with another booking is worth a second look; both appear as words beside the form
while the time is chosen, never as a pop-up or a block.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService, Booking
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.notice import Notice

LOCKED_TEXT = "The caseload is locked. Unlock it to book; what you entered stays here."


def booked_text(label: str, starts_at: datetime, mode: AppointmentMode, place: str) -> str:
    where = f"{mode.label}, {place}" if place else mode.label
    return (
        f"Booked: {label} on {starts_at:%a} {starts_at.day} {starts_at:%b %Y at %H:%M} ({where})."
    )


class BookNext(QWidget):
    booked = Signal(str)  # the new appointment's id

    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        referral_id: str | None,
        suggested: datetime,
        mode: AppointmentMode = AppointmentMode.SURGERY,
        place: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.referral_id = referral_id
        self.plan: Booking | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Booking result")
        if referral_id is None:
            self.result.setText(
                "This session is not part of a referral, so book the next one from the"
                " patient's record."
            )
            layout.addWidget(self.result)
            layout.addStretch(1)
            return

        self.form = QWidget(self)
        self.when = QDateTimeEdit(QDateTime(suggested), self.form)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setAccessibleName("When: the date and time of the next session")
        self.mode = QComboBox(self.form)
        for value, label in AppointmentMode.choices():
            self.mode.addItem(label, value)
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode.value)))
        self.mode.setAccessibleName("How the next session happens")
        self.place = QLineEdit(place, self.form)
        self.place.setPlaceholderText("Room, venue or address (optional)")
        self.place.setAccessibleName("Place of the next session")
        self.reason = QLineEdit(self.form)
        self.reason.setPlaceholderText(
            "Why this person needs more sessions than the service offers"
        )
        self.reason.setAccessibleName("Reason for booking beyond the cap (required)")
        self.reason_label = QLabel("&Reason (required):", self.form)
        self.reason_label.setBuddy(self.reason)
        self.kind_label = QLabel(self.form)
        self.kind_label.setAccessibleName("What the next session will be")
        self.warnings = Notice("Booking warnings", self.form)
        self.book_button = QPushButton("Book next session", self.form)
        self.book_button.setAccessibleName("Book next session")
        self.book_button.clicked.connect(self.book)

        self.place.setMinimumWidth(320)
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        fields.addRow("&When:", self.when)
        fields.addRow("H&ow:", self.mode)
        fields.addRow("&Place:", self.place)
        fields.addRow("This will be:", self.kind_label)
        fields.addRow(self.reason_label, self.reason)
        self._fields = fields
        buttons = QHBoxLayout()
        buttons.addWidget(self.book_button)
        buttons.addStretch(1)
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addLayout(fields)
        form_layout.addWidget(self.warnings)
        form_layout.addLayout(buttons)
        layout.addWidget(self.form)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.when.dateTimeChanged.connect(self.replan)
        self.replan()

    def starts_at(self) -> datetime:
        return self.when.dateTime().toPython()

    def replan(self) -> None:
        """Ask the service what this booking would be and what to warn about."""
        profile = self._profile()
        if profile is None or self.referral_id is None:
            return
        self.plan = AppointmentService(profile).plan_booking(self.referral_id, self.starts_at())
        self.kind_label.setText(self.plan.label)
        self._fields.setRowVisible(self.reason, self.plan.over_cap)
        if self.plan.warnings:
            self.warnings.show_message("\n".join(self.plan.warnings), "warning")
        else:
            self.warnings.clear()

    def book(self) -> str | None:
        profile = self._profile()
        if profile is None or self.referral_id is None:
            self.result.setText(LOCKED_TEXT)
            return None
        self.replan()
        if self.plan and self.plan.over_cap and not self.reason.text().strip():
            self.result.setText("Write the reason for booking beyond the cap, then book.")
            self.reason.setFocus()
            return None
        mode = AppointmentMode(self.mode.currentData())
        try:
            appointment_id = AppointmentService(profile).book(
                self.referral_id,
                self.starts_at(),
                mode=mode,
                place=self.place.text(),
                over_cap_reason=self.reason.text(),
            )
        except ValidationError as exc:
            self.result.setText(str(exc))
            return None
        label = self.plan.label if self.plan else "Next session"
        self.result.setText(booked_text(label, self.starts_at(), mode, self.place.text().strip()))
        self.form.hide()
        self.booked.emit(appointment_id)
        return appointment_id
