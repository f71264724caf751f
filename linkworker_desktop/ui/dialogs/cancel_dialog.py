"""Cancel a booked session, with the reason kept on the appointment.

A reason is asked for because the record later shows "Cancelled (patient unwell)" rather than
a bare "Cancelled", which is what a colleague picking up the case needs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT, FieldErrors, InlineError


class CancelDialog(DiscardGuard, QDialog):
    def __init__(
        self,
        profile: ProfileGetter,
        appointment_id: str,
        description: str,
        on_cancelled: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.appointment_id = appointment_id
        self._on_cancelled = on_cancelled
        self.setWindowTitle("Cancel a session")
        question = QLabel(f"Cancel {description}?", self)
        question.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("For example: unwell, asked to rearrange")
        self.reason.setAccessibleName("Reason for cancelling (required)")
        reason_error = InlineError("Problem with the reason", self)
        general = InlineError("Problem cancelling", self)
        self.errors = FieldErrors(general, {"reason": (reason_error, self.reason)})
        form = QFormLayout()
        form.addRow("&Reason:", self.reason)
        form.addRow("", reason_error)
        self.buttons = QDialogButtonBox(self)
        self.confirm_button = self.buttons.addButton(
            "&Cancel session", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm_button.setAccessibleName("Cancel session")
        keep = self.buttons.addButton("&Keep session", QDialogButtonBox.ButtonRole.RejectRole)
        keep.setAccessibleName("Keep session (keep it booked)")
        keep.setDefault(True)  # Enter with no reason typed keeps the session
        self.keep_button = keep
        self.reason.textChanged.connect(self._default_follows_reason)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(self.buttons)
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
