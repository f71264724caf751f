"""A referral to the social prescribing service: one episode of support."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from linkworker_desktop.domain.choices import (
    Priority,
    ReferralReason,
    ReferralSource,
    ReferralStatus,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import MONTHS

SNOMED_REFERRAL = "871731000000106"
SNOMED_DECLINED = "871711000000103"


@dataclass(slots=True)
class Referral:
    patient_id: str
    referral_date: date
    source: ReferralSource
    reasons: list[ReferralReason] = field(default_factory=list)
    referrer_name: str = ""
    referrer_organisation: str = ""
    reason_notes: str = ""
    priority: Priority = Priority.ROUTINE
    status: ReferralStatus = ReferralStatus.NEW
    id: str = ""
    owner_worker_id: str = ""
    team_id: str = ""
    created_at: str = ""
    updated_at: str = ""
    author_id: str = ""
    deleted: bool = False


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def validate_referral(
    referral: Referral,
    today: date,
    date_of_birth: date | None = None,
    discharged_on: date | None = None,
) -> Referral:
    """Check a referral before it is saved; raises ValidationError with every problem.

    Dates must agree with each other: nobody is referred before they were born, and a
    referral already closed cannot be re-dated to after its own discharge.
    """
    problems: dict[str, str] = {}
    if referral.referral_date is None:
        problems["referral_date"] = "A referral date is needed."
    elif referral.referral_date > today:
        problems["referral_date"] = "The referral date is in the future."
    elif date_of_birth is not None and referral.referral_date < date_of_birth:
        problems["referral_date"] = (
            f"The referral date is before the date of birth ({_day(date_of_birth)}); check both."
        )
    elif discharged_on is not None and referral.referral_date > discharged_on:
        problems["referral_date"] = (
            f"The referral date is after the discharge on {_day(discharged_on)}; check both."
        )
    elif (today - referral.referral_date).days > 365 * 10:
        problems["referral_date"] = "The referral date is more than ten years ago."
    if not referral.reasons:
        problems["reasons"] = "Choose at least one reason for the referral."
    if ReferralReason.OTHER in referral.reasons and not referral.reason_notes.strip():
        problems["reason_notes"] = "Say what the other reason is."
    if referral.source != ReferralSource.SELF and not referral.referrer_name.strip():
        problems["referrer_name"] = (
            "Who referred? A name or role is needed unless it is a self-referral."
        )
    if problems:
        raise ValidationError(problems)
    referral.reasons = list(dict.fromkeys(referral.reasons))
    return referral


def check_discharge_date(on: date, referral_date: date, today: date) -> None:
    """A discharge happens on or after the referral it closes, and not in the future."""
    if on > today:
        raise ValidationError({"on": "The discharge date is in the future."})
    if on < referral_date:
        raise ValidationError(
            {
                "on": f"The discharge date is before the referral date ({_day(referral_date)}); "
                "a referral is closed on or after the day it was made."
            }
        )
