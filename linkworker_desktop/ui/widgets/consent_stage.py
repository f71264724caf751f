"""The two consent questions, asked in the first session's "Welcome and consent" stage.

Each answer is saved to the patient's record as soon as it is clicked, through the same
service as editing the record, so an answer given in the room is never left only on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare, Labelled
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.caseload import CaseloadService, PatientNotFound
from linkworker_desktop.services.errors import DatabaseError
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.choice_widgets import EnumRadios
from linkworker_desktop.ui.widgets.value_label import StatusLabel

CONTACT_TITLE = "May the service contact them?"
SHARE_TITLE = "What may we share with their GP practice?"


class ConsentStage(QWidget):
    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        patient_id: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self.contact = EnumRadios(CONTACT_TITLE, ConsentToContact, self)
        self.share = EnumRadios(SHARE_TITLE, ConsentToShare, self)
        self.status = StatusLabel("Consent", self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.contact)
        layout.addWidget(self.share)
        layout.addWidget(self.status)
        self.contact.chosen.connect(lambda value: self._record("consent_to_contact", value))
        self.share.chosen.connect(lambda value: self._record("consent_to_share", value))
        self._load()

    def _load(self) -> None:
        opened = self._profile()
        if opened is None:
            return
        patient = CaseloadService(opened).patient(self.patient_id)
        self.contact.set_value(patient.consent_to_contact)
        self.share.set_value(patient.consent_to_share)
        self._say(patient.consent_to_contact, patient.consent_to_share, quietly=True)

    def _record(self, field: str, value: Labelled) -> None:
        opened = self._profile()
        if opened is None:
            self.status.setText("Not saved: the caseload is locked. Unlock it and choose again.")
            return
        service = CaseloadService(opened)
        try:
            patient = service.patient(self.patient_id)
            if getattr(patient, field) == value:
                return  # chosen again: already on the record, nothing to write or say
            setattr(patient, field, value)
            service.update_patient(patient)
        except ValidationError as exc:
            problems = " ".join(exc.problems.values())
            self.status.setText(f"Not saved: the record needs fixing first. {problems}")
            return
        except (PatientNotFound, DatabaseError) as exc:
            self.status.setText(f"Not saved: {exc}")
            return
        self._say(patient.consent_to_contact, patient.consent_to_share)

    def _say(self, contact: ConsentToContact, share: ConsentToShare, quietly: bool = False) -> None:
        """In words, not colour: what the record holds now (said when it has just changed)."""
        text = (
            f"On the record: consent to contact: {contact.label.lower()}; "
            f"share with the GP: {share.label.lower()}."
        )
        if quietly:
            self.status.set_quietly(text)
        else:
            self.status.setText(text)
