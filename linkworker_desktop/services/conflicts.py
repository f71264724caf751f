"""Open sync conflicts described in plain words, for a person to settle.

The hub keeps the value that arrived last and records the one it replaced. A worker needs to
see whose patient it is, which field, and which of the two values is theirs, before choosing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare
from linkworker_desktop.domain.names import shown_name
from linkworker_desktop.services import sync_service
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.unit_of_work import table_columns

RECORD_NAMES = {
    "patients": "patient details",
    "referrals": "referral",
    "appointments": "appointment",
    "sessions": "session",
    "goals": "goal",
    "measure_results": "questionnaire",
    "plans": "wellbeing plan",
    "goal_steps": "goal step",
    "goal_helpers": "goal helper",
}

FIELD_LABELS = {
    "nhs_number": "NHS number",
    "given_name": "Given name",
    "family_name": "Family name",
    "preferred_name": "Preferred name",
    "date_of_birth": "Date of birth",
    "phone": "Phone number",
    "mobile": "Mobile number",
    "email": "Email address",
    "preferred_contact": "Preferred contact",
    "contact_notes": "Contact notes",
    "address_line1": "Address (first line)",
    "address_line2": "Address (second line)",
    "gp_practice_code": "GP practice code",
    "gp_practice_name": "GP practice",
    "consent_to_contact": "Consent to contact",
    "consent_to_share": "Consent to share",
    "owner_worker_id": "Link worker",
    "worker_id": "Link worker",
    "team_id": "Team",
    "reason_notes": "Reason notes",
    "referrer_name": "Referrer",
    "referrer_organisation": "Referrer's organisation",
    "starts_at": "Start time",
    "planned_minutes": "Planned minutes",
    "what_matters": "What matters",
    "why_it_matters": "Why it matters",
    "not_working": "What is not working",
    "working": "What is working",
    "review_date": "Review date",
    "share_with": "Shared with",
    "by_when": "By when",
    "when_text": "When",
}

_YES_NO = frozenset({"consent_to_contact", "done", "complete"})
# Values from a fixed list, numbers or dates: merging two of them as text makes no sense.
_CODED = frozenset(
    {
        "nhs_number",
        "date_of_birth",
        "gender",
        "ethnicity",
        "preferred_contact",
        "consent_to_share",
        "status",
        "state",
        "kind",
        "mode",
        "priority",
        "source",
        "timepoint",
        "postcode",
    }
)


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two values: what it is, how it reads, and whether the record holds it now."""

    heading: str
    value: Any
    text: str
    kept: bool


@dataclass(frozen=True, slots=True)
class ConflictDetail:
    id: str
    title: str
    patient_name: str
    field_label: str
    mine: Side
    theirs: Side
    mergeable: bool
    raised_at: str
    note: str = ""


def field_label(field: str) -> str:
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    return field.replace("_", " ").capitalize()


def value_text(field: str, value: Any) -> str:
    """How a stored value reads to a person (an empty value says so rather than vanishing)."""
    if field == "deleted":
        return "Deleted." if value else "Kept, with the other laptop's edits."
    if field == "consent_to_contact" and value is None:
        return ConsentToContact.NOT_ASKED.label
    if field == "consent_to_share" and value in set(ConsentToShare):
        return ConsentToShare(value).label
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool) or field in _YES_NO:
        return "Yes" if value else "No"
    if field in _CODED and isinstance(value, str) and field not in ("nhs_number", "postcode"):
        return value.replace("_", " ").capitalize()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _decode(stored: str) -> Any:
    try:
        return json.loads(stored)
    except (TypeError, ValueError):
        return stored


def _one(profile: OpenProfile, sql: str, params: tuple[Any, ...]) -> Any:
    row = profile.conn.execute(sql, params).fetchone()
    return row[0] if row else None


def patient_id_for(profile: OpenProfile, entity: str, entity_id: str) -> str | None:
    """The patient a record belongs to, following one parent where the record has no own link."""
    if entity == "patients":
        return entity_id
    if entity not in RECORD_NAMES:
        return None
    columns = table_columns(profile.conn, entity)
    if "patient_id" in columns:
        return _one(profile, f"SELECT patient_id FROM {entity} WHERE id = ?", (entity_id,))
    for parent, link in (("goals", "goal_id"), ("sessions", "session_id")):
        if link in columns:
            return _one(
                profile,
                f"SELECT p.patient_id FROM {entity} c JOIN {parent} p ON p.id = c.{link}"
                " WHERE c.id = ?",
                (entity_id,),
            )
    return None


def patient_name(profile: OpenProfile, patient_id: str | None) -> str:
    if not patient_id:
        return "a record no longer on this laptop"
    row = profile.conn.execute(
        "SELECT given_name, family_name FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()
    return shown_name(row[0], row[1]) if row else "a record no longer on this laptop"


def worker_name(profile: OpenProfile, worker_id: str | None) -> str:
    name = _one(profile, "SELECT display_name FROM workers WHERE id = ?", (worker_id,))
    return str(name) if name else "a colleague"


def describe(profile: OpenProfile, conflict: dict[str, Any]) -> ConflictDetail:
    """Put this laptop's value on the "mine" side: the hub kept it if this worker pushed last."""
    field, entity = conflict["field"], conflict["entity"]
    kept, other = _decode(conflict["kept_value"]), _decode(conflict["other_value"])
    name = patient_name(profile, patient_id_for(profile, entity, conflict["entity_id"]))
    record = RECORD_NAMES.get(entity, entity.replace("_", " "))
    if field == "deleted":
        # The hub keeps the record whoever deleted it; who did is not recorded, so say what
        # each choice does rather than whose it was.
        label = f"Deleted on one laptop, edited on another: the {record}"
        left = Side("Keep the record", kept, value_text(field, kept), True)
        right = Side("Delete the record", other, value_text(field, other), False)
        return ConflictDetail(
            conflict["id"],
            f"{label} of {name}",
            name,
            label,
            left,
            right,
            False,
            conflict["created_at"],
        )
    i_pushed_last = conflict.get("kept_worker_id") == profile.actor.worker_id
    colleague = "a colleague" if i_pushed_last else worker_name(profile, conflict["kept_worker_id"])
    mine_value, theirs_value = (kept, other) if i_pushed_last else (other, kept)
    label = field_label(field)
    return ConflictDetail(
        id=conflict["id"],
        title=f"{label} of {name}" if entity == "patients" else f"{label} in a {record} of {name}",
        patient_name=name,
        field_label=label,
        mine=Side("Mine", mine_value, value_text(field, mine_value), i_pushed_last),
        theirs=Side(
            f"Theirs ({colleague})",
            theirs_value,
            value_text(field, theirs_value),
            not i_pushed_last,
        ),
        mergeable=(
            field not in _CODED
            and not field.endswith(("_id", "_at", "_date", "_on"))
            and isinstance(kept, str)
            and isinstance(other, str)
        ),
        raised_at=conflict["created_at"],
        note=(
            f"{name} was registered twice, on two laptops; the two records are now one."
            if conflict.get("reason") == "registered_twice"
            else ""
        ),
    )


def open_details(profile: OpenProfile) -> list[ConflictDetail]:
    return [describe(profile, row) for row in sync_service.open_conflicts(profile)]
