"""The organisation's copy of its directory feed, served to laptops read-only and incrementally.

An administrator imports the council's Open Referral UK feed on the hub; laptops then fetch
only what changed since their last fetch (``modified_after``, in the hub's own clock).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Column, Connection, String, Table, Text, and_, select

from linkworker_desktop.domain.openreferral import parse_service, records_of
from linkworker_desktop.hub import schema
from linkworker_desktop.hub.store import now

directory_entries = Table(
    "hub_directory",
    schema.metadata,
    Column("org_id", String(64), primary_key=True),
    Column("source_id", String(200), primary_key=True),
    Column("data", Text, nullable=False),
    Column("modified_at", String(40), nullable=False, index=True),
)


def import_feed(conn: Connection, org_id: str, doc: Any) -> tuple[int, list[str]]:
    """Store every valid record (raw, so laptops parse it with the same code); report the rest."""
    stored, rejected = 0, []
    stamp = now()
    for index, raw in enumerate(records_of(doc), start=1):
        try:
            service = parse_service(raw)
        except (ValueError, TypeError) as exc:
            rejected.append(f"record {index}: {exc}")
            continue
        data = json.dumps(raw, sort_keys=True)
        key = and_(
            directory_entries.c.org_id == org_id,
            directory_entries.c.source_id == service.source_id,
        )
        existing = conn.execute(select(directory_entries.c.data).where(key)).first()
        if existing is None:
            conn.execute(
                directory_entries.insert().values(
                    org_id=org_id, source_id=service.source_id, data=data, modified_at=stamp
                )
            )
        elif existing.data != data:
            conn.execute(directory_entries.update().where(key).values(data=data, modified_at=stamp))
        else:
            continue
        stored += 1
    return stored, rejected


def changes_since(conn: Connection, org_id: str, modified_after: str, limit: int) -> dict[str, Any]:
    rows = conn.execute(
        select(directory_entries.c.data, directory_entries.c.modified_at)
        .where(
            and_(
                directory_entries.c.org_id == org_id,
                directory_entries.c.modified_at > modified_after,
            )
        )
        .order_by(directory_entries.c.modified_at, directory_entries.c.source_id)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    return {
        "contents": [json.loads(r.data) for r in rows],
        "modified_until": rows[-1].modified_at if rows else modified_after,
        "has_more": has_more,
    }
