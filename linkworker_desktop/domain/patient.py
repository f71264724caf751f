"""The patient record and its rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ConsentToShare,
    ContactMethod,
    Ethnicity,
    Gender,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.names import shown_name
from linkworker_desktop.domain.postcode import normalise_postcode, postcode_problem

MAX_AGE_YEARS = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{7,20}$")


@dataclass(slots=True)
class Patient:
    nhs_number: str
    given_name: str
    family_name: str
    date_of_birth: date
    preferred_name: str = ""
    gender: Gender = Gender.NOT_STATED
    ethnicity: Ethnicity = Ethnicity.Z
    pronouns: str = ""
    phone: str = ""
    mobile: str = ""
    email: str = ""
    preferred_contact: ContactMethod = ContactMethod.PHONE
    contact_notes: str = ""
    address_line1: str = ""
    address_line2: str = ""
    town: str = ""
    postcode: str = ""
    gp_practice_code: str = ""
    gp_practice_name: str = ""
    communication_needs: str = ""
    accessibility_needs: str = ""
    interpreter_language: str = ""
    # Both start unasked: a consent is what the patient said, never a default someone guessed.
    consent_to_contact: ConsentToContact = ConsentToContact.NOT_ASKED
    consent_to_share: ConsentToShare = ConsentToShare.NOT_ASKED
    id: str = ""
    owner_worker_id: str = ""
    team_id: str = ""
    created_at: str = ""
    updated_at: str = ""
    author_id: str = ""
    deleted: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return shown_name(self.given_name, self.family_name, self.preferred_name)

    def age_on(self, day: date) -> int:
        had_birthday = (day.month, day.day) >= (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - (0 if had_birthday else 1)


def check_date_of_birth(dob: date | None, today: date) -> str | None:
    """The reason a date of birth cannot be right, or None."""
    if dob is None:
        return "A date of birth is needed."
    if dob > today:
        return "The date of birth is in the future."
    try:
        oldest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if dob < oldest:
        return f"The date of birth is more than {MAX_AGE_YEARS} years ago."
    return None


def validate_patient(patient: Patient, today: date) -> Patient:
    """Check a patient before it is saved; return it cleaned (NHS number digits, postcode spaced).

    Raises ValidationError naming every field that is wrong, so a form can mark them all at once.
    """
    problems: dict[str, str] = {}
    try:
        patient.nhs_number = nhs_number.validate(patient.nhs_number)
    except nhs_number.InvalidNhsNumber as exc:
        problems["nhs_number"] = str(exc)
    patient.given_name = patient.given_name.strip()
    patient.family_name = patient.family_name.strip()
    # A person with one name leaves the other part blank, as NHS systems allow.
    if not patient.given_name and not patient.family_name:
        needed = "A name is needed: a given name, a family name or both."
        problems["given_name"] = problems["family_name"] = needed
    reason = check_date_of_birth(patient.date_of_birth, today)
    if reason:
        problems["date_of_birth"] = reason
    if patient.postcode.strip():
        patient.postcode = normalise_postcode(patient.postcode)
        reason = postcode_problem(patient.postcode)
        if reason:
            problems["postcode"] = reason
    if patient.email.strip() and not _EMAIL.match(patient.email.strip()):
        problems["email"] = "This does not look like an email address."
    for name in ("phone", "mobile"):
        value = getattr(patient, name).strip()
        if value and not _PHONE.match(value):
            problems[name] = "A phone number has digits, spaces and perhaps a leading +."
    if patient.preferred_contact == ContactMethod.EMAIL and not patient.email.strip():
        problems["email"] = "Email is the preferred contact, so an email address is needed."
    if patient.preferred_contact == ContactMethod.TEXT and not patient.mobile.strip():
        problems["mobile"] = "Text is the preferred contact, so a mobile number is needed."
    if problems:
        raise ValidationError(problems)
    return patient
