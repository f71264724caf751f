"""Teams and workers, managed on the hub, published as versioned records every laptop pulls.

A team or worker added after a laptop enrolled must still reach it, so each one is written to
``records`` with the organisation's next version, like any other change, and read-only there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from linkworker_desktop.hub import schema
from linkworker_desktop.hub.records import HUB, RecordCache, Row


def publish(
    conn: Connection, org_id: str, entity: str, record_id: str, data: dict[str, Any]
) -> int:
    """Write one team or worker as a record under the organisation's next version."""
    version = int(
        conn.execute(
            select(schema.organisations.c.version)
            .where(schema.organisations.c.id == org_id)
            .with_for_update()
        ).scalar_one()
    )
    version += 1
    cache = RecordCache(conn, org_id)
    row = cache.get(entity, record_id)
    if row is None:
        row = Row.by_hub(entity, record_id, org_id, (None, None, None), data, version)
    else:  # renamed or moved to another team: the new values, under the new version
        row.data.update(data)
        row.stamp(version, data, HUB)
        row.version, row.writer, row.writer_current = version, None, False
    cache.put(row)
    cache.flush()
    conn.execute(
        schema.organisations.update()
        .where(schema.organisations.c.id == org_id)
        .values(version=version)
    )
    return version


def publish_team(conn: Connection, org_id: str, team_id: str, name: str) -> None:
    publish(conn, org_id, "teams", team_id, {"name": name})


def publish_worker(
    conn: Connection, org_id: str, worker_id: str, name: str, team_id: str | None
) -> None:
    publish(conn, org_id, "workers", worker_id, {"display_name": name, "team_id": team_id})


def publish_people(conn: Connection, org_id: str) -> None:
    """Every team and worker of an organisation (a hub upgraded from before they were records)."""
    for team in conn.execute(select(schema.teams).where(schema.teams.c.org_id == org_id)).all():
        publish_team(conn, org_id, team.id, team.name)
    for worker in conn.execute(
        select(schema.workers).where(schema.workers.c.org_id == org_id)
    ).all():
        publish_worker(conn, org_id, worker.id, worker.name, worker.team_id)
