"""How the CLI prints caseload rows and patients, as text for people or JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from enum import Enum
from typing import Any

from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadRow


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def fit(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut after a whole word with "…" when longer.

    A cut mid-word reads as a different name; a long first word is still cut, with the mark.
    """
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if not text[width - 1].isspace() and space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"


def print_rows(rows: Sequence[CaseloadRow], as_json: bool) -> None:
    if as_json:
        print(json.dumps([row.as_json() for row in rows], indent=2))
        return
    print(f"{'Name':<32} {'NHS number':<13} {'Status':<15} {'Referred':<11} {'Used':>4}  Next")
    for row in rows:
        status = row.status.label if row.status else "-"
        referred = row.referral_date.isoformat() if row.referral_date else "-"
        nxt = row.next_session.strftime("%Y-%m-%d %H:%M") if row.next_session else "-"
        flag = "  OVERDUE" if row.overdue else ""
        print(
            f"{fit(row.name, 32):<32} {format_nhs_number(row.nhs_number):<13} {status:<15} "
            f"{referred:<11} {row.sessions_used:>4}  {nxt}{flag}"
        )
    print(f"{len(rows)} patient{'s' if len(rows) != 1 else ''}")


def print_patient(patient: Patient, referrals: Sequence[Referral], as_json: bool) -> None:
    if as_json:
        doc = _plain({k: v for k, v in asdict(patient).items() if k != "extra"})
        doc["referrals"] = [_plain(asdict(r)) for r in referrals]
        print(json.dumps(doc, indent=2))
        return
    print(f"{patient.display_name}  (NHS {format_nhs_number(patient.nhs_number)})")
    print(f"Born {patient.date_of_birth.isoformat()}, {patient.gender.label}")
    if patient.pronouns:
        print(f"Pronouns: {patient.pronouns}")
    print(f"GP practice: {patient.gp_practice_name or '-'} {patient.gp_practice_code}")
    print(f"Prefers contact by: {patient.preferred_contact.label}")
    print(f"Consent to contact: {patient.consent_to_contact.label}")
    print(f"Consent to share with GP: {patient.consent_to_share.label}")
    for referral in referrals:
        reasons = ", ".join(r.label for r in referral.reasons)
        print(
            f"Referral {referral.referral_date.isoformat()} from {referral.source.label}"
            f" ({referral.status.label}): {reasons}"
        )


def os_reason(exc: OSError) -> str:
    """The system's reason ("no such file or directory"), to sit inside one sentence."""
    words = exc.strerror or str(exc)
    return words[:1].lower() + words[1:]
