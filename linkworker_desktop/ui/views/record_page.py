"""A patient's record as a page of the workspace: the record's tabs plus the goal plan, and
one-click printing of the plan and the GP discharge summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services import printouts
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.dialogs.alerts_dialog import AlertsDialog
from linkworker_desktop.ui.dialogs.consent_dialog import ConsentDialog
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.dialogs.safeguarding_dialog import SafeguardingDialog
from linkworker_desktop.ui.views.goal_plan_view import GoalPlanView
from linkworker_desktop.ui.views.patient_record_view import PatientRecordView
from linkworker_desktop.ui.widgets.connections_list import ConnectionsList

ProfileGetter = Callable[[], OpenProfile | None]
D = TypeVar("D", AlertsDialog, SafeguardingDialog)


class RecordPage(QWidget):
    edit_requested = Signal(str)  # patient id: the caseload's patient dialog
    find_service_requested = Signal(str)  # patient id: the directory, to connect them
    close_requested = Signal()

    def __init__(self, profile: ProfileGetter, patient_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self._previews: list[QWidget] = []
        # The buttons above the tabs are made first, so Tab reaches them before the tabs.
        bar = QHBoxLayout()
        for text, slot in (
            ("&Edit details…", lambda: self.edit_requested.emit(self.patient_id)),
            ("Fin&d a service…", lambda: self.find_service_requested.emit(self.patient_id)),
            ("Print &plan…", lambda: self.plan.print_plan()),
            ("Print GP s&ummary…", self.print_discharge),
        ):
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(button)
        bar.addStretch(1)
        close = QPushButton("&Close record", self)
        close.setAccessibleName("Close record")
        close.clicked.connect(lambda: self.close_record())
        bar.addWidget(close)
        self.record = PatientRecordView(profile, patient_id, self)
        self.plan = GoalPlanView(profile, self)
        self.plan.set_patient(patient_id)
        self.plan_tab = QScrollArea(self)  # the plan's form is taller than a laptop screen
        self.plan_tab.setAccessibleName("Goal plan")
        self.plan_tab.setWidget(self.plan)
        self.plan_tab.setWidgetResizable(True)
        self.plan_tab.setFrameShape(QFrame.Shape.NoFrame)
        self.record.tabs.addTab(self.plan_tab, "Goal pla&n")
        self.services = ConnectionsList(profile, patient_id, self)
        self.services.refresh()
        self.record.tabs.addTab(self.services, "Ser&vices")
        self.record.summary.alerts_requested.connect(lambda: self.open_alerts())
        self.record.summary.safeguarding_requested.connect(lambda: self.open_safeguarding())
        self.record.record_changed.connect(lambda _pid: self.plan.reload())
        self.plan.changed.connect(self.record.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.record, 1)

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.record.set_profile(profile)
        self.plan.set_profile(profile)
        self.services.set_profile(profile)

    def save_now(self) -> bool:
        """Typing waiting on the plan is saved before a lock, a quit or closing the record."""
        return self.plan.save_now()

    def close_record(self) -> None:
        """Close only once the plan's typing is saved; if it cannot be, show why and stay."""
        if not self.save_now():
            self.record.tabs.setCurrentWidget(self.plan_tab)
            return
        self.close_requested.emit()

    def open_alerts(self) -> AlertsDialog | None:
        """Set or clear an alert; the record's banner follows at once."""
        return self._open_about_record(AlertsDialog)

    def open_safeguarding(self) -> SafeguardingDialog | None:
        """The record's concerns; raising or closing one sets or clears its alert."""
        return self._open_about_record(SafeguardingDialog)

    def _open_about_record(self, kind: type[D]) -> D | None:
        """A dialog about this person that changes the record: the record follows each change."""
        data = self.record.data
        if data is None:
            return None
        dialog = kind(self._profile, self.patient_id, data.patient.display_name, self)
        dialog.changed.connect(self.record.refresh)
        dialog.changed.connect(lambda: self.record.record_changed.emit(self.patient_id))
        self._previews.append(dialog)
        dialog.finished.connect(lambda _r: self._previews.remove(dialog))
        dialog.open()
        return dialog

    def print_discharge(self) -> PrintPreviewDialog | None:
        profile = self._profile()
        if profile is None:
            return None
        try:
            pdf, warnings = printouts.discharge_pdf(profile, self.patient_id)
        except printouts.ConsentNotAsked as exc:
            return self._ask_for_consent(str(exc))
        except printouts.ConsentRefused as exc:
            QMessageBox.information(self, "GP summary", str(exc))
            return None
        dialog = PrintPreviewDialog(pdf, "GP discharge summary", "gp-summary.pdf", warnings, self)
        self._previews.append(dialog)
        dialog.finished.connect(lambda _r: self._previews.remove(dialog))
        dialog.open()
        return dialog

    def _ask_for_consent(self, reason: str) -> PrintPreviewDialog | None:
        """Say why there is no summary, offer to record the answer, then try again once."""
        box = QMessageBox(QMessageBox.Icon.Information, "GP summary", reason, parent=self)
        record = box.addButton("&Record consent…", QMessageBox.ButtonRole.AcceptRole)
        record.setAccessibleName("Record consent")
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(record)
        box.exec()
        if box.clickedButton() is not record:
            return None
        ConsentDialog(self._profile, self.patient_id, self).exec()
        self.record.refresh()
        profile = self._profile()
        if profile is None:
            return None
        if CaseloadService(profile).patient(self.patient_id).consent_to_share.is_asked:
            return self.print_discharge()
        return None
