"""A caseload restored from a backup becomes a sync client of its own, without losing a change.

The hub skips mutation ids at or below the last it saw from a client id, and the laptop the
backup came from may have pushed more since; the hub also refuses a second enrolment of one
client id. So a restored copy takes a fresh client id, gives up its enrolment (token, device,
hub address) and enrols again. Its queued changes (the outbox holds exactly those the hub had
not acknowledged at the backup) stay queued and reach the hub as new.

The hub tells a colleague's edit from the laptop's own by client id. Under its new id the copy
would see its own earlier writes as someone else's and raise a conflict on every edit of them;
but the copy had pulled every version up to the backup's cursor, so each field is marked as seen
up to that cursor. Only what changed on the hub after the backup can then conflict.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from linkworker_desktop.domain.ids import utc_now, uuid7
from linkworker_desktop.storage.unit_of_work import SYNCED_TABLES, table_columns
from linkworker_desktop.sync import state

# What ties a caseload to one laptop's enrolment: a restored copy must not reuse any of it.
ENROLMENT_KEYS = ("hub_url", "device_id", "token", "token_store", "insecure_transport")
RESTORED_FROM = "restored_from"  # the backup's time, until the caseload enrols again
RESTORED_HUB = "restored_hub"  # the hub it was enrolled with, to say it must enrol again


def give_new_identity(conn: Any, made_at: datetime) -> str:
    """A new client id and no enrolment; queued changes kept, every field seen to the cursor."""
    client_id = uuid7()
    conn.execute("BEGIN IMMEDIATE")
    try:
        cursor = state.cursor(conn)
        conn.execute("UPDATE profile SET client_id = ?", (client_id,))
        conn.execute("UPDATE outbox SET client_id = ?", (client_id,))
        if cursor > 0:
            _seen_up_to(conn, cursor)
        state.put(conn, RESTORED_HUB, state.get(conn, "hub_url"))
        for key in ENROLMENT_KEYS:
            conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        state.put(conn, RESTORED_FROM, made_at.isoformat())
        state.put(conn, "restored_at", utc_now())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return client_id


def _seen_up_to(conn: Any, cursor: int) -> None:
    """Raise every field's known version, and every queued change's base, to ``cursor``."""
    for table in SYNCED_TABLES:
        fields = sorted(table_columns(conn, table) - {"id", "versions"})
        if not fields:
            continue
        pairs = ", ".join(
            f"'$.{name}', max(COALESCE(json_extract(versions, '$.{name}'), 0), :cursor)"
            for name in fields
        )
        conn.execute(
            f"UPDATE {table} SET versions = json_set(versions, {pairs})", {"cursor": cursor}
        )
    for mutation_id, changes, base in conn.execute(
        "SELECT mutation_id, changes, base_versions FROM outbox"
    ).fetchall():
        raised = json.loads(base or "{}")
        for name in {*json.loads(changes), *raised}:
            raised[name] = max(int(raised.get(name, 0) or 0), cursor)
        conn.execute(
            "UPDATE outbox SET base_versions = ? WHERE mutation_id = ?",
            (json.dumps(raised, sort_keys=True), mutation_id),
        )
