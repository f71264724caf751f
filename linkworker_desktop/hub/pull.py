"""Serving a pull: the organisation's records changed since a cursor, within the caller's scope.

Pages end between two versions (every record holds its own), so a cursor never skips a change,
and what only this device wrote since it last pulled is not sent back to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic_core import from_json
from sqlalchemy import and_, or_, select

from linkworker_desktop.hub import field_versions, schema
from linkworker_desktop.hub.store import CursorExpired
from linkworker_desktop.sync.protocol import PullResponse, RecordChange, RemovedRecord

if TYPE_CHECKING:
    from linkworker_desktop.hub.store import Hub


def serve_pull(hub: Hub, cursor: int, limit: int) -> PullResponse:
    caller = hub.caller
    org = hub.conn.execute(
        select(schema.organisations.c.version, schema.organisations.c.min_cursor).where(
            schema.organisations.c.id == caller.org_id
        )
    ).one()
    if cursor and cursor < org.min_cursor:
        raise CursorExpired()
    table = schema.records
    in_scope = or_(
        hub.scope_filter(table.c.team_id, table.c.owner_id),
        and_(table.c.team_id.is_(None), table.c.owner_id.is_(None)),
    )
    # What only this device has written since it last pulled, it holds already.
    not_echo = or_(
        table.c.writer.is_(None),
        table.c.writer != caller.client_id,
        table.c.writer_current.is_(False),
    )
    rows = hub.conn.execute(
        select(table)
        .where(and_(table.c.org_id == caller.org_id, table.c.version > cursor, in_scope, not_echo))
        .order_by(table.c.version)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    if has_more:
        next_cursor = int(rows[-1].version)
    else:
        # A push may commit between reading the organisation and the records; then rows
        # can run past org.version, so the cursor takes whichever is further.
        next_cursor = max(cursor, int(org.version), int(rows[-1].version) if rows else 0)
    changes = [change_of(row) for row in rows]
    removed = _removed(hub, cursor, next_cursor, {(c.entity, c.entity_id) for c in changes})
    hub.audit("pull", f"cursor={cursor} changes={len(changes)} removed={len(removed)}")
    return PullResponse.model_construct(
        protocol=1,
        changes=changes,
        removed=removed,
        next_cursor=next_cursor,
        has_more=has_more,
        last_mutation_id=hub.last_mutation_id() or 0,
    )


def change_of(row: Any) -> RecordChange:
    """A stored record as the change a laptop applies (a pull, or the hub's report copy)."""
    return RecordChange.model_construct(
        entity=row.entity,
        entity_id=row.id,
        version=int(row.version),
        fields=from_json(row.data),
        field_versions=field_versions.versions(row.field_versions),
        deleted=bool(row.deleted),
    )


def _removed(
    hub: Hub, cursor: int, next_cursor: int, sent: set[tuple[str, str]]
) -> list[RemovedRecord]:
    """Records that left the caller's scope in this page's span, and are not back in it."""
    exits = schema.scope_exits
    removed_rows = hub.conn.execute(
        select(exits.c.entity, exits.c.id).where(
            and_(
                exits.c.org_id == hub.caller.org_id,
                exits.c.version > cursor,
                exits.c.version <= next_cursor,
                hub.scope_filter(exits.c.team_id, exits.c.owner_id),
            )
        )
    ).all()
    hub.cache.load((row.entity, row.id) for row in removed_rows)
    removed = []
    for row in removed_rows:
        current = hub.cache.get(row.entity, row.id)
        if (row.entity, row.id) in sent or (
            current is not None and hub.in_scope(current.team_id, current.owner_id)
        ):
            continue
        removed.append(RemovedRecord(entity=row.entity, entity_id=row.id))
    return removed
