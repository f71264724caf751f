"""Moving and merging records on the hub: a patient who changed hands, one person twice.

The first record to reach the hub survives; a later duplicate becomes a tombstone naming it,
everything under it moves across, and each detail on which the two differ becomes a conflict
for a person to settle.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from linkworker_desktop.hub import schema
from linkworker_desktop.hub.records import HUB, Row, now
from linkworker_desktop.hub.unique_keys import unique_key

if TYPE_CHECKING:
    from linkworker_desktop.hub.store import Hub

# Fields that describe a write rather than the record; they never make a conflict.
QUIET_FIELDS = frozenset({"updated_at", "author_id", "created_at"})
# Fields of a duplicate that say nothing about the person or thing, so never compared in a merge.
NOT_COMPARED = QUIET_FIELDS | {"id", "versions", "deleted", "merged_into", "team_id"}


def survivor(hub: Hub, patient: Row) -> Row:
    """The patient a merged duplicate now lives on (itself when it was never merged)."""
    for _ in range(8):
        if not patient.names_a_survivor():
            return patient
        target = patient.data.get("merged_into")
        found = hub.cache.get("patients", target) if isinstance(target, str) else None
        if found is None:
            return patient
        patient = found
    return patient


def record_exit(
    hub: Hub, version: int, row: Row, team_id: str | None, owner_id: str | None
) -> None:
    """Tell pulls of the old scope that this record left it."""
    hub.conn.execute(
        schema.scope_exits.insert().values(
            org_id=hub.caller.org_id,
            version=version,
            entity=row.entity,
            id=row.id,
            team_id=team_id,
            owner_id=owner_id,
        )
    )


def move_children(
    hub: Hub, patient: Row, old_team: str | None, old_owner: str | None, version: int
) -> int:
    """A patient moved team or owner: their records follow, and the old scope is told."""
    record_exit(hub, patient.version, patient, old_team, old_owner)
    for child in hub.cache.children(patient.id):
        version += 1
        child.team_id, child.owner_id, child.version = patient.team_id, patient.owner_id, version
        child.writer, child.writer_current = None, False
        hub.cache.put(child)
        record_exit(hub, version, child, old_team, old_owner)
    return version


def merge_patient(hub: Hub, row: Row, first: Row, version: int) -> tuple[int, int]:
    """One person registered twice (one NHS number): ``row`` joins ``first``."""
    if not hub.in_scope(first.team_id, first.owner_id):
        # Another team's patient: kept apart, and left for the organisation to look at.
        hub.audit("duplicate", f"patients {row.id} shares an NHS number with {first.id}")
        return version, 0
    version += 1
    row.deleted, row.match_key, row.version = True, None, version
    row.data = {**row.data, "deleted": 1, "merged_into": first.id}
    row.stamp(version, ("deleted", "merged_into"), HUB)
    row.writer, row.writer_current = None, False
    hub.cache.put(row)
    if (row.team_id, row.owner_id) != (first.team_id, first.owner_id):
        record_exit(hub, version, row, row.team_id, row.owner_id)
    for child in hub.cache.children(row.id):
        version += 1
        if (child.team_id, child.owner_id) != (first.team_id, first.owner_id):
            record_exit(hub, version, child, child.team_id, child.owner_id)
        child.root_id, child.team_id = first.id, first.team_id
        child.owner_id = first.owner_id
        if child.data.get("patient_id") == row.id:
            child.data["patient_id"] = first.id
            child.stamp(version, ("patient_id",), HUB)
        child.version, child.writer, child.writer_current = version, None, False
        hub.cache.put(child)
    return _settle(hub, row, first, version, ("owner_worker_id", "nhs_number"), "registered_twice")


def settle_shared_key(hub: Hub, row: Row, first: Row, version: int) -> tuple[int, int]:
    """Two records share a laptop UNIQUE key: one keeps it, the other becomes a tombstone.

    The first to reach the hub keeps the key (unless it is deleted and the newcomer is not).
    The other gives its key up (its value gains ``~`` and its own id, so laptops, whose unique
    keys cover deleted rows too, can hold both) and is deleted; each detail on which the two
    differ becomes a conflict for a person to settle. The loser takes the lower version, so
    every laptop frees the key before it receives the keeper.
    """
    columns = unique_key(row.entity)
    keeper, loser = (row, first) if first.deleted and not row.deleted else (first, row)
    was_live = not loser.deleted
    version += 1
    last = columns[-1]
    loser.data = {**loser.data, last: f"{loser.data[last]}~{loser.id}", "deleted": 1}
    loser.stamp(version, (last, "deleted"), HUB)
    loser.deleted, loser.match_key, loser.version = True, None, version
    loser.writer, loser.writer_current = None, False
    hub.cache.put(loser)
    if was_live:
        return _settle(hub, loser, keeper, version, columns, "same_key")
    version += 1
    keeper.version, keeper.writer, keeper.writer_current = version, None, False
    hub.cache.put(keeper)
    return version, 0


def _settle(
    hub: Hub, row: Row, first: Row, version: int, skip: tuple[str, ...], reason: str
) -> tuple[int, int]:
    """Fill the survivor's blanks from the duplicate; keep each difference as a conflict."""
    lost = []
    for field, theirs in row.data.items():
        if field in NOT_COMPARED or field in skip:
            continue
        kept = first.data.get(field)
        if theirs in (None, "") or kept == theirs:
            continue
        if kept in (None, ""):
            first.data[field] = theirs  # a detail only the duplicate had is kept
            first.stamp(version + 1, (field,), HUB)
        else:
            lost.append((field, kept, theirs))
    version += 1
    first.version, first.writer, first.writer_current = version, None, False
    hub.cache.put(first)
    hub.audit("merged", f"{row.entity} {row.id} into {first.id}")
    if not lost:
        return version, 0
    scope = (first.team_id, first.owner_id, first.root_id or _own_root(first))
    author = first.data.get("author_id")
    kept_by = author if isinstance(author, str) else None
    return keep_conflicts(hub, row.entity, first.id, lost, scope, version + 1, kept_by, reason)


def _own_root(row: Row) -> str | None:
    return row.id if row.entity == "patients" else None


def keep_conflicts(
    hub: Hub,
    entity: str,
    entity_id: str,
    lost: list[tuple[str, Any, Any]],
    scope: tuple[str | None, str | None, str | None],
    version: int,
    kept_by: str | None = None,
    reason: str = "",
) -> tuple[int, int]:
    """Keep each value that lost, for a person to settle; a conflict syncs like a record.

    Each conflict takes its own version from ``version`` on, so no two records share one
    (a page of a pull ends between two versions, never inside one).
    """
    for field, kept, other in lost:
        data = {
            "entity": entity,
            "entity_id": entity_id,
            "field": field,
            "kept_value": json.dumps(kept, default=str),
            "other_value": json.dumps(other, default=str),
            "kept_worker_id": kept_by or hub.caller.worker_id,
            "status": "open",
            "reason": reason,
            "created_at": now(),
        }
        hub.cache.put(
            Row.by_hub("conflicts", str(uuid.uuid4()), hub.caller.org_id, scope, data, version)
        )
        version += 1
    return version - 1, len(lost)
