"""Consent as recorded: what the patient answered, when, how and by whom, never overwritten.

A change of mind is a new record; the current consent of a kind is its latest record, so a GP
summary can say when and how the consent it honours was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ConsentToShare,
    Labelled,
    register_labels,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import MONTHS

MAX_NAME = 120
MAX_RELATIONSHIP = 120


class ConsentKind(Labelled):
    CONTACT = "contact"
    SHARE_WITH_GP = "share_with_gp"


class GivenHow(Labelled):
    """How the answer reached the worker. The last two are never chosen: "not recorded" is an
    answer saved without saying how (the command line, an older laptop's edit), and "before
    records" one carried over from before consent had records."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    WRITTEN = "written"
    VIDEO = "video"
    NOT_RECORDED = "not_recorded"
    BEFORE_RECORDS = "before_records"

    @property
    def known(self) -> bool:
        return self not in (GivenHow.NOT_RECORDED, GivenHow.BEFORE_RECORDS)

    @classmethod
    def askable(cls) -> list[GivenHow]:
        """The ways a worker may choose."""
        return [how for how in cls if how.known]


register_labels(
    {
        ConsentKind.CONTACT: "Consent to contact",
        ConsentKind.SHARE_WITH_GP: "Share with GP",
        GivenHow.IN_PERSON: "In person",
        GivenHow.PHONE: "By phone",
        GivenHow.WRITTEN: "In writing",
        GivenHow.VIDEO: "By video call",
        GivenHow.NOT_RECORDED: "how not recorded",
        GivenHow.BEFORE_RECORDS: "how not recorded (from before consent records)",
    }
)

ConsentValue = ConsentToContact | ConsentToShare


def value_of(kind: ConsentKind, stored: str) -> ConsentValue:
    if kind is ConsentKind.CONTACT:
        return ConsentToContact(stored)
    return ConsentToShare(stored)


def short_date(day: date) -> str:
    """``30 Nov 2026``, the same on every laptop whatever its language."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class GivenBy:
    """How an answer was given and who gave it: the patient, or someone named on their behalf."""

    how: GivenHow = GivenHow.IN_PERSON
    name: str = ""
    relationship: str = ""

    @property
    def by_patient(self) -> bool:
        return not self.name

    @property
    def words(self) -> str:
        """``in person, by the patient`` / ``by phone, by Jo Bloggs (Lasting power of attorney:
        daughter)``."""
        if not self.how.known:
            return self.how.label
        how = self.how.label[0].lower() + self.how.label[1:]
        if self.by_patient:
            return f"{how}, by the patient"
        return f"{how}, by {self.name} ({self.relationship})"

    def checked(self) -> GivenBy:
        """The same answer with spaces trimmed; a representative needs a name and relationship."""
        name, relationship = " ".join(self.name.split()), " ".join(self.relationship.split())
        problems: dict[str, str] = {}
        if relationship and not name:
            problems["given_by_name"] = "Give the name of the person who answered for them."
        if name and not relationship:
            problems["given_by_relationship"] = (
                f"Say how {name} may answer for them, for example "
                "“Lasting power of attorney: daughter”."
            )
        if len(name) > MAX_NAME:
            problems["given_by_name"] = f"Keep the name under {MAX_NAME} characters."
        if len(relationship) > MAX_RELATIONSHIP:
            problems["given_by_relationship"] = (
                f"Keep the relationship under {MAX_RELATIONSHIP} characters."
            )
        if not self.how.known:
            problems["given_how"] = "Choose how the answer was given."
        if problems:
            raise ValidationError(problems)
        return GivenBy(self.how, name, relationship)


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    id: str
    patient_id: str
    kind: ConsentKind
    value: ConsentValue
    given: GivenBy
    recorded_at: datetime
    recorded_by: str  # the worker's name; empty when not known

    def answer(self, day: date | None = None) -> str:
        """``Codes only — in person, by the patient, 30 Nov 2026, recorded by Asha Khan``.

        ``day`` is the local day it was recorded (the stored time is UTC)."""
        when = short_date(day or self.recorded_at.date())
        text = f"{self.value.label} — {self.given.words}, {when}"
        if self.recorded_by:
            text += f", recorded by {self.recorded_by}"
        return text

    def line(self, day: date | None = None) -> str:
        """``Share with GP: codes only — in person, …``: the answer with what it answers."""
        answer = self.answer(day)
        return f"{self.kind.label}: {answer[0].lower()}{answer[1:]}"
