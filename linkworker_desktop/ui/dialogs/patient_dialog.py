"""Add a patient with their first referral, or edit a patient and their referrals.

The dialog is opened with ``open()`` and may be hidden by a lock and shown again after unlock,
so it holds no connection: it saves through :class:`CaseloadActions`, which asks for the
profile open at that moment. It reports back with signals and never reaches into the caseload
view. An NHS number already in the caseload is never added twice: the dialog hands over to
the existing record (``duplicate_found``) and keeps the referral typed so far as a draft.
"""

from __future__ import annotations

import contextlib
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import DuplicatePatient
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions, CaseloadLocked
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.dialogs.referral_dialog import ReferralDialog
from linkworker_desktop.ui.dialogs.referral_list import ReferralList
from linkworker_desktop.ui.models.display import format_date
from linkworker_desktop.ui.screen_fit import resize_to_fit
from linkworker_desktop.ui.widgets.error_summary import ErrorSummary
from linkworker_desktop.ui.widgets.form_problems import FormProblems
from linkworker_desktop.ui.widgets.mnemonics import give_mnemonics
from linkworker_desktop.ui.widgets.patient_form import PatientForm
from linkworker_desktop.ui.widgets.referral_form import ReferralForm
from linkworker_desktop.ui.widgets.tab_order import focus_first

_MNEMONIC_TITLES = {
    "Identity": "&Identity",
    "Contact": "C&ontact",
    "Address and GP": "&Address and GP",
    "Needs and consent": "&Needs and consent",
    "Referral": "&Referral",
    "Referrals": "&Referrals",
}


def scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop before the first field
    area.setWidget(page)
    return area


class Notice(QFrame):
    """A plain-words note above the form, with an optional action button."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self)
        self.button.setAccessibleName("Notice action")
        self.button.hide()
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def say(self, text: str, action: str = "") -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.button.setText(action)
        self.button.setAccessibleName(action.replace("&", "").rstrip("…"))
        self.button.setVisible(bool(action))
        self.setVisible(bool(text))


class PatientDialog(DiscardGuard, QDialog):
    saved = Signal(str)  # the patient's id, once their own fields are saved
    changed = Signal(str)  # the patient's id, after any write (their fields or a referral)
    duplicate_found = Signal(str, str, object)  # existing id, what to tell the worker, draft

    def __init__(
        self,
        actions: CaseloadActions,
        patient: Patient | None = None,
        referrals: list[Referral] | None = None,
        notice: str = "",
        draft_referral: Referral | None = None,
        parent: Any = None,
    ):
        super().__init__(parent)
        self.actions = actions
        self.original = patient
        self.draft_referral = draft_referral
        self._existing: tuple[str, str] | None = None
        self.form = PatientForm()
        self.referral_form: ReferralForm | None = None
        self.referral_list: ReferralList | None = None
        layout = QVBoxLayout(self)

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.notice = Notice(self)
        self.notice.button.clicked.connect(self._notice_action)
        layout.addWidget(self.notice)
        self.summary = ErrorSummary(self)
        layout.addWidget(self.summary)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Patient record sections")
        self.tabs.tabBar().setAccessibleName("Patient record sections")
        for title, page in self.form.pages:
            self.tabs.addTab(scrolled(page), _MNEMONIC_TITLES[title])
        forms = [self.form]
        if patient is None:
            self.referral_form = ReferralForm(title="Referral")
            title, page = self.referral_form.pages[0]
            self.tabs.addTab(scrolled(page), _MNEMONIC_TITLES[title])
            forms.append(self.referral_form)
            self.form.nhs_number.editingFinished.connect(self._check_nhs_number)
        else:
            self.referral_list = ReferralList(self)
            self.referral_list.add_requested.connect(self.add_referral)
            self.referral_list.edit_requested.connect(self.edit_referral)
            self.tabs.addTab(self.referral_list, _MNEMONIC_TITLES["Referrals"])
        layout.addWidget(self.tabs, 1)
        self.problems = FormProblems(self.summary, forms, self.tabs)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save patient" if patient is None else "&Save changes")
        self.save_button.setAccessibleName(self.save_button.text().replace("&", ""))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if patient is None:
            self.setWindowTitle("Add patient - Linkworker")
            self.heading.setText(
                "<b>Add a patient</b><br>Their details and the referral that brought them. "
                "Only the NHS number, names and date of birth, and the referral's date, "
                "referrer and reasons, are needed now."
            )
        else:
            self.form.set_patient(patient)
            self._show_heading(patient)
            self.referral_list.set_referrals(referrals or [])  # type: ignore[union-attr]
            if draft_referral is not None:
                notice += " The referral you typed is kept: add it here to check and save it."
            if notice:
                self.notice.say(notice.strip(), "Add &this referral…" if draft_referral else "")
                self.tabs.setCurrentWidget(self.referral_list)
        resize_to_fit(self, 780, 660)
        give_mnemonics(self)  # every caption answers to an Alt letter of its own
        focus_first(self.tabs.currentWidget())

    @property
    def editing(self) -> bool:
        return self.original is not None

    def has_typing(self) -> bool:
        """A referral typed for a duplicate and not yet added counts as typing too."""
        return super().has_typing() or self.draft_referral is not None

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        self.problems.clear()
        date_problems = self.form.date_problems()
        patient = self.form.patient(self.original)
        try:
            if self.referral_form is not None:
                date_problems.update(self.referral_form.date_problems())
                referral = self.referral_form.referral("")
                patient_id = self.actions.add_patient(
                    patient, referral, self.form.consent_given.value()
                )
            else:
                self.actions.update_patient(patient, self.form.consent_given.value())
                patient_id = patient.id
        except ValidationError as exc:
            self.problems.show({**exc.problems, **date_problems})
            return
        except DuplicatePatient as exc:
            if self.editing:
                self.problems.show(
                    {"nhs_number": f"{exc.name} already has this NHS number in the caseload."}
                )
            else:
                self._hand_over(exc.patient_id, str(exc))
            return
        except CaseloadLocked as exc:
            self.problems.message(str(exc))
            return
        self.saved.emit(patient_id)
        self.changed.emit(patient_id)
        self.accept()

    def _check_nhs_number(self) -> None:
        """On leaving the field: show it 3-3-4 and warn at once when the patient is known."""
        text = self.form.nhs_number.text()
        if not nhs_number.is_valid(text):
            self.notice.say("")
            return
        digits = nhs_number.normalise(text)
        known = self.actions.known_patient(digits)
        if known is None:
            self.notice.say("")
            return
        self._existing = known
        self.notice.say(
            f"{known[1]} already has this NHS number in the caseload. Open their record "
            "to add this referral there, rather than making a second record.",
            "&Open their record",
        )

    def _notice_action(self) -> None:
        if self.editing:
            self.add_referral()
        elif self._existing is not None:
            self._hand_over(self._existing[0], str(DuplicatePatient(*self._existing)))

    def _hand_over(self, patient_id: str, message: str) -> None:
        draft = self.referral_form.referral("") if self.referral_form is not None else None
        self.duplicate_found.emit(patient_id, message, draft)
        self.accept()

    # --- referrals (edit mode) ------------------------------------------------------------

    def add_referral(self) -> ReferralDialog:
        return self._open_referral(None)

    def edit_referral(self, referral: Referral) -> ReferralDialog:
        return self._open_referral(referral)

    def _open_referral(self, referral: Referral | None) -> ReferralDialog:
        assert self.original is not None
        draft = self.draft_referral if referral is None else None
        dialog = ReferralDialog(
            self.actions,
            self.original.id,
            self.original.display_name,
            referral=referral,
            draft=draft,
            parent=self,
        )
        dialog.saved.connect(lambda _rid: self._referral_saved(referral is None))
        dialog.open()
        return dialog

    def _referral_saved(self, was_draft: bool) -> None:
        assert self.original is not None and self.referral_list is not None
        if was_draft and self.draft_referral is not None:
            self.draft_referral = None
            self.notice.say("")
        # Locked meanwhile: the list catches up when the record is next opened.
        with contextlib.suppress(CaseloadLocked):
            self.referral_list.set_referrals(self.actions.referrals(self.original.id))
        self.changed.emit(self.original.id)

    def _show_heading(self, patient: Patient) -> None:
        shown = nhs_number.format_nhs_number(patient.nhs_number)
        born = format_date(patient.date_of_birth)
        age = patient.age_on(date.today())
        self.setWindowTitle(f"{patient.display_name} - Linkworker")
        self.heading.setText(
            f"<b>{escape(patient.display_name)}</b><br>"
            f"NHS number {shown} · born {born} (aged {age})"
        )
