"""Book the next session from inside the runner, with the service's warnings shown as you pick.

Booking beyond the follow-up cap is allowed (the worker knows the person) but needs a reason,
and a clash with another booking is worth a second look; both appear as words beside the form
while the time is chosen, never as a pop-up or a block.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.alerts import HomeVisitNeedsConfirmation
from linkworker_desktop.domain.appointments import AppointmentMode, NeedsConfirmation
from linkworker_desktop.domain.clock_changes import AmbiguousTime, NonexistentTime, clock_text
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService, Booking
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.clock_change_question import ask_clock_change
from linkworker_desktop.ui.widgets.notice import Notice
from linkworker_desktop.ui.widgets.past_question import ask_home_visit, ask_past
from linkworker_desktop.ui.widgets.value_label import StatusLabel, ValueLabel
from linkworker_desktop.ui.widgets.when_fields import (
    CalendarDateField,
    ClockTimeField,
    typed_problems,
    typed_start,
)

LOCKED_TEXT = "The caseload is locked. Unlock it to book; what you entered stays here."


def booked_text(label: str, starts_at: datetime, mode: AppointmentMode, place: str) -> str:
    where = f"{mode.label}, {place}" if place else mode.label
    zone = starts_at.tzinfo
    clock = clock_text(starts_at, zone) if zone else f"{starts_at:%H:%M}"
    return (
        f"Booked: {label} on {starts_at:%a} {starts_at.day} {starts_at:%b %Y} at {clock} ({where})."
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
        clock: Callable[[], datetime] = datetime.now,
    ):
        super().__init__(parent)
        self._profile = profile
        self._clock = clock
        self.referral_id = referral_id
        self.plan: Booking | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.result = StatusLabel("Booking result", self)
        self.result.setWordWrap(True)
        if referral_id is None:
            self.result.setText(
                "This session is not part of a referral, so book the next one from the"
                " patient's record."
            )
            layout.addWidget(self.result)
            layout.addStretch(1)
            return

        self.form = QWidget(self)
        self.when = QWidget(self.form)
        self.date = CalendarDateField(
            suggested.date(), "When: the date of the next session", self.when
        )
        start = suggested.time().replace(second=0, microsecond=0)
        self.time = ClockTimeField(start, "Start time of the next session", self.when)
        when_row = QHBoxLayout(self.when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.date)
        when_row.addWidget(QLabel("at", self.when))
        when_row.addWidget(self.time)
        when_row.addStretch(1)
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
        self.kind_label = ValueLabel("What the next session will be", self.form)
        self.warnings = Notice("Booking warnings", self.form)
        self.book_button = QPushButton("Book next session", self.form)
        self.book_button.setAccessibleName("Book next session")
        self.book_button.clicked.connect(self.book)

        self.place.setMinimumWidth(320)
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        when_label = QLabel("&When:", self.form)
        when_label.setBuddy(self.date)
        fields.addRow(when_label, self.when)
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
        self.date.value_changed.connect(self.replan)
        self.time.value_changed.connect(self.replan)
        self.date.problem_changed.connect(self._when_typed)
        self.time.problem_changed.connect(self._when_typed)
        self.replan()

    def starts_at(self) -> datetime | None:
        """The start as typed, or None while the date or the time does not read as one."""
        return typed_start(self.date, self.time)

    def _when_problems(self) -> str:
        return typed_problems(self.date, self.time)

    def _when_typed(self) -> None:
        self.result.set_quietly(self._when_problems())  # said when Book is pressed

    def replan(self) -> None:
        """Ask the service what this booking would be and what to warn about."""
        profile = self._profile()
        starts_at = self.starts_at()
        if profile is None or self.referral_id is None or starts_at is None:
            return
        self.plan = AppointmentService(profile).plan_booking(self.referral_id, starts_at)
        self.kind_label.setText(self.plan.label)
        self._fields.setRowVisible(self.reason, self.plan.over_cap)
        if self.plan.warnings:
            self.warnings.show_message("\n".join(self.plan.warnings), "warning")
        else:
            self.warnings.clear()

    def book(self) -> str | None:
        return self._book(past_confirmed=False)

    def _book(
        self, past_confirmed: bool, chosen: datetime | None = None, home_visit: bool = False
    ) -> str | None:
        """Book; ``chosen`` is the instant picked when the clocks change on that day, and
        ``home_visit`` says a home visit was confirmed despite an alert."""
        profile = self._profile()
        if profile is None or self.referral_id is None:
            self.result.setText(LOCKED_TEXT)
            return None
        starts_at = chosen or self.starts_at()
        if starts_at is None:
            self.result.show_problem(self._when_problems())
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
                starts_at,
                mode=mode,
                place=self.place.text(),
                over_cap_reason=self.reason.text(),
                past_confirmed=past_confirmed,
                now=self._clock(),
                home_visit_confirmed=home_visit,
            )
        except HomeVisitNeedsConfirmation as exc:
            self.result.clear()
            self.question = ask_home_visit(
                self,
                "Book the next session",
                exc.problems["mode"],
                lambda: self._book(past_confirmed, chosen, home_visit=True),
            )
            return None
        except NeedsConfirmation as exc:
            self.result.clear()
            self.question = ask_past(
                self,
                "Book the next session",
                exc.problems["starts_at"],
                lambda: self._book(True, chosen, home_visit),
            )
            return None
        except (NonexistentTime, AmbiguousTime) as exc:
            self.result.clear()
            self.question = ask_clock_change(
                self,
                "Book the next session",
                exc,
                "Book",
                lambda moment: self._book(past_confirmed, moment, home_visit),
            )
            return None
        except ValidationError as exc:
            self.result.show_problem(str(exc))
            return None
        label = self.plan.label if self.plan else "Next session"
        self.result.setText(booked_text(label, starts_at, mode, self.place.text().strip()))
        self.form.hide()
        self.booked.emit(appointment_id)
        return appointment_id
