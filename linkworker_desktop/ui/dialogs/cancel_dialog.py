"""Cancel a booked session, with the reason kept on the appointment.

A reason is asked for because the record later shows "Cancelled (patient unwell)" rather than
a bare "Cancelled", which is what a colleague picking up the case needs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.form_dialog import FormDialog
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT


class CancelDialog(FormDialog):
    def __init__(
        self,
        profile: ProfileGetter,
        appointment_id: str,
        description: str,
        on_cancelled: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(
            "Cancel a session",
            "&Cancel session",
            parent,
            cancel_text="&Keep session",
            cancel_name="Keep session (keep it booked)",
            problem_name="Problem cancelling",
            heading=False,
        )
        self._profile = profile
        self.appointment_id = appointment_id
        self._on_cancelled = on_cancelled
        question = QLabel(f"Cancel {description}?", self)
        question.setWordWrap(True)
        self.form.addRow(question)
        self.reason = self.add_row(
            "&Reason:",
            QLineEdit(self),
            more="for cancelling (required)",
            name="reason",
            problem="Problem with the reason",
        )
        self.reason.setPlaceholderText("For example: unwell, asked to rearrange")
        self.confirm_button = self.ok_button
        self.keep_button = self.cancel_button
        self.keep_button.setDefault(True)  # Enter with no reason typed keeps the session
        self.reason.textChanged.connect(self._default_follows_reason)
        self.setMinimumWidth(440)

    def _default_follows_reason(self, text: str) -> None:
        """Once a reason is typed, Enter cancels as asked instead of dropping the reason."""
        (self.confirm_button if text.strip() else self.keep_button).setDefault(True)

    def save(self) -> bool:
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return False
        reason = self.reason.text().strip()
        if not reason:
            self.errors.show({"reason": "Say why the session is cancelled."})
            return False
        try:
            AppointmentService(profile).cancel(self.appointment_id, reason)
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return False
        if self._on_cancelled is not None:
            self._on_cancelled(self.appointment_id)
        self.accept()
        return True
