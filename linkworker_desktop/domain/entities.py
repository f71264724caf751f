"""The kinds of record that sync between laptops and the hub, named once.

The laptop's storage, the sync protocol and the hub all derive their lists from this one
``Literal``, so a new synced table cannot be added in one place and forgotten in another.
"""

from __future__ import annotations

from typing import Literal, get_args

# Records a worker may push and pull. Others (settings, drafts, the outbox) never leave the laptop.
EntityName = Literal[
    "teams",
    "workers",
    "patients",
    "referrals",
    "appointments",
    "sessions",
    "session_notes",
    "session_addenda",
    "goals",
    "goal_progress",
    "measure_results",
    "measure_definitions",
    "plans",
    "goal_steps",
    "goal_helpers",
    "conflicts",
    "directory_services",
    "directory_connections",
    "directory_reports",
    "patient_alerts",
    "safeguarding_concerns",
    "safeguarding_handovers",
    "visit_checkins",
    "consent_records",
]

SYNCED_ENTITIES: tuple[str, ...] = get_args(EntityName)
