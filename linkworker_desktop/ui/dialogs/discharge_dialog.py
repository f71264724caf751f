"""Discharge a referral: the reason, notes, the date, and optionally the discharge measure.

It says up front how many booked sessions the discharge will cancel, so nobody is surprised by
an empty diary. The discharge measure is asked inside the dialog (the shared measure form),
and answers given but not yet saved are saved before the discharge, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.measures import Measure
from linkworker_desktop.services.appointments import AppointmentService, from_utc_text
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.discharge import discharge
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.services.settings import DEFAULT_MEASURE
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.consent_dialog import ConsentDialog
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT, FieldErrors, InlineError
from linkworker_desktop.ui.widgets.measure_form import MeasureForm
from linkworker_desktop.ui.widgets.value_label import ValueLabel
from linkworker_desktop.ui.widgets.when_fields import CalendarDateField


def booked_sessions(profile: OpenProfile, patient_id: str, referral_id: str) -> list[str]:
    """The booked sessions discharge will cancel, as words ("Tue 24 Nov 10:30"), soonest first.

    One already under way is kept (the worker may be discharging at its end), as the service does.
    """
    started = {s.appointment_id for s in SessionService(profile).history(patient_id)}
    rows = AppointmentService(profile).for_patient(patient_id)
    times = [
        from_utc_text(r["starts_at"])
        for r in rows
        if r["referral_id"] == referral_id and r["status"] == "booked" and r["id"] not in started
    ]
    return [f"{t:%a} {t.day} {t:%b} {t:%H:%M}" for t in sorted(times)]


def cancellation_text(booked: list[str]) -> str:
    if not booked:
        return "No booked sessions will be cancelled."
    count = len(booked)
    noun = "session" if count == 1 else "sessions"
    return f"{count} booked {noun} will be cancelled: {'; '.join(booked)}."


def discharge_measure(profile: OpenProfile) -> Measure | None:
    """The service's wellbeing measure if it has wording to ask, else the first one that does."""
    service = MeasureService(profile)
    askable = [m for m in service.askable() if m.purpose == "outcome"]
    preferred = profile.settings.get(DEFAULT_MEASURE)
    return next((m for m in askable if m.id == preferred), askable[0] if askable else None)


def feedback_measure(profile: OpenProfile) -> Measure | None:
    """The NHS Friends and Family Test, offered when support ends (None if a service removed it)."""
    return next((m for m in MeasureService(profile).askable() if m.purpose == "feedback"), None)


class DischargeDialog(DiscardGuard, QDialog):
    def __init__(
        self,
        profile: ProfileGetter,
        patient_id: str,
        referral_id: str,
        on_discharged: Callable[[list[str]], None] | None = None,
        patient_name: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self.referral_id = referral_id
        self._on_discharged = on_discharged
        self.cancelled: list[str] | None = None
        self.measure_form: MeasureForm | None = None
        self.feedback_form: MeasureForm | None = None
        title = f"Discharge {patient_name}" if patient_name else "Discharge"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.heading = QLabel(title, self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        opened = usable(profile())
        self._build(opened)

    def _build(self, profile: OpenProfile | None) -> None:
        self.reason = QComboBox(self)
        self.reason.addItem("Choose a reason…", None)
        for value, label in DischargeReason.choices():
            self.reason.addItem(label, value)
        self.reason.setAccessibleName("Reason for discharge")
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName("Notes on the discharge")
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.notes_label = QLabel("&Notes:", self)
        self.notes_label.setBuddy(self.notes)
        # A typed date (one Tab stop; Alt+Down opens a calendar); the service refuses a date
        # before the referral or in the future, beside the field.
        self.on_date = CalendarDateField(date.today(), "Date of discharge", self)
        self.cancel_note = ValueLabel("Sessions the discharge cancels", self)
        self.cancel_note.setWordWrap(True)
        if profile is not None:
            self.cancel_note.setText(
                cancellation_text(booked_sessions(profile, self.patient_id, self.referral_id))
            )

        reason_error = InlineError("Problem with the reason", self)
        notes_error = InlineError("Problem with the notes", self)
        date_error = InlineError("Problem with the date", self)
        general = InlineError("Problem discharging", self)
        self.errors = FieldErrors(
            general,
            {
                "reason": (reason_error, self.reason),
                "notes": (notes_error, self.notes),
                "on": (date_error, self.on_date),
            },
        )
        form = QFormLayout()
        form.addRow("&Reason:", self.reason)
        form.addRow("", reason_error)
        form.addRow(self.notes_label, self.notes)
        form.addRow("", notes_error)
        form.addRow("D&ate:", self.on_date)
        form.addRow("", date_error)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.cancel_note)
        self._add_consent_note(layout)
        self._add_measure_section(layout, profile)
        self._add_feedback_section(layout, profile)
        layout.addWidget(general)
        self.buttons = QDialogButtonBox(self)
        self.discharge_button = self.buttons.addButton(
            "&Discharge", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discharge_button.setAccessibleName("Discharge")
        self.discharge_button.setAccessibleDescription("Discharge from the service")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel (close without discharging)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self.setMinimumWidth(560)

    def _add_consent_note(self, layout: QVBoxLayout) -> None:
        """The GP summary follows a discharge; say now if sharing was never asked about."""
        self.consent_note = ValueLabel("Consent to share with the GP", self)
        self.consent_note.setWordWrap(True)
        self.consent_button = QPushButton("Record c&onsent…", self)
        self.consent_button.setAccessibleName("Record consent")
        self.consent_button.clicked.connect(self.record_consent)
        row = QHBoxLayout()
        row.addWidget(self.consent_note, 1)
        row.addWidget(self.consent_button)
        layout.addLayout(row)
        self._show_consent()

    def _show_consent(self) -> None:
        profile = usable(self._profile())
        asked = True
        if profile is not None:
            share = CaseloadService(profile).patient(self.patient_id).consent_to_share
            asked = share.is_asked
        self.consent_note.setText(
            ""
            if asked
            else "Consent to share with the GP: not asked yet. Ask the patient whether we may "
            "share with their GP first; the GP summary cannot be made until then."
        )
        self.consent_note.setVisible(not asked)
        self.consent_button.setVisible(not asked)

    def record_consent(self) -> None:
        ConsentDialog(self._profile, self.patient_id, self).exec()
        self._show_consent()

    def _add_measure_section(self, layout: QVBoxLayout, profile: OpenProfile | None) -> None:
        self.measure = discharge_measure(profile) if profile is not None else None
        self.measure_button: QPushButton | None = None
        self.measure_area = QScrollArea(self)
        self.measure_area.setWidgetResizable(True)
        self.measure_area.setAccessibleName("Discharge measure")
        self.measure_area.hide()
        if self.measure is None:
            return
        self.measure_button = QPushButton(
            f"Record the discharge &measure ({self.measure.short_name})…", self
        )
        self.measure_button.setAccessibleName(
            f"Record the discharge measure ({self.measure.short_name})"
        )
        self.measure_button.clicked.connect(self.show_measure)
        layout.addWidget(self.measure_button)
        layout.addWidget(self.measure_area, 1)

    def show_measure(self) -> None:
        """Ask the discharge measure here, saved through the profile open at save time."""
        if self.measure is None or self.measure_form is not None:
            return
        self.measure_form = MeasureForm(
            self.measure,
            "discharge",
            self._profile,
            self.patient_id,
            referral_id=self.referral_id,
        )
        self.measure_area.setWidget(self.measure_form)
        self.measure_area.show()
        if self.measure_button is not None:
            self.measure_button.hide()
        hint = self.measure_form.sizeHint()
        frame = 2 * self.measure_area.frameWidth()
        self.measure_area.setMinimumHeight(min(hint.height() + frame, 480))
        self.resize(max(self.width(), hint.width() + frame + 40), self.sizeHint().height())
        self.measure_form.setFocus()

    def _add_feedback_section(self, layout: QVBoxLayout, profile: OpenProfile | None) -> None:
        self.feedback = feedback_measure(profile) if profile is not None else None
        self.feedback_button: QPushButton | None = None
        self.feedback_area = QScrollArea(self)
        self.feedback_area.setWidgetResizable(True)
        self.feedback_area.setAccessibleName("Friends and Family Test")
        self.feedback_area.hide()
        if self.feedback is None:
            return
        self.feedback_button = QPushButton("Ask the &Friends and Family Test…", self)
        self.feedback_button.setAccessibleName("Ask the Friends and Family Test")
        self.feedback_button.clicked.connect(self.show_feedback)
        layout.addWidget(self.feedback_button)
        layout.addWidget(self.feedback_area, 1)

    def show_feedback(self) -> None:
        """Ask how the service was, saved with the discharge like the discharge measure."""
        if self.feedback is None or self.feedback_form is not None:
            return
        self.feedback_form = MeasureForm(
            self.feedback, "discharge", self._profile, self.patient_id, self.referral_id
        )
        self.feedback_area.setWidget(self.feedback_form)
        self.feedback_area.show()
        if self.feedback_button is not None:
            self.feedback_button.hide()
        hint = self.feedback_form.sizeHint()
        self.feedback_area.setMinimumHeight(
            min(hint.height() + 2 * self.feedback_area.frameWidth(), 320)
        )
        self.resize(self.width(), self.sizeHint().height())
        self.feedback_form.setFocus()

    @staticmethod
    def _unsaved(form: MeasureForm | None) -> bool:
        return (
            form is not None
            and form.result is None
            and any(v is not None for v in form.answers().values())
        )

    def has_typing(self) -> bool:
        """Measure answers are typing too, though their forms are built later."""
        unsaved = self._unsaved(self.measure_form) or self._unsaved(self.feedback_form)
        return super().has_typing() or unsaved

    def _reason_changed(self) -> None:
        other = self.reason.currentData() == DischargeReason.OTHER
        self.notes_label.setText("&Notes (required):" if other else "&Notes:")
        self.notes.setAccessibleName(
            "Notes (required) on the discharge" if other else "Notes on the discharge"
        )

    def save(self) -> list[str] | None:
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return None
        value = self.reason.currentData()
        if value is None:
            self.errors.show({"reason": "Choose why the patient is being discharged."})
            return None
        for form, what in (
            (self.measure_form, "The discharge measure"),
            (self.feedback_form, "The Friends and Family Test"),
        ):
            if form is not None and self._unsaved(form) and form.save() is None:
                self.errors.show({"measure": f"{what} could not be saved: {form.status.text()}"})
                return None
        if self.on_date.problem():
            self.errors.show({"on": self.on_date.problem()})
            return None
        try:
            cancelled = discharge(
                profile,
                self.referral_id,
                DischargeReason(value),
                self.notes.toPlainText(),
                on=self.on_date.date(),
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return None
        self.errors.clear()
        self.cancelled = cancelled
        if self._on_discharged is not None:
            self._on_discharged(cancelled)
        self.accept()
        return cancelled
