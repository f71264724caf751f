"""Book a session for a referral, with what it will be and any warnings shown as the time changes.

Booking beyond the follow-up cap is the worker's call: the dialog warns and asks for a reason,
never blocks. An overlap with another booking is a warning too. The dialog is opened with
``open()`` and the app may lock while it is up, so it asks for the open profile only when it
needs one and keeps what was typed if the caseload is locked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from linkworker_desktop.domain.alerts import HomeVisitNeedsConfirmation
from linkworker_desktop.domain.appointments import (
    AppointmentKind,
    AppointmentMode,
    NeedsConfirmation,
)
from linkworker_desktop.domain.clock_changes import AmbiguousTime, NonexistentTime
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService, Booking
from linkworker_desktop.services.settings import FOLLOW_UP_MINUTES, INITIAL_MINUTES
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.form_dialog import FormDialog
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT, grow_to_fit
from linkworker_desktop.ui.widgets.clock_change_question import ask_clock_change
from linkworker_desktop.ui.widgets.field_state import clear_error
from linkworker_desktop.ui.widgets.notice import Notice
from linkworker_desktop.ui.widgets.past_question import ask_home_visit, ask_past
from linkworker_desktop.ui.widgets.value_label import ValueLabel
from linkworker_desktop.ui.widgets.when_fields import (
    CalendarDateField,
    ClockTimeField,
    say_when_problems,
    typed_problems,
    typed_start,
)


def next_working_morning(now: datetime) -> datetime:
    """A sensible first suggestion: 10:00 on the next weekday."""
    day = now.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(10, 0))


class BookDialog(FormDialog):
    def __init__(
        self,
        profile: ProfileGetter,
        referral_id: str,
        on_booked: Callable[[str], None] | None = None,
        patient_name: str = "",
        suggested: datetime | None = None,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ):
        title = f"Book a session for {patient_name}" if patient_name else "Book a session"
        super().__init__(
            title,
            "&Book",
            parent,
            ok_description="Book the session",
            cancel_name="Cancel (close without booking)",
            problem_name="Problem with the booking",
        )
        self._profile = profile
        self._clock = clock
        self.referral_id = referral_id
        self._on_booked = on_booked
        self.plan: Booking | None = None
        self.appointment_id: str | None = None
        self._minutes_touched = False
        self._setting_minutes = False
        self.book_button = self.ok_button
        self._build(suggested or next_working_morning(clock()))
        self.replan()

    @classmethod
    def open_for(cls, parent: QWidget, profile: ProfileGetter, referral_id: str, **kwargs):
        """Open the dialog window-modally (never exec()) and return it."""
        dialog = cls(profile, referral_id, parent=parent, **kwargs)
        dialog.open()
        return dialog

    # --- layout -------------------------------------------------------------------------------

    def _build(self, suggested: datetime) -> None:
        self.date = self.add_row(
            "&Date:", CalendarDateField(suggested.date(), "Date", self), more="of the session"
        )
        self.time = self.add_row("Start &time:", ClockTimeField(suggested.time(), "Start", self))
        self.add_problem_line("starts_at", self.date, "Problem with the date")
        self.kind_label = ValueLabel("What the session will be", self)
        font = self.kind_label.font()
        font.setBold(True)
        self.kind_label.setFont(font)
        self.form.addRow("This will be:", self.kind_label)
        self.warnings = Notice("Booking warnings", self)
        self.form.addRow(self.warnings)
        self.reason = self.add_row(
            "&Reason (required):",
            QLineEdit(self),
            more="for booking beyond the cap",
            name="over_cap_reason",
            problem="Problem with the reason",
        )
        self.reason.setPlaceholderText("Why this person needs more than the service offers")
        self.mode = self.add_row("&How:", QComboBox(self), more="the session happens")
        for value, label in AppointmentMode.choices():
            self.mode.addItem(label, value)
        self.place = self.add_row("&Place:", QLineEdit(self))
        self.place.setPlaceholderText("Room, venue or address (optional)")
        self.minutes = self.add_row(
            "&Length:",
            QSpinBox(self),
            more="in minutes",
            name="minutes",
            problem="Problem with the length",
        )
        self.minutes.setRange(5, 180)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min")
        self.prepare = self.add_row("P&repare:", QPlainTextEdit(self), more="notes")
        self.prepare.setTabChangesFocus(True)
        self.prepare.setPlaceholderText("Anything to bring or check beforehand (optional)")
        self.prepare.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.setMinimumWidth(520)

        self.date.value_changed.connect(self.replan)
        self.time.value_changed.connect(self.replan)
        self.date.problem_changed.connect(self._when_typed)
        self.time.problem_changed.connect(self._when_typed)
        self.minutes.valueChanged.connect(self._minutes_changed)

    # --- planning -----------------------------------------------------------------------------

    def starts_at(self) -> datetime | None:
        """The start as typed, or None while the date or the time does not read as one."""
        return typed_start(self.date, self.time)

    def _when_problems(self) -> str:
        return typed_problems(self.date, self.time)

    def _when_typed(self) -> None:
        say_when_problems(self.errors.fields["starts_at"][0], self.date, self.time)
        grow_to_fit(self)

    def _minutes_changed(self) -> None:
        if not self._setting_minutes:
            self._minutes_touched = True
        self.replan()

    def replan(self) -> None:
        """Ask the service what this booking would be and what to warn about."""
        profile = usable(self._profile())
        starts_at = self.starts_at()
        if profile is None or starts_at is None:
            return
        minutes = self.minutes.value() if self._minutes_touched else None
        self.plan = AppointmentService(profile).plan_booking(self.referral_id, starts_at, minutes)
        if not self._minutes_touched:
            setting = (
                INITIAL_MINUTES if self.plan.kind == AppointmentKind.INITIAL else FOLLOW_UP_MINUTES
            )
            self._setting_minutes = True
            self.minutes.setValue(profile.settings.get(setting))
            self._setting_minutes = False
        self.kind_label.setText(self.plan.label)
        self.form.setRowVisible(self.reason, self.plan.over_cap)
        if not self.plan.over_cap:
            self.errors.fields["over_cap_reason"][0].clear()
            clear_error(self.reason)
        if self.plan.warnings:
            self.warnings.show_message("\n\n".join(self.plan.warnings), "warning")
        else:
            self.warnings.clear()
        grow_to_fit(self)

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> str | None:
        """Book through the profile open now; problems are shown beside their fields."""
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return None
        if self.starts_at() is None:
            self.errors.show({"starts_at": self._when_problems()})
            return None
        self.replan()
        if self.plan and self.plan.over_cap and not self.reason.text().strip():
            self.errors.show(
                {
                    "over_cap_reason": f"Say why this person needs a session beyond the "
                    f"{self.plan.cap} follow-ups the service offers."
                }
            )
            return None
        return self._book(past_confirmed=False)

    def _book(
        self, past_confirmed: bool, chosen: datetime | None = None, home_visit: bool = False
    ) -> str | None:
        """Book; ``chosen`` is the instant picked when the clocks change on that day, and
        ``home_visit`` says a home visit was confirmed despite an alert."""
        profile = usable(self._profile())
        starts_at = chosen or self.starts_at()
        if profile is None or starts_at is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return None
        try:
            appointment_id = AppointmentService(profile).book(
                self.referral_id,
                starts_at,
                mode=AppointmentMode(self.mode.currentData()),
                place=self.place.text(),
                minutes=self.minutes.value(),
                prepare_notes=self.prepare.toPlainText(),
                over_cap_reason=self.reason.text(),
                past_confirmed=past_confirmed,
                now=self._clock(),
                home_visit_confirmed=home_visit,
            )
        except HomeVisitNeedsConfirmation as exc:
            self.errors.clear()
            self.question = ask_home_visit(
                self,
                self.windowTitle(),
                exc.problems["mode"],
                lambda: self._book(past_confirmed, chosen, home_visit=True),
            )
            return None
        except NeedsConfirmation as exc:
            self.errors.clear()
            self.question = ask_past(
                self,
                self.windowTitle(),
                exc.problems["starts_at"],
                lambda: self._book(True, chosen, home_visit),
            )
            return None
        except (NonexistentTime, AmbiguousTime) as exc:
            self.errors.clear()
            self.question = ask_clock_change(
                self,
                self.windowTitle(),
                exc,
                "Book",
                lambda moment: self._book(past_confirmed, moment, home_visit),
            )
            return None
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return None
        self.errors.clear()
        self.appointment_id = appointment_id
        if self._on_booked is not None:
            self._on_booked(appointment_id)
        self.accept()
        return appointment_id
