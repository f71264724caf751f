"""Changes from the hub this laptop set aside, described for a person, and tried again on request.

The Sync view and ``linkworker sync`` say how many there are, what each record is and why it
could not be applied. A record is named the way the Sync view already names conflicts (the
patient's name, never their NHS number or other details).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linkworker_desktop.services.conflicts import RECORD_NAMES, patient_id_for, patient_name
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.sync import set_aside

# Records that belong to no patient, with the field that names them.
_NAMED_BY = {
    "teams": ("team", "name"),
    "workers": ("worker", "display_name"),
    "measure_definitions": ("questionnaire definition", "name"),
    "directory_services": ("directory service", "name"),
}
_OTHER_NAMES = {
    "session_notes": "session note",
    "session_addenda": "session addendum",
    "goal_progress": "goal rating",
    "conflicts": "conflict record",
    "directory_connections": "connection to a service",
    "directory_reports": "report about a service",
    "patient_alerts": "alert on a record",
    "safeguarding_concerns": "safeguarding concern",
    "safeguarding_handovers": "safeguarding hand-over",
    "visit_checkins": "home visit check-in",
    "consent_records": "consent answer",
}


@dataclass(frozen=True, slots=True)
class HeldChange:
    entity: str
    entity_id: str
    description: str
    reason: str
    set_aside_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entity_id": self.entity_id,
            "description": self.description,
            "reason": self.reason,
            "set_aside_at": self.set_aside_at,
        }


def summary(count: int) -> str:
    """The line the Sync view and the CLI show; empty when nothing is held."""
    if not count:
        return ""
    changes = "change" if count == 1 else "changes"
    return f"{count} {changes} from the hub could not be applied"


def _patient_of(profile: OpenProfile, held: set_aside.SetAside) -> str:
    if held.entity == "patients":
        name = f"{held.fields.get('given_name') or ''} {held.fields.get('family_name') or ''}"
        return name.strip() or patient_name(profile, held.entity_id)
    patient_id = held.fields.get("patient_id")
    if not isinstance(patient_id, str):
        patient_id = patient_id_for(profile, held.entity, held.entity_id)
    return patient_name(profile, patient_id)


def describe(profile: OpenProfile, held: set_aside.SetAside) -> str:
    if held.entity in _NAMED_BY:
        kind, field = _NAMED_BY[held.entity]
        name = held.fields.get(field)
        return f"The {kind} {name}" if isinstance(name, str) and name else f"A {kind}"
    if held.entity == "patients":
        return f"The patient details of {_patient_of(profile, held)}"
    if held.entity in RECORD_NAMES:
        return f"A {RECORD_NAMES[held.entity]} of {_patient_of(profile, held)}"
    kind = _OTHER_NAMES.get(held.entity, f"record of the kind “{held.entity}”")
    return f"A {kind}"


def held_changes(profile: OpenProfile) -> list[HeldChange]:
    return [
        HeldChange(
            entity=held.entity,
            entity_id=held.entity_id,
            description=describe(profile, held),
            reason=held.reason,
            set_aside_at=held.set_aside_at,
        )
        for held in set_aside.held(profile.conn)
    ]


def try_again(profile: OpenProfile) -> int:
    """Apply what now can be (its cause removed on this laptop); returns how many applied."""
    from linkworker_desktop.sync.apply import PulledChanges  # with the sync wire models

    return PulledChanges(profile.conn).retry_set_aside()
