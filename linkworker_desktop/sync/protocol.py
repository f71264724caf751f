"""The sync wire format, version 1: validated both ends, unknown fields refused.

A malformed body must get a 4xx with a reason (never a 500), so every message is a pydantic
model with ``extra="forbid"`` and bounded sizes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from linkworker_desktop.domain.entities import EntityName

PROTOCOL_VERSION = 1
# Every request from a laptop says which app and which protocol sent it. A laptop from before
# these headers sends neither, and the hub treats it as protocol 1 (the only one it spoke).
VERSION_HEADER = "X-Linkworker-Version"
PROTOCOL_HEADER = "X-Linkworker-Protocol"
OLDEST_PROTOCOL = 1
# Every hub takes a push of up to OLDEST_MAX_BATCH changes. A hub that takes more says how many
# in this header of its push answers, and a laptop sends larger batches only after it has.
MAX_BATCH_HEADER = "X-Linkworker-Max-Batch"
OLDEST_MAX_BATCH = 1000
MAX_BATCH = 5000
MAX_PAGE = 1000
# The hub keeps mutation ids and versions as signed 64-bit integers (PostgreSQL BIGINT).
MAX_INT64 = 2**63 - 1
# Ids are printable text: PostgreSQL cannot store a NUL byte, and no id needs a control character.
PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
# A laptop numbers its changes one by one: 2**53 is more than it could make in any lifetime, so a
# larger id is a device misbehaving, refused before it can make the hub skip all that follow.
MAX_MUTATION_ID = 2**53 - 1

# Append-only records: a later write never makes a conflict (notes are never lost, only added).
NO_CONFLICT_ENTITIES = frozenset(
    {
        "session_notes",
        "session_addenda",
        "goal_progress",
        "conflicts",
        "directory_reports",
        "patient_alerts",  # set, then cleared: history only grows
        "safeguarding_concerns",  # raised, then closed: never rewritten
        "safeguarding_handovers",
        "visit_checkins",  # checked in, then out once: times never rewritten
        "consent_records",  # a change of answer is a new record
    }
)
# Managed by the hub's administrators and sent to devices read-only.
HUB_OWNED = frozenset({"teams", "workers"})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Mutation(Strict):
    mutation_id: int = Field(ge=1, le=MAX_MUTATION_ID, strict=True)
    entity: EntityName
    entity_id: str = Field(min_length=1, max_length=64, pattern=PRINTABLE)
    op: Literal["put", "delete"]
    changes: dict[str, Any] = Field(default_factory=dict)
    base_versions: dict[str, int] = Field(default_factory=dict)


class PushRequest(Strict):
    protocol: Literal[1] = 1
    client_id: str = Field(min_length=1, max_length=64, pattern=PRINTABLE)
    # How far the device had pulled: records unchanged since then it holds as the hub does.
    cursor: int = Field(default=0, ge=0, le=MAX_INT64)
    mutations: list[Mutation] = Field(max_length=MAX_BATCH)


class Rejected(Strict):
    mutation_id: int
    reason: str


class PushResponse(Strict):
    last_mutation_id: int
    applied: int
    skipped: int
    conflicts: int
    rejected: list[Rejected] = Field(default_factory=list)


class RecordChange(Strict):
    entity: str
    entity_id: str
    version: int
    fields: dict[str, Any]
    field_versions: dict[str, int]
    deleted: bool


class RemovedRecord(Strict):
    entity: str
    entity_id: str


class PullResponse(Strict):
    protocol: Literal[1] = 1
    changes: list[RecordChange]
    removed: list[RemovedRecord] = Field(default_factory=list)
    next_cursor: int
    has_more: bool
    last_mutation_id: int


class EnrolRequest(Strict):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field(min_length=1, max_length=120, pattern=PRINTABLE)
    client_id: str = Field(min_length=1, max_length=64, pattern=PRINTABLE)


class EnrolResponse(Strict):
    token: str
    device_id: str
    worker_id: str
    worker_name: str
    organisation_id: str
    organisation_name: str
    team_id: str | None
    team_name: str | None


class Problem(Strict):
    """The body of every error: a code a program can act on and a sentence a person can read."""

    error: str
    detail: str
