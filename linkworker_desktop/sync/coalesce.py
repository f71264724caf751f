"""Folding a stretch of the outbox into one change per record, so each record is sent once.

The outbox keeps every write: a record made and then edited five times waits as six rows. The hub
needs only the record's latest state and what the laptop had seen before its first unsent write,
so the rows of one record are folded into one mutation (a record made on this laptop keeps its
creation apart, followed by one mutation for every edit since):

- it carries the *first* row's mutation id, so a parent still reaches the hub before its
  children and a resent batch is skipped by the hub as before;
- its changes are every row's changes, later values over earlier ones;
- its base versions are each field's base from the first row that names it (what the laptop had
  seen before it changed the field), so a clash with another laptop's edit is found as before;
- it is a delete when the record's latest state is deleted: a delete wins over earlier edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple


class OutboxRow(NamedTuple):
    mutation_id: int
    entity: str
    entity_id: str
    op: str
    changes: dict[str, Any]
    base_versions: dict[str, int]


def coalesce(rows: Iterable[OutboxRow]) -> list[OutboxRow]:
    """One row per record (two if it was made here), in the order of each one's first write."""
    folded: list[OutboxRow] = []
    open_at: dict[tuple[str, str], int] = {}  # record -> its row in ``folded`` still folding
    for row in rows:
        key = (row.entity, row.entity_id)
        at = open_at.get(key)
        if at is None:
            fresh = row._replace(changes=dict(row.changes), base_versions=dict(row.base_versions))
            folded.append(fresh)
            if not _creates(row):
                open_at[key] = len(folded) - 1
            continue
        earlier = folded[at]
        earlier.changes.update(row.changes)
        for name, version in row.base_versions.items():
            earlier.base_versions.setdefault(name, version)
        deleted = row.op == "delete" or (
            earlier.op == "delete" and row.changes.get("deleted", 1) == 1
        )
        folded[at] = earlier._replace(op="delete" if deleted else "put")
    return folded


def _creates(row: OutboxRow) -> bool:
    """A record's creation goes as written: the hub may merge it into a record it already holds
    (the same patient registered twice), and only edits made after it follow the survivor."""
    return "created_at" in row.changes
