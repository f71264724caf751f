"""Connect this laptop to the organisation's hub with the one-time code an administrator gave.

The code is exchanged on a pool thread (the network can be slow); the caseload takes on the
hub's identity back on the GUI thread, which owns its connection. ``enrolled`` is emitted after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services import machine_config, sync_service
from linkworker_desktop.services.errors import DeviceRevoked, HubRejected, SyncError
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import LOCKED_NOTE
from linkworker_desktop.ui.background import BackgroundTask
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.secret_field import SecretField
from linkworker_desktop.ui.widgets.value_label import StatusLabel

if TYPE_CHECKING:
    from linkworker_desktop.services.sync_service import EnrolResponse

ProfileGetter = Callable[[], OpenProfile | None]


def check_hub_url(hub_url: str) -> str:
    """A plain sentence about what is wrong with the address, or "" when it looks usable."""
    if not hub_url:
        return "Enter the hub address your administrator gave you."
    if not hub_url.startswith(("https://", "http://")) or len(hub_url) < 10:
        return "The hub address starts with https:// (for example https://hub.example.nhs.uk)."
    return ""


def check_code(code: str) -> str:
    if len("".join(ch for ch in code if ch.isalnum())) < 4:
        return "Enter the one-time code your administrator gave you (like ABCD-EFGH-JKLM)."
    return ""


def enrol_error_text(error: BaseException) -> str:
    """The hub's own sentence for a refused code; for the network, what to check."""
    if isinstance(error, sync_service.AlreadyEnrolled | DeviceRevoked | HubRejected):
        return str(error)
    if isinstance(error, SyncError):
        return (
            "The hub could not be reached at that address. Check the address and that this "
            "laptop is online, then try again."
        )
    return "Enrolment did not work because of an unexpected problem. Please try again."


class EnrolForm(QWidget):
    enrolled = Signal(object)  # EnrolResponse

    def __init__(self, profile_getter: ProfileGetter, parent: QWidget | None = None):
        super().__init__(parent)
        self._profile_getter = profile_getter
        self.pool: QThreadPool | None = None
        self._fixed_hub = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.hub_edit = QLineEdit()
        self.hub_edit.setPlaceholderText("https://hub.example.nhs.uk")
        self.hub_edit.setAccessibleName("Hub address")
        self.hub_note = QLabel(LOCKED_NOTE)
        self.hub_note.hide()
        # Kept masked and off the accessibility bus; kept after a failure so it can be retried.
        self.code_edit = SecretField()
        self.code_edit.setPlaceholderText("ABCD-EFGH-JKLM")
        self.code_edit.setAccessibleName("One-time code")
        self.enrol_button = QPushButton("&Enrol this laptop")
        self.enrol_button.setAccessibleName("Enrol this laptop")
        self.enrol_button.setAccessibleDescription("Enrol this laptop with the hub")
        self.enrol_button.setDefault(True)
        self.enrol_button.clicked.connect(self.submit)
        self.hub_edit.returnPressed.connect(self.submit)  # Enter enrols, or says what is missing
        self.code_edit.returnPressed.connect(self.submit)
        self.message = StatusLabel("Enrolment message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        hub_row = QHBoxLayout()
        hub_row.addWidget(self.hub_edit, 1)
        hub_row.addWidget(self.hub_note)
        hub_label = QLabel("H&ub address")
        hub_label.setBuddy(self.hub_edit)  # a row holding a layout gets no buddy of its own
        form.addRow(hub_label, hub_row)
        form.addRow("One-time &code", self.code_edit)
        heading = Heading("Connect to your organisation's hub", scale=1.15)
        column = QWidget()
        column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 80)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(heading)
        inner.addWidget(self.intro)
        inner.addLayout(form)
        inner.addWidget(self.enrol_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addWidget(column)
        layout.addStretch(1)
        self.apply_machine_config(machine_config.current())

    def apply_machine_config(self, machine: machine_config.MachineConfig) -> None:
        """With the organisation's hub fixed by IT, only the one-time code is left to type."""
        self._fixed_hub = machine.hub_url
        who = machine.organisation or "your organisation"
        if self._fixed_hub:
            self.intro.setText(
                f"This laptop is not connected to {who}'s hub yet, so your caseload stays on "
                "this laptop only. Enter the one-time code your administrator gave you."
            )
            self.hub_edit.setText(self._fixed_hub)
        else:
            self.intro.setText(
                "This laptop is not connected to your organisation's hub yet, so your caseload "
                "stays on this laptop only. Ask your administrator for the hub address and a "
                "one-time code."
            )
        self.hub_edit.setReadOnly(bool(self._fixed_hub))
        self.hub_edit.setAccessibleDescription(LOCKED_NOTE if self._fixed_hub else "")
        self.hub_note.setVisible(bool(self._fixed_hub))

    def submit(self) -> None:
        if not self.enrol_button.isEnabled():
            return  # already enrolling: a second Enter must not spend the code twice
        profile = self._profile_getter()
        hub_url = self._fixed_hub or self.hub_edit.text().strip()
        code = self.code_edit.text().strip()
        if profile is None:
            self._say("Unlock your caseload first.")
            return
        for problem, field in (
            (check_hub_url(hub_url), self.hub_edit),
            (check_code(code), self.code_edit),
        ):
            if problem:
                self._say(problem)
                field.setFocus()
                return
        self._busy(True)
        self._say("Enrolling…")
        client_id = profile.actor.client_id
        (
            BackgroundTask(self, lambda: sync_service.request_enrolment(hub_url, code, client_id))
            .success(lambda response: self._adopt(profile, hub_url, response))
            .failure(self._failed)
            .run(self.pool)
        )

    def _adopt(self, profile: OpenProfile, hub_url: str, response: EnrolResponse) -> None:
        self._busy(False)
        if self._profile_getter() is not profile:
            self._say("The caseload was locked before enrolment finished. Ask for a new code.")
            return
        try:
            sync_service.adopt_enrolment(profile, hub_url, response)
        except sync_service.AlreadyEnrolled as exc:
            self._say(str(exc))
            return
        self.code_edit.clear()
        self._say(f"Enrolled with {response.organisation_name}.")
        self.enrolled.emit(response)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._say(enrol_error_text(error))
        self.code_edit.setFocus()

    def _busy(self, busy: bool) -> None:
        self.enrol_button.setEnabled(not busy)
        # Read-only, not disabled: the cursor stays where the person left it.
        self.hub_edit.setReadOnly(busy or bool(self._fixed_hub))
        self.code_edit.setReadOnly(busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
