"""Coded choices from the PRSB Social Prescribing Information Standard, with the words people see.

Stored values are short, stable codes; labels are for screens and print and may change freely.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A coded value with a human label, kept beside the enum so no screen invents its own."""

    @property
    def label(self) -> str:
        # Keyed by class as well as value: two enums may share a value ("did_not_engage").
        return _LABELS.get((type(self), self.value), self.value.replace("_", " ").capitalize())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Gender(Labelled):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    OTHER = "other"
    NOT_STATED = "not_stated"


class Ethnicity(Labelled):
    """NHS Data Dictionary ethnic category codes."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H = "H"
    J = "J"
    K = "K"
    L = "L"
    M = "M"
    N = "N"
    P = "P"
    R = "R"
    S = "S"
    Z = "Z"


class ContactMethod(Labelled):
    PHONE = "phone"
    TEXT = "text"
    EMAIL = "email"
    LETTER = "letter"


class ConsentToContact(Labelled):
    """Whether the patient agreed the service may contact them; nobody is assumed to have."""

    NOT_ASKED = "not_asked"
    YES = "yes"
    NO = "no"

    @property
    def permits(self) -> bool:
        return self is ConsentToContact.YES

    @property
    def caution(self) -> str:
        """What to say beside a contact action; empty when contact is agreed."""
        if self is ConsentToContact.NOT_ASKED:
            return "consent to contact not asked yet: ask them first"
        if self is ConsentToContact.NO:
            return "has not agreed to be contacted"
        return ""


class ConsentToShare(Labelled):
    """What the patient agreed the GP practice may receive; "not asked yet" shares nothing."""

    NOT_ASKED = "not_asked"
    FULL_NOTES = "full_notes"
    CODES_ONLY = "codes_only"
    NOTHING = "nothing"

    @property
    def is_asked(self) -> bool:
        return self is not ConsentToShare.NOT_ASKED


class ReferralSource(Labelled):
    GP = "gp"
    NURSE = "nurse"
    OTHER_PRACTICE_STAFF = "other_practice_staff"
    HOSPITAL = "hospital"
    SOCIAL_CARE = "social_care"
    VOLUNTARY_SECTOR = "voluntary_sector"
    SELF = "self"


class ReferralReason(Labelled):
    LONELINESS = "loneliness"
    LOW_MOOD = "low_mood"
    ANXIETY = "anxiety"
    DEBT_AND_MONEY = "debt_and_money"
    HOUSING = "housing"
    BENEFITS = "benefits"
    EMPLOYMENT = "employment"
    BEREAVEMENT = "bereavement"
    CARER_SUPPORT = "carer_support"
    PHYSICAL_ACTIVITY = "physical_activity"
    WEIGHT = "weight"
    LONG_TERM_CONDITION = "long_term_condition"
    SUBSTANCE_USE = "substance_use"
    OTHER = "other"


class Priority(Labelled):
    ROUTINE = "routine"
    URGENT = "urgent"


class ReferralStatus(Labelled):
    NEW = "new"
    CONTACTED = "contacted"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    DISCHARGED = "discharged"
    DECLINED = "declined"
    DID_NOT_ENGAGE = "did_not_engage"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset(
    {ReferralStatus.NEW, ReferralStatus.CONTACTED, ReferralStatus.ACTIVE, ReferralStatus.ON_HOLD}
)

_LABELS: dict[tuple[type, str], str] = {}
_BUILT_IN: dict[StrEnum, str] = {
    Gender.NON_BINARY: "Non-binary",
    Gender.NOT_STATED: "Prefers not to say",
    Ethnicity.A: "White: British",
    Ethnicity.B: "White: Irish",
    Ethnicity.C: "White: any other White background",
    Ethnicity.D: "Mixed: White and Black Caribbean",
    Ethnicity.E: "Mixed: White and Black African",
    Ethnicity.F: "Mixed: White and Asian",
    Ethnicity.G: "Mixed: any other mixed background",
    Ethnicity.H: "Asian or Asian British: Indian",
    Ethnicity.J: "Asian or Asian British: Pakistani",
    Ethnicity.K: "Asian or Asian British: Bangladeshi",
    Ethnicity.L: "Asian or Asian British: any other Asian background",
    Ethnicity.M: "Black or Black British: Caribbean",
    Ethnicity.N: "Black or Black British: African",
    Ethnicity.P: "Black or Black British: any other Black background",
    Ethnicity.R: "Other ethnic groups: Chinese",
    Ethnicity.S: "Other ethnic groups: any other ethnic group",
    Ethnicity.Z: "Not stated",
    ContactMethod.TEXT: "Text message",
    ConsentToShare.NOT_ASKED: "Not asked yet",
    ConsentToShare.FULL_NOTES: "Full notes",
    ConsentToShare.CODES_ONLY: "Codes only",
    ConsentToShare.NOTHING: "Nothing",
    ReferralSource.GP: "GP",
    ReferralSource.OTHER_PRACTICE_STAFF: "Other practice staff",
    ReferralSource.SOCIAL_CARE: "Social care",
    ReferralSource.VOLUNTARY_SECTOR: "Voluntary sector",
    ReferralSource.SELF: "Self-referral",
    ReferralReason.LONELINESS: "Loneliness and isolation",
    ReferralReason.DEBT_AND_MONEY: "Debt and money",
    ReferralReason.CARER_SUPPORT: "Carer support",
    ReferralReason.LONG_TERM_CONDITION: "Long-term condition self-management",
    ReferralStatus.ON_HOLD: "On hold",
    ReferralStatus.DID_NOT_ENGAGE: "Did not engage",
}


def register_labels(labels: dict[StrEnum, str]) -> None:
    """Let enums defined in other domain modules keep their labels beside them too."""
    _LABELS.update({(type(member), member.value): text for member, text in labels.items()})


register_labels(_BUILT_IN)
# Apart: a dict literal would merge keys that share a value ("not_asked") across enums.
register_labels({ConsentToContact.NOT_ASKED: "Not asked yet"})
