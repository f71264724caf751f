"""Add a referral to a patient, or change one (its status included).

Opened with ``open()``; it saves through the caseload actions it is given and reports back with
``saved(referral_id)``. A failed save leaves the dialog open with the typed text untouched.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions, CaseloadLocked
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.screen_fit import resize_to_fit
from linkworker_desktop.ui.widgets.error_summary import ErrorSummary
from linkworker_desktop.ui.widgets.form_problems import FormProblems
from linkworker_desktop.ui.widgets.mnemonics import give_mnemonics
from linkworker_desktop.ui.widgets.referral_form import ReferralForm


class ReferralDialog(DiscardGuard, QDialog):
    saved = Signal(str)

    def __init__(
        self,
        actions: CaseloadActions,
        patient_id: str,
        patient_name: str,
        referral: Referral | None = None,
        draft: Referral | None = None,
        parent: Any = None,
    ):
        super().__init__(parent)
        self.actions = actions
        self.patient_id = patient_id
        self.original = referral
        editing = referral is not None
        self.setWindowTitle(
            f"{'Edit' if editing else 'Add'} referral for {patient_name} - Linkworker"
        )
        self.form = ReferralForm(with_status=editing)
        if referral is not None:
            self.form.set_referral(referral)
        elif draft is not None:
            self.form.set_referral(draft)

        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<b>{'Edit the' if editing else 'A new'} referral for {escape(patient_name)}</b>"
        )
        layout.addWidget(heading)
        self.summary = ErrorSummary(self)
        layout.addWidget(self.summary)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.form.pages[0][1])
        layout.addWidget(scroll, 1)
        self.problems = FormProblems(self.summary, [self.form])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("&Save referral")
        save.setAccessibleName("Save referral")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        resize_to_fit(self, 660, 660)
        give_mnemonics(self)  # every caption answers to an Alt letter of its own

    def save(self) -> None:
        self.problems.clear()
        date_problems = self.form.date_problems()
        referral = self.form.referral(self.patient_id, self.original)
        try:
            if self.original is None:
                referral_id = self.actions.add_referral(referral)
            else:
                self.actions.update_referral(referral)
                referral_id = referral.id
        except ValidationError as exc:
            self.problems.show({**exc.problems, **date_problems})
            return
        except CaseloadLocked as exc:
            self.problems.message(str(exc))
            return
        self.saved.emit(referral_id)
        self.accept()
