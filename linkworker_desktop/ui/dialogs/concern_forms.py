"""The three safeguarding forms: raise a concern, record a hand-over, close with an outcome.

Each is written once and never edited (the service refuses, the database too), so each form
says so before it is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.safeguarding import PERSON_AT_RISK
from linkworker_desktop.services.safeguarding import SafeguardingService
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.form_dialog import FormDialog
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT
from linkworker_desktop.ui.widgets.when_fields import (
    CalendarDateField,
    ClockTimeField,
    typed_problems,
    typed_start,
)

WRITTEN_ONCE = "Once saved it cannot be changed: add a hand-over or close it with an outcome."


def _text_box(parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 5)
    return box


class _ConcernForm(FormDialog):
    def __init__(
        self,
        profile: ProfileGetter,
        title: str,
        ok_text: str,
        on_saved: Callable[[str], None],
        parent: QWidget | None,
    ):
        super().__init__(title, ok_text, parent, problem_name="Problem saving")
        self._profile = profile
        self._on_saved = on_saved
        self.saved_id = ""

    def _service(self) -> SafeguardingService | None:
        profile = usable(self._profile())
        if profile is None:
            self.show_problems({"profile": LOCKED_TEXT})
            return None
        return SafeguardingService(profile)

    def _done(self, saved_id: str) -> str:
        self.saved_id = saved_id
        self._on_saved(saved_id)
        self.accept()
        return saved_id


class RaiseConcernDialog(_ConcernForm):
    def __init__(
        self,
        profile: ProfileGetter,
        patient_id: str,
        patient_name: str,
        on_saved: Callable[[str], None],
        parent: QWidget | None = None,
    ):
        super().__init__(
            profile, f"Raise a safeguarding concern: {patient_name}", "&Raise concern", on_saved,
            parent,
        )  # fmt: skip
        self.patient_id = patient_id
        self.setMinimumWidth(640)
        self.person = self.add_row("&Who is at risk:", QComboBox(self), name="person_at_risk")
        for value, label in PERSON_AT_RISK.items():
            self.person.addItem(label, value)
        self.details = self.add_row(
            "&About them:", QLineEdit(self), hint="A name, or how they are known (not needed "
            "when it is the patient).", name="at_risk_details",
        )  # fmt: skip
        self.category = self.add_row("&Kind of harm:", QComboBox(self), name="category")
        profile_now = usable(profile())
        if profile_now is not None:
            for choice in SafeguardingService(profile_now).categories.values():
                self.category.addItem(choice.full_label, choice.id)
        self.seen = self.add_row(
            "What was &seen or said:", _text_box(self),
            hint="In the person's own words, as far as you can.", name="what_was_seen",
        )  # fmt: skip
        self.action = self.add_row(
            "What was done at &once:", _text_box(self), name="immediate_action"
        )
        self.form.addRow("", self._note())

    def _note(self) -> QWidget:
        note = QLabel(WRITTEN_ONCE, self)
        note.setWordWrap(True)
        return note

    def save(self) -> str | None:
        service = self._service()
        if service is None:
            return None
        try:
            concern_id = service.raise_concern(
                self.patient_id,
                person_at_risk=self.person.currentData(),
                at_risk_details=self.details.text(),
                category=self.category.currentData() or "",
                what_was_seen=self.seen.toPlainText(),
                immediate_action=self.action.toPlainText(),
            )
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return None
        return self._done(concern_id)


class HandoverDialog(_ConcernForm):
    def __init__(
        self,
        profile: ProfileGetter,
        concern_id: str,
        on_saved: Callable[[str], None],
        now: datetime | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(profile, "Record a hand-over", "Record &hand-over", on_saved, parent)
        self.concern_id = concern_id
        moment = now or datetime.now()
        self.passed_to = self.add_row("&Passed to:", QComboBox(self), name="passed_to")
        profile_now = usable(profile())
        if profile_now is not None:
            for choice in SafeguardingService(profile_now).passed_to.values():
                self.passed_to.addItem(choice.label, choice.id)
        self.day = self.add_row(
            "&Date:", CalendarDateField(moment.date(), "Date", self), more="it was passed on",
            name="passed_at",
        )  # fmt: skip
        self.time = self.add_row(
            "&Time:", ClockTimeField(moment.time().replace(second=0, microsecond=0), "Time", self)
        )
        self.contact = self.add_row(
            "&Contact:", QLineEdit(self), hint="Who took it, and any reference they gave."
        )
        self.notes = self.add_row("&Notes:", QLineEdit(self))

    def save(self) -> str | None:
        service = self._service()
        if service is None:
            return None
        when = typed_start(self.day, self.time)
        if when is None:
            self.show_problems({"passed_at": typed_problems(self.day, self.time)})
            return None
        try:
            handover_id = service.record_handover(
                self.concern_id,
                passed_to=self.passed_to.currentData() or "",
                passed_at=when.astimezone(),
                contact=self.contact.text(),
                notes=self.notes.text(),
            )
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return None
        return self._done(handover_id)


class CloseConcernDialog(_ConcernForm):
    def __init__(
        self,
        profile: ProfileGetter,
        concern_id: str,
        on_saved: Callable[[str], None],
        parent: QWidget | None = None,
    ):
        super().__init__(
            profile, "Close a safeguarding concern", "&Close concern", on_saved, parent
        )
        self.concern_id = concern_id
        self.outcome = self.add_row(
            "&Outcome:", _text_box(self), hint="What was decided or done, and by whom.",
            name="outcome",
        )  # fmt: skip

    def save(self) -> str | None:
        service = self._service()
        if service is None:
            return None
        try:
            service.close(self.concern_id, self.outcome.toPlainText())
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return None
        return self._done(self.concern_id)
