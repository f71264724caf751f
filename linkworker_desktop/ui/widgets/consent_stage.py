"""The two consent questions, asked in the first session's "Welcome and consent" stage.

Each answer is saved to the patient's record as soon as it is clicked, as a consent record with
how and by whom it was given, so an answer given in the room is never left only on screen. In a
session it is given by the patient, the way the session happens (in person unless by phone or
video); the consent dialog asks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare, Labelled
from linkworker_desktop.domain.consent import ConsentKind, ConsentValue, GivenBy
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.consent import ConsentService
from linkworker_desktop.services.errors import DatabaseError
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.choice_widgets import EnumRadios
from linkworker_desktop.ui.widgets.consent_given import ConsentGivenFields
from linkworker_desktop.ui.widgets.value_label import StatusLabel

CONTACT_TITLE = "May the service contact them?"
SHARE_TITLE = "What may we share with their GP practice?"


class ConsentStage(QWidget):
    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        patient_id: str,
        parent: QWidget | None = None,
        given: GivenBy | None = None,
    ):
        """``given``: how every answer here is given (a session's); None asks for each."""
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self._given = given
        self.given_fields = ConsentGivenFields(self) if given is None else None
        self.given_note = (
            QLabel(f"Answers are recorded as given {given.words}.", self) if given else None
        )
        self.contact = EnumRadios(CONTACT_TITLE, ConsentToContact, self)
        self.share = EnumRadios(SHARE_TITLE, ConsentToShare, self)
        self.status = StatusLabel("Consent", self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.given_fields is not None:
            layout.addWidget(self.given_fields)
        layout.addWidget(self.contact)
        layout.addWidget(self.share)
        if self.given_note is not None:
            self.given_note.setWordWrap(True)
            layout.addWidget(self.given_note)
        layout.addWidget(self.status)
        self.contact.chosen.connect(lambda value: self._record(ConsentKind.CONTACT, value))
        self.share.chosen.connect(lambda value: self._record(ConsentKind.SHARE_WITH_GP, value))
        self._load()

    def _load(self) -> None:
        opened = self._profile()
        if opened is None:
            return
        contact, share = self._current(ConsentService(opened))
        self.contact.set_value(contact)
        self.share.set_value(share)
        self._say(contact, share, quietly=True)

    def _current(self, service: ConsentService) -> tuple[ConsentToContact, ConsentToShare]:
        """The latest answer of each kind, from the consent records."""
        current = service.current(self.patient_id)
        contact = current.get(ConsentKind.CONTACT)
        share = current.get(ConsentKind.SHARE_WITH_GP)
        return (
            ConsentToContact(contact.value) if contact else ConsentToContact.NOT_ASKED,
            ConsentToShare(share.value) if share else ConsentToShare.NOT_ASKED,
        )

    def _record(self, kind: ConsentKind, value: Labelled) -> None:
        opened = self._profile()
        if opened is None:
            self.status.setText("Not saved: the caseload is locked. Unlock it and choose again.")
            return
        service = ConsentService(opened)
        given = self._given or (self.given_fields.value() if self.given_fields else GivenBy())
        answer: ConsentValue = (
            ConsentToContact(value) if kind is ConsentKind.CONTACT else ConsentToShare(value)
        )
        try:
            if not service.record(self.patient_id, {kind: answer}, given):
                return  # chosen again: already on the record, nothing to write or say
        except ValidationError as exc:
            problems = " ".join(exc.problems.values())
            self.status.setText(f"Not saved: {problems} Then choose the answer again.")
            return
        except DatabaseError as exc:
            self.status.setText(f"Not saved: {exc}")
            return
        self._say(*self._current(service))

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
