"""The words a person reads for each section, figure and breakdown category of a report.

The figures are keyed by stable codes (``referrals.by_source``, ``gp``); exports and the screen
show these words, taking a category's label from the domain's own choices so no export invents
its own.
"""

from __future__ import annotations

from enum import StrEnum

from linkworker_desktop.domain.appointments import AppointmentMode, DischargeReason
from linkworker_desktop.domain.choices import Ethnicity, Gender, ReferralReason, ReferralSource
from linkworker_desktop.domain.directory import ConnectionKind

SECTIONS: dict[str, str] = {
    "referrals": "Referrals",
    "first_contact": "First contact",
    "contacts": "Contacts",
    "discharges": "Discharges",
    "outcomes": "Wellbeing outcomes",
    "goals": "Goals",
    "connections": "Connections to services",
    "equity": "Who was referred",
    "satisfaction": "Satisfaction (Friends and Family Test)",
    "gp_use": "GP appointments",
    "coding": "SNOMED CT coding",
}

FIGURES: dict[str, str] = {
    "referrals.received": "Referrals received",
    "referrals.by_source": "Referrals by source",
    "referrals.by_reason": "Referrals by reason",
    "referrals.by_practice": "Referrals by GP practice",
    "referrals.declined": "Referrals declined",
    "referrals.did_not_engage": "Referrals that did not engage",
    "first_contact.seen": "Seen (first attended contact)",
    "first_contact.median_days": "Median days from referral to first contact",
    "first_contact.within_target_pct": "Seen within the target (%)",
    "first_contact.target_days": "First-contact target (days)",
    "first_contact.not_yet_seen": "Not yet seen",
    "contacts.attended": "Contacts attended",
    "contacts.did_not_attend": "Contacts not attended (DNA)",
    "contacts.cancelled": "Contacts cancelled",
    "contacts.by_mode": "Contacts by mode",
    "contacts.dna_rate_pct": "Did-not-attend rate (%)",
    "discharges.total": "Discharges",
    "discharges.by_reason": "Discharges by reason",
    "discharges.mean_contacts": "Mean attended contacts per discharge",
    "goals.referrals": "Discharged referrals with a goal",
    "goals.mean_change": "Mean change in goal rating (0 to 10)",
    "connections.total": "Connections made",
    "connections.by_kind": "Connections by kind",
    "connections.by_category": "Connections by category",
    "connections.with_outcome_pct": "Connections with an outcome (%)",
    "connections.attended_pct": "Connections that ended attended (%)",
    "connections.turned_away": "Services that turned people away",
    "equity.age_band": "Referrals by age band",
    "equity.gender": "Referrals by gender",
    "equity.ethnicity": "Referrals by ethnic category",
    "equity.imd_decile": "Referrals by deprivation decile (IMD)",
    "satisfaction.responses": "Responses",
    "satisfaction.good_pct": "Good or very good (%)",
    "satisfaction.by_answer": "Responses by answer",
    "gp_use.pairs": "People with GP appointments before and after",
    "gp_use.mean_change": "Mean change in GP appointments (after minus before)",
    "coding.accepted": "Accepted referrals to code (SNOMED CT 871731000000106)",
    "coding.declined": "Declined referrals to code (SNOMED CT 871711000000103)",
    "coding.confirmed_coded": "Confirmed coded at the practice",
    "coding.to_code_count": "Still to code",
}

ANSWERS = {"dont_know": "Don't know", "neither": "Neither good nor poor"}
TURNED_AWAY = {"full": "Full", "closed": "Closed", "unsuitable": "Not suitable"}
MEASURES = {"ons4": "ONS4", "ucla3": "UCLA 3-item loneliness", "swemwbs": "SWEMWBS"}

# Breakdowns whose categories are the domain's own codes.
_CATEGORIES: dict[str, type[StrEnum]] = {
    "referrals.by_source": ReferralSource,
    "referrals.by_reason": ReferralReason,
    "contacts.by_mode": AppointmentMode,
    "discharges.by_reason": DischargeReason,
    "connections.by_kind": ConnectionKind,
    "equity.gender": Gender,
    "equity.ethnicity": Ethnicity,
}
NOTES = {
    "outcomes.ons4.mean_change.anxiety": "anxiety falls when people improve",
    "outcomes.ucla3.mean_change": "loneliness scores fall when people improve",
}


def section_title(section: str) -> str:
    return SECTIONS.get(section, _words(section))


def figure_title(section: str, figure: str) -> str:
    """A figure's name; a measure's figures are named after the measure."""
    path = f"{section}.{figure}"
    if path in FIGURES:
        return FIGURES[path]
    if section == "outcomes":
        measure, _, rest = figure.partition(".")
        name = MEASURES.get(measure, measure.upper())
        if rest == "pairs":
            return f"{name}: people with a baseline and a follow-up"
        if rest == "mean_change":
            return f"{name}: mean change (follow-up minus baseline)"
        return f"{name}: {_words(rest)}"
    return _words(figure.rsplit(".", 1)[-1])


def category_label(section: str, figure: str, category: str) -> str:
    """A breakdown category in words ("gp" is "GP"), with a note where a fall is good."""
    path = f"{section}.{figure}"
    kind = _CATEGORIES.get(path)
    words = category
    if kind is not None:
        try:
            words = kind(category).label  # type: ignore[attr-defined]
        except ValueError:
            words = category
    elif path == "satisfaction.by_answer":
        words = ANSWERS.get(category, _words(category))
    elif path == "connections.turned_away":
        words = TURNED_AWAY.get(category, category)
    elif section == "outcomes":
        words = _words(category)
    note = NOTES.get(f"{path}.{category}") or (NOTES.get(path) if category else None)
    return f"{words} ({note})" if note else words


def _words(code: str) -> str:
    return code.replace("_", " ").capitalize()
