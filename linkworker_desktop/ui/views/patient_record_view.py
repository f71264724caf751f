"""A patient's record: header, Summary, Sessions, Measures and Goals.

The view is given a getter for the open profile, not a profile, because the app can lock
while it is on screen; ``set_profile(None)`` is the lock (everything shown is dropped) and
``set_profile(profile)`` the unlock (the same patient is read again). Booking and discharge
open their dialogs here and the view re-reads itself afterwards, then says so through
``record_changed`` so Today and the caseload can refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.caseload import PatientNotFound
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.models.record_data import RecordData, load_record
from linkworker_desktop.ui.views.record.goals_tab import GoalsTab
from linkworker_desktop.ui.views.record.header import RecordHeader
from linkworker_desktop.ui.views.record.measures_tab import MeasuresTab
from linkworker_desktop.ui.views.record.sessions_tab import SessionsTab
from linkworker_desktop.ui.views.record.summary_tab import SummaryTab
from linkworker_desktop.ui.widgets.alert_banner import AlertBanner
from linkworker_desktop.ui.widgets.book_next import booked_text
from linkworker_desktop.ui.widgets.value_label import StatusLabel

LOCKED_TEXT = "The caseload is locked. Unlock it to see this record."


class PatientRecordView(QWidget):
    record_changed = Signal(str)  # patient id, after a booking or a discharge

    def __init__(self, profile: ProfileGetter, patient_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._provider = profile
        self._locked = False
        self.patient_id = patient_id
        self.data: RecordData | None = None
        self.dialog: QWidget | None = None
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.setAccessibleName("Patient record")
        self.header = RecordHeader(self)
        self.alerts = AlertBanner(self)
        self.tabs = QTabWidget(self)  # made before its pages, so Tab meets the tabs first
        self.tabs.setAccessibleName("Record sections")
        self.summary = SummaryTab(self)
        self.sessions = SessionsTab(self)
        self.measures = MeasuresTab(self)
        self.goals = GoalsTab(self)
        self.tabs.addTab(self.summary, "&Summary")
        self.tabs.addTab(self.sessions, "Sess&ions")
        self.tabs.addTab(self.measures, "&Measures")
        self.tabs.addTab(self.goals, "G&oals")
        self.summary.book_requested.connect(self.open_book_dialog)
        self.summary.discharge_requested.connect(self.open_discharge_dialog)
        self.message = StatusLabel("Record message", self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.header)
        inner.addWidget(self.alerts)
        inner.addWidget(self.tabs, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.message)
        self.pages.addWidget(content)
        self._content = content
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # --- the profile and the lock -------------------------------------------------------------

    def current_profile(self) -> OpenProfile | None:
        return None if self._locked else usable(self._provider())

    def set_profile(self, profile: OpenProfile | None) -> None:
        """None when the app locks (the record is dropped); the caseload again on unlock."""
        self._locked = profile is None
        self.refresh()

    def refresh(self) -> None:
        profile = self.current_profile()
        if profile is None:
            self._clear(LOCKED_TEXT, quietly=True)  # the lock screen says it
            return
        try:
            self.data = load_record(profile, self.patient_id)
        except PatientNotFound as exc:
            self._clear(str(exc))
            return
        self.header.show_record(self.data)
        self.alerts.show_alerts(AlertService(profile).active(self.patient_id))
        self.summary.show_record(self.data)
        self.sessions.show_record(self.data.visits)
        self.measures.show_record(self.data.measures)
        self.goals.show_record(self.data.goals)
        self.pages.setCurrentWidget(self._content)

    def _clear(self, text: str, quietly: bool = False) -> None:
        self.data = None
        self.header.clear()
        self.alerts.show_alerts([])
        self.summary.clear()
        self.sessions.clear()
        self.measures.clear()
        self.goals.clear()
        if quietly:
            self.message.set_quietly(text)
        else:
            self.message.setText(text)
        self.pages.setCurrentWidget(self.message)

    # --- booking and discharge ----------------------------------------------------------------

    def open_book_dialog(self) -> BookDialog | None:
        if self.data is None or self.data.referral is None:
            return None
        dialog = BookDialog(
            self.current_profile,
            self.data.referral.id,
            on_booked=self._booked,
            patient_name=self.data.patient.display_name,
            parent=self,
        )
        self._open(dialog)
        return dialog

    def open_discharge_dialog(self) -> DischargeDialog | None:
        if self.data is None or self.data.referral is None:
            return None
        dialog = DischargeDialog(
            self.current_profile,
            self.patient_id,
            self.data.referral.id,
            on_discharged=self._discharged,
            patient_name=self.data.patient.display_name,
            parent=self,
        )
        self._open(dialog)
        return dialog

    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _booked(self, appointment_id: str) -> None:
        """The record shows the new booking; a screen reader user hears it."""
        self._changed()
        visits = self.data.visits if self.data else []
        for visit in visits:
            if visit.appointment and visit.appointment["id"] == appointment_id and visit.mode:
                announce(self, booked_text(visit.label, visit.when, visit.mode, visit.place))

    def _discharged(self, cancelled: int) -> None:
        self._changed()
        details = self.data.discharge if self.data else None
        if details is not None:
            text = f"Discharged: {details.reason.label}."
            if cancelled:
                text += f" {cancelled} booked session{'s' if cancelled > 1 else ''} cancelled."
            announce(self, text)

    def _changed(self) -> None:
        self.refresh()
        self.record_changed.emit(self.patient_id)
