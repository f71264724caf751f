"""Which patient a record belongs to, so the hub can give each worker only their caseload.

A patient's team and owner decide who sees it; every record under a patient (referrals,
sessions, notes, goals, measures…) follows. Records with no patient (measure definitions) are
organisation-wide. Teams and workers are managed on the hub and reach every device read-only.
"""

from __future__ import annotations

from linkworker_desktop.sync.protocol import HUB_OWNED

__all__ = ["HUB_OWNED", "ORG_WIDE", "PARENTS"]

# entity -> (parent entity, field holding the parent's id)
PARENTS: dict[str, tuple[str, str]] = {
    "referrals": ("patients", "patient_id"),
    "appointments": ("patients", "patient_id"),
    "sessions": ("patients", "patient_id"),
    "goals": ("patients", "patient_id"),
    "measure_results": ("patients", "patient_id"),
    "plans": ("patients", "patient_id"),
    "session_notes": ("sessions", "session_id"),
    "session_addenda": ("sessions", "session_id"),
    "goal_progress": ("goals", "goal_id"),
    "goal_steps": ("goals", "goal_id"),
    "goal_helpers": ("goals", "goal_id"),
    "directory_connections": ("patients", "patient_id"),
    "patient_alerts": ("patients", "patient_id"),
    "safeguarding_concerns": ("patients", "patient_id"),
    "safeguarding_handovers": ("safeguarding_concerns", "concern_id"),
    # A home visit's check-in follows its patient, so the worker's team sees it is overdue.
    "visit_checkins": ("patients", "patient_id"),
    "consent_records": ("patients", "patient_id"),
}
# Local directory entries and reports about services help the whole organisation.
ORG_WIDE = frozenset({"measure_definitions", "directory_services", "directory_reports"})
