"""Move a booked session to another time, warning (not blocking) when it would overlap another."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.dialogs.inline_error import (
    LOCKED_TEXT,
    FieldErrors,
    InlineError,
    grow_to_fit,
)
from linkworker_desktop.ui.widgets.notice import Notice


class MoveDialog(DiscardGuard, QDialog):
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
    ):
        super().__init__(parent)
        self._profile = profile
        self.appointment_id = appointment_id
        self.referral_id = referral_id
        self.planned_minutes = minutes
        self._on_moved = on_moved
        self.setWindowTitle("Move a session")
        intro = QLabel(f"Move {description} to:", self)
        intro.setWordWrap(True)
        today = date.today()
        self.date = QDateEdit(QDate(starts_at.date()), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setDateRange(
            QDate(today - timedelta(days=90)), QDate(today + timedelta(days=365))
        )
        self.date.setAccessibleName("New date")
        self.time = QTimeEdit(QTime(starts_at.hour, starts_at.minute), self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("New start time")
        self.warnings = Notice("Overlap warnings", self)
        when_error = InlineError("Problem with the new time", self)
        general = InlineError("Problem moving", self)
        self.errors = FieldErrors(general, {"starts_at": (when_error, self.date)})
        form = QFormLayout()
        form.addRow("&Date:", self.date)
        form.addRow("&Time:", self.time)
        form.addRow("", when_error)
        self.buttons = QDialogButtonBox(self)
        self.move_button = self.buttons.addButton(
            "&Move session", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.move_button.setAccessibleName("Move the session")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Close without moving")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.date.dateChanged.connect(self.check_overlaps)
        self.time.timeChanged.connect(self.check_overlaps)
        self.check_overlaps()

    def starts_at(self) -> datetime:
        return datetime.combine(self.date.date().toPython(), self.time.time().toPython())

    def check_overlaps(self) -> None:
        profile = usable(self._profile())
        if profile is None or self.referral_id is None:
            return
        plan = AppointmentService(profile).plan_booking(
            self.referral_id, self.starts_at(), self.planned_minutes, ignore_id=self.appointment_id
        )
        if plan.overlaps:
            self.warnings.show_message("\n\n".join(plan.overlaps), "warning")
        else:
            self.warnings.clear()
        grow_to_fit(self)

    def save(self) -> bool:
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return False
        moment = self.starts_at()
        try:
            AppointmentService(profile).move(self.appointment_id, moment)
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return False
        if self._on_moved is not None:
            self._on_moved(moment)
        self.accept()
        return True
