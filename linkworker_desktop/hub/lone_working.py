"""Overdue home visits from the check-ins the hub holds, for a duty manager to act on.

The hub applies the same rule as the laptops (domain/lone_working.py), to whatever the laptops
have pushed: a worker whose laptop has not synced since checking in is not here. The worker's
name comes from the hub's own list, the place and contact from the check-in as it was made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, select

from linkworker_desktop.domain.lone_working import is_overdue, minutes_late
from linkworker_desktop.hub import schema


@dataclass(frozen=True, slots=True)
class OverdueVisit:
    checkin_id: str
    worker: str
    team: str
    contact: str
    place: str
    checked_in_at: datetime
    expected_end_at: datetime
    minutes_late: int

    def as_json(self) -> dict[str, Any]:
        return {
            "checkin_id": self.checkin_id,
            "worker": self.worker,
            "team": self.team,
            "contact": self.contact,
            "place": self.place,
            "checked_in_at": self.checked_in_at.isoformat(),
            "expected_end_at": self.expected_end_at.isoformat(),
            "minutes_late": self.minutes_late,
        }


def team_id(conn: Connection, org_id: str, team: str) -> str:
    """A team's id from its id or its name, within one organisation."""
    row = conn.execute(
        select(schema.teams.c.id).where(
            and_(
                schema.teams.c.org_id == org_id,
                (schema.teams.c.id == team) | (schema.teams.c.name == team),
            )
        )
    ).first()
    if row is None:
        raise LookupError(f"No team called {team!r} in that organisation.")
    return str(row.id)


def overdue_visits(
    conn: Connection, org_id: str, now: datetime, overdue_minutes: int, team: str | None = None
) -> list[OverdueVisit]:
    """Visits not checked out ``overdue_minutes`` after their expected end, longest late first."""
    records = schema.records
    query = select(records.c.id, records.c.team_id, records.c.data).where(
        and_(
            records.c.org_id == org_id,
            records.c.entity == "visit_checkins",
            records.c.deleted.is_(False),
        )
    )
    if team is not None:
        query = query.where(records.c.team_id == team)
    workers = dict(
        conn.execute(
            select(schema.workers.c.id, schema.workers.c.name).where(
                schema.workers.c.org_id == org_id
            )
        ).all()
    )
    teams = dict(
        conn.execute(
            select(schema.teams.c.id, schema.teams.c.name).where(schema.teams.c.org_id == org_id)
        ).all()
    )
    found = []
    for row in conn.execute(query):
        data = json.loads(row.data)
        if data.get("deleted") or data.get("checked_out_at"):
            continue
        try:
            expected = datetime.fromisoformat(data["expected_end_at"])
            checked_in = datetime.fromisoformat(data["checked_in_at"])
        except (KeyError, TypeError, ValueError):
            continue  # not a check-in a laptop of ours wrote; the hub validates pushes anyway
        if not is_overdue(expected, None, now, overdue_minutes):
            continue
        found.append(
            OverdueVisit(
                checkin_id=row.id,
                worker=workers.get(data.get("worker_id")) or str(data.get("worker_name") or ""),
                team=teams.get(row.team_id, ""),
                contact=str(data.get("worker_contact") or ""),
                place=str(data.get("place") or ""),
                checked_in_at=checked_in,
                expected_end_at=expected,
                minutes_late=minutes_late(expected, now),
            )
        )
    return sorted(found, key=lambda v: (-v.minutes_late, v.worker, v.checkin_id))
