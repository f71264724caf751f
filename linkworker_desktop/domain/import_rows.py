"""The caseload spreadsheets' columns, and each row read into the app's own records or refused.

Reading is strict and says why: a row that cannot be read exactly as the app would have taken
it from a form is refused with the reason, never guessed at. Values may be the app's codes or
the words people see ("gp" or "GP"); dates are ISO or dd/mm/yyyy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import TypeVar

from linkworker_desktop.domain.appointments import (
    AppointmentMode,
    AppointmentStatus,
    DischargeReason,
)
from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ConsentToShare,
    Ethnicity,
    Gender,
    ReferralReason,
    ReferralSource,
    ReferralStatus,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.nhs_number import InvalidNhsNumber, validate
from linkworker_desktop.domain.patient import Patient, validate_patient
from linkworker_desktop.domain.referral import Referral, check_discharge_date, validate_referral
from linkworker_desktop.domain.typed_dates import NotADate, NotATime, parse_uk_date, parse_uk_time

REFERRALS, CONTACTS, MEASURES = "referrals", "contacts", "measures"
TABLES = (REFERRALS, CONTACTS, MEASURES)

# The template's columns, in its order. ``reason_notes`` is optional and says what an "other"
# reason is (the app asks the same on its form).
COLUMNS: dict[str, tuple[str, ...]] = {
    REFERRALS: (
        "nhs_number",
        "given_name",
        "family_name",
        "date_of_birth",
        "gender",
        "ethnicity",
        "postcode",
        "gp_practice_code",
        "referral_date",
        "referral_source",
        "referrer",
        "reasons",
        "status",
        "discharge_date",
        "discharge_reason",
        "consent_contact",
        "consent_share_gp",
        "reason_notes",
    ),
    CONTACTS: ("nhs_number", "date", "time", "minutes", "mode", "outcome"),
    MEASURES: ("nhs_number", "date", "measure", "answers"),
}
# Without these a file cannot be read at all, so the whole file is refused before any row.
REQUIRED: dict[str, tuple[str, ...]] = {
    REFERRALS: ("nhs_number", "date_of_birth", "referral_date", "referral_source", "reasons"),
    CONTACTS: ("nhs_number", "date", "time", "mode", "outcome"),
    MEASURES: ("nhs_number", "date", "measure", "answers"),
}
SKIPPED_ANSWER = "-"
_CONTACT_OUTCOMES = (
    AppointmentStatus.ATTENDED,
    AppointmentStatus.DID_NOT_ATTEND,
    AppointmentStatus.CANCELLED,
)
_YES_NO = {"yes": ConsentToContact.YES, "y": ConsentToContact.YES, "no": ConsentToContact.NO}
_HEADER_GAPS = re.compile(r"[\s\-]+")

E = TypeVar("E", bound=StrEnum)


class RowProblem(ValueError):
    """A row that cannot go in; the message is the reason, in a sentence."""


def header_key(text: str) -> str:
    """How a header is matched: case, outer spaces and inner spaces or hyphens do not count."""
    return _HEADER_GAPS.sub("_", str(text).strip().casefold())


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def choice(kind: type[E], text: str, what: str) -> E:
    """A coded value from its code or its label, in any case ("gp", "GP", "Self-referral")."""
    wanted = _fold(text)
    for member in kind:
        label = getattr(member, "label", member.value)
        if wanted in (_fold(member.value), _fold(label)):
            return member
    codes = ", ".join(member.value for member in kind)
    raise RowProblem(f"{text.strip()!r} is not a {what}: use one of {codes}.")


def _date(text: str, what: str) -> date:
    try:
        return parse_uk_date(text)
    except NotADate as exc:
        raise RowProblem(f"The {what} {exc}") from exc


def _problems(exc: ValidationError) -> str:
    return " ".join(exc.problems.values())


@dataclass(slots=True)
class ReferralRow:
    patient: Patient
    referral: Referral
    discharge_reason: DischargeReason | None = None
    discharged_on: date | None = None


@dataclass(frozen=True, slots=True)
class ContactRow:
    nhs_number: str
    day: date
    at: time
    minutes: int | None
    mode: AppointmentMode
    outcome: AppointmentStatus


@dataclass(frozen=True, slots=True)
class MeasureRow:
    nhs_number: str
    day: date
    measure_id: str
    answers: tuple[str, ...]


def nhs(text: str) -> str:
    try:
        return validate(text)
    except InvalidNhsNumber as exc:
        raise RowProblem(str(exc)) from exc


def read_referral(row: dict[str, str], today: date) -> ReferralRow:
    """One referrals row as a patient and a referral, checked as the app's forms check them."""
    number = nhs(row.get("nhs_number", ""))
    if not row.get("date_of_birth", "").strip():
        raise RowProblem("A date of birth is needed.")
    born = _date(row["date_of_birth"], "date of birth")
    if not row.get("referral_date", "").strip():
        raise RowProblem("A referral date is needed.")
    referred = _date(row["referral_date"], "referral date")
    patient = Patient(
        nhs_number=number,
        given_name=row.get("given_name", ""),
        family_name=row.get("family_name", ""),
        date_of_birth=born,
        gender=_optional(Gender, row.get("gender", ""), "gender", Gender.NOT_STATED),
        ethnicity=_optional(
            Ethnicity, row.get("ethnicity", ""), "NHS ethnic category", Ethnicity.Z
        ),
        postcode=row.get("postcode", "").strip(),
        gp_practice_code=row.get("gp_practice_code", "").strip().upper(),
        consent_to_contact=_consent_contact(row.get("consent_contact", "")),
        consent_to_share=_optional(
            ConsentToShare,
            row.get("consent_share_gp", ""),
            "consent to share with the GP",
            ConsentToShare.NOT_ASKED,
        ),
    )
    reasons = [
        choice(ReferralReason, part, "referral reason")
        for part in row.get("reasons", "").split(";")
        if part.strip()
    ]
    referral = Referral(
        patient_id="",
        referral_date=referred,
        source=choice(ReferralSource, row.get("referral_source", ""), "referral source"),
        reasons=reasons,
        referrer_name=row.get("referrer", "").strip(),
        reason_notes=row.get("reason_notes", "").strip(),
    )
    found = ReferralRow(patient, referral)
    _read_status(found, row, today)
    try:
        validate_patient(patient, today)
        validate_referral(referral, today, born, found.discharged_on)
    except ValidationError as exc:
        raise RowProblem(_problems(exc)) from exc
    return found


def _optional(kind: type[E], text: str, what: str, blank: E) -> E:
    return choice(kind, text, what) if text.strip() else blank


def _consent_contact(text: str) -> ConsentToContact:
    if not text.strip():
        return ConsentToContact.NOT_ASKED
    try:
        return _YES_NO[text.strip().casefold()]
    except KeyError:
        raise RowProblem(f"Consent to contact is yes, no or blank, not {text.strip()!r}.") from None


def _read_status(found: ReferralRow, row: dict[str, str], today: date) -> None:
    """Status and discharge agree: a discharged referral has a date and reason, others none."""
    on_text = row.get("discharge_date", "").strip()
    reason_text = row.get("discharge_reason", "").strip()
    default = ReferralStatus.DISCHARGED if on_text else ReferralStatus.NEW
    status = _optional(ReferralStatus, row.get("status", ""), "referral status", default)
    found.referral.status = status
    if status is ReferralStatus.DISCHARGED:
        if not on_text or not reason_text:
            raise RowProblem("A discharged referral needs its discharge_date and discharge_reason.")
    elif on_text or reason_text:
        raise RowProblem(
            f"The referral's status is {status.label.lower()}, so it has no discharge date or "
            "reason: make the status discharged or leave both blank."
        )
    if on_text:
        found.discharged_on = _date(on_text, "discharge date")
        found.discharge_reason = choice(DischargeReason, reason_text, "discharge reason")
        try:
            check_discharge_date(found.discharged_on, found.referral.referral_date, today)
        except ValidationError as exc:
            raise RowProblem(_problems(exc)) from exc


def read_contact(row: dict[str, str], today: date) -> ContactRow:
    """One contacts row: a past session with its mode and what happened."""
    number = nhs(row.get("nhs_number", ""))
    day = _date(row.get("date", ""), "date")
    if day > today:
        raise RowProblem(
            "The contact is in the future: only past contacts are imported; book it in the app."
        )
    try:
        at = parse_uk_time(row.get("time", ""))
    except NotATime as exc:
        raise RowProblem(f"The time: {exc}") from exc
    minutes_text = row.get("minutes", "").strip()
    minutes = None
    if minutes_text:
        if not minutes_text.isdigit() or not 5 <= int(minutes_text) <= 180:
            raise RowProblem(f"Minutes are a whole number from 5 to 180, not {minutes_text!r}.")
        minutes = int(minutes_text)
    if not row.get("mode", "").strip():
        modes = ", ".join(mode.value for mode in AppointmentMode)
        raise RowProblem(f"A mode is needed: use one of {modes}.")
    mode = choice(AppointmentMode, row["mode"], "mode")
    outcome = choice(AppointmentStatus, row.get("outcome", ""), "contact outcome")
    if outcome not in _CONTACT_OUTCOMES:
        raise RowProblem("A contact's outcome is attended, did_not_attend or cancelled.")
    return ContactRow(number, day, at, minutes, mode, outcome)


def read_measure(row: dict[str, str], today: date) -> MeasureRow:
    """One measures row; the answers are checked against the measure by the caller."""
    number = nhs(row.get("nhs_number", ""))
    day = _date(row.get("date", ""), "date")
    if day > today:
        raise RowProblem("The measure's date is in the future.")
    measure_id = row.get("measure", "").strip().casefold()
    if not measure_id:
        raise RowProblem("The measure is needed, such as ons4, ucla3 or swemwbs.")
    return MeasureRow(number, day, measure_id, tuple(row.get("answers", "").split()))
