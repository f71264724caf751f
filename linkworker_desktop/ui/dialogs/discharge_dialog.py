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
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
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
from linkworker_desktop.ui.dialogs.form_dialog import FormDialog, shown_words
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT
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


class DischargeDialog(FormDialog):
    def __init__(
        self,
        profile: ProfileGetter,
        patient_id: str,
        referral_id: str,
        on_discharged: Callable[[list[str]], None] | None = None,
        patient_name: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(
            f"Discharge {patient_name}" if patient_name else "Discharge",
            "&Discharge",
            parent,
            ok_description="Discharge from the service",
            cancel_name="Cancel (close without discharging)",
            problem_name="Problem discharging",
        )
        self._profile = profile
        self.patient_id = patient_id
        self.referral_id = referral_id
        self._on_discharged = on_discharged
        self.cancelled: list[str] | None = None
        self.measure_form: MeasureForm | None = None
        self.feedback_form: MeasureForm | None = None
        self.discharge_button = self.ok_button
        self._build(usable(profile()))

    def _build(self, profile: OpenProfile | None) -> None:
        self.reason = self.add_row(
            "&Reason:",
            QComboBox(self),
            more="for discharge",
            name="reason",
            problem="Problem with the reason",
        )
        self.reason.addItem("Choose a reason…", None)
        for value, label in DischargeReason.choices():
            self.reason.addItem(label, value)
        self.notes = self.add_row(
            "&Notes:",
            QPlainTextEdit(self),
            more="on the discharge",
            name="notes",
            problem="Problem with the notes",
        )
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.notes_label = self.form.labelForField(self.notes)
        # A typed date (one Tab stop; Alt+Down opens a calendar); the service refuses a date
        # before the referral or in the future, beside the field.
        self.on_date = self.add_row(
            "D&ate:",
            CalendarDateField(date.today(), "Date", self),
            more="of discharge",
            name="on",
            problem="Problem with the date",
        )
        self.cancel_note = ValueLabel("Sessions the discharge cancels", self)
        self.cancel_note.setWordWrap(True)
        if profile is not None:
            self.cancel_note.setText(
                cancellation_text(booked_sessions(profile, self.patient_id, self.referral_id))
            )
        self.add_below(self.cancel_note)
        self._add_consent_note()
        self._add_measure_section(profile)
        self._add_feedback_section(profile)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self.setMinimumWidth(560)

    def _add_consent_note(self) -> None:
        """The GP summary follows a discharge; say now if sharing was never asked about."""
        self.consent_note = ValueLabel("Consent to share with the GP", self)
        self.consent_note.setWordWrap(True)
        self.consent_button = QPushButton("Record c&onsent…", self)
        self.consent_button.setAccessibleName("Record consent")
        self.consent_button.clicked.connect(self.record_consent)
        row = QHBoxLayout()
        row.addWidget(self.consent_note, 1)
        row.addWidget(self.consent_button)
        self.add_below(row)
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

    def _add_measure_section(self, profile: OpenProfile | None) -> None:
        self.measure = discharge_measure(profile) if profile is not None else None
        short = self.measure.short_name if self.measure else ""
        self.measure_button, self.measure_area = self._ask_section(
            self.measure,
            f"Record the discharge &measure ({short})…",
            "Discharge measure",
            self.show_measure,
        )

    def _add_feedback_section(self, profile: OpenProfile | None) -> None:
        self.feedback = feedback_measure(profile) if profile is not None else None
        self.feedback_button, self.feedback_area = self._ask_section(
            self.feedback,
            "Ask the &Friends and Family Test…",
            "Friends and Family Test",
            self.show_feedback,
        )

    def _ask_section(
        self, measure: Measure | None, text: str, area_name: str, show: Callable[[], None]
    ) -> tuple[QPushButton | None, QScrollArea]:
        """A button that opens a questionnaire in place, under the form, and its area."""
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setAccessibleName(area_name)
        area.hide()
        if measure is None:
            return None, area
        button = QPushButton(text, self)
        button.setAccessibleName(shown_words(text))
        button.clicked.connect(show)
        self.add_below(button)
        self.add_below(area, 1)
        return button, area

    def show_measure(self) -> None:
        """Ask the discharge measure here, saved through the profile open at save time."""
        if self.measure is not None and self.measure_form is None:
            self.measure_form = self._ask(self.measure, self.measure_area, self.measure_button, 480)

    def show_feedback(self) -> None:
        """Ask how the service was, saved with the discharge like the discharge measure."""
        if self.feedback is not None and self.feedback_form is None:
            self.feedback_form = self._ask(
                self.feedback, self.feedback_area, self.feedback_button, 320
            )

    def _ask(
        self, measure: Measure, area: QScrollArea, button: QPushButton | None, tallest: int
    ) -> MeasureForm:
        form = MeasureForm(
            measure, "discharge", self._profile, self.patient_id, referral_id=self.referral_id
        )
        area.setWidget(form)
        area.show()
        if button is not None:
            button.hide()
        hint = form.sizeHint()
        frame = 2 * area.frameWidth()
        area.setMinimumHeight(min(hint.height() + frame, tallest))
        self.resize(max(self.width(), hint.width() + frame + 40), self.sizeHint().height())
        form.setFocus()
        return form

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
        caption = "&Notes (required):" if other else "&Notes:"
        self.name_field(self.notes, caption, "on the discharge")

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
