"""Move a booked session to another time, warning (not blocking) when it would overlap another.

A time that has passed is asked about and a time before the referral is refused, as when booking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from linkworker_desktop.domain.appointments import NeedsConfirmation
from linkworker_desktop.domain.clock_changes import AmbiguousTime, NonexistentTime
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.form_dialog import FormDialog
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT, grow_to_fit
from linkworker_desktop.ui.widgets.clock_change_question import ask_clock_change
from linkworker_desktop.ui.widgets.notice import Notice
from linkworker_desktop.ui.widgets.past_question import ask_past
from linkworker_desktop.ui.widgets.when_fields import (
    CalendarDateField,
    ClockTimeField,
    say_when_problems,
    typed_problems,
    typed_start,
)


class MoveDialog(FormDialog):
    def __init__(
        self,
        profile: ProfileGetter,
        appointment_id: str,
        referral_id: str | None,
        starts_at: datetime,
        minutes: int,
        description: str,
        on_moved: Callable[[datetime], None] | None = None,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ):
        super().__init__(
            "Move a session",
            "&Move session",
            parent,
            cancel_name="Cancel (close without moving)",
            problem_name="Problem moving",
            heading=False,
        )
        self._profile = profile
        self._clock = clock
        self.appointment_id = appointment_id
        self.referral_id = referral_id
        self.planned_minutes = minutes
        self._on_moved = on_moved
        intro = QLabel(f"Move {description} to:", self)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.date = self.add_row("New &date:", CalendarDateField(starts_at.date(), "New", self))
        start = starts_at.time().replace(second=0)
        self.time = self.add_row("New start &time:", ClockTimeField(start, "New", self))
        self.add_problem_line("starts_at", self.date, "Problem with the new time")
        self.move_button = self.ok_button
        self.warnings = Notice("Overlap warnings", self)
        self.add_below(self.warnings)
        self.setMinimumWidth(460)
        self.date.value_changed.connect(self.check_overlaps)
        self.time.value_changed.connect(self.check_overlaps)
        self.date.problem_changed.connect(self._when_typed)
        self.time.problem_changed.connect(self._when_typed)
        self.check_overlaps()

    def starts_at(self) -> datetime | None:
        """The new start as typed, or None while the date or the time does not read as one."""
        return typed_start(self.date, self.time)

    def _when_problems(self) -> str:
        return typed_problems(self.date, self.time)

    def _when_typed(self) -> None:
        say_when_problems(self.errors.fields["starts_at"][0], self.date, self.time)
        grow_to_fit(self)

    def check_overlaps(self) -> None:
        profile = usable(self._profile())
        starts_at = self.starts_at()
        if profile is None or self.referral_id is None or starts_at is None:
            return
        plan = AppointmentService(profile).plan_booking(
            self.referral_id, starts_at, self.planned_minutes, ignore_id=self.appointment_id
        )
        if plan.overlaps:
            self.warnings.show_message("\n\n".join(plan.overlaps), "warning")
        else:
            self.warnings.clear()
        grow_to_fit(self)

    def save(self) -> bool:
        return self._move(past_confirmed=False)

    def _move(self, past_confirmed: bool, chosen: datetime | None = None) -> bool:
        """Move; ``chosen`` is the instant picked when the clocks change on that day."""
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return False
        moment = chosen or self.starts_at()
        if moment is None:
            self.errors.show({"starts_at": self._when_problems()})
            return False
        try:
            AppointmentService(profile).move(
                self.appointment_id, moment, past_confirmed=past_confirmed, now=self._clock()
            )
        except NeedsConfirmation as exc:
            self.errors.clear()
            self.question = ask_past(
                self,
                self.windowTitle(),
                exc.problems["starts_at"],
                lambda: self._move(True, chosen),
            )
            return False
        except (NonexistentTime, AmbiguousTime) as exc:
            self.errors.clear()
            self.question = ask_clock_change(
                self,
                self.windowTitle(),
                exc,
                "Move to",
                lambda instant: self._move(past_confirmed, instant),
            )
            return False
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return False
        if self._on_moved is not None:
            self._on_moved(moment)
        self.accept()
        return True
