"""The organisation's report on the hub: the laptop's own report code over a laptop-shaped copy.

The hub stores records as JSON documents, not in the laptop's tables, so rather than teach the
report a second schema, the organisation's (or one team's) records are applied to an empty
caseload database made by the laptop's own migrations, through the very code a laptop uses to
apply a pull (sync/apply.py). The figures are then those a laptop holding the same records
would give. The copy lives in memory only and is gone when the report is made: no second
file of patient records is left on the hub's disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.hub import auth, schema
from linkworker_desktop.hub.pull import change_of
from linkworker_desktop.printing.wording import snomed_codes
from linkworker_desktop.reports.build import build_report
from linkworker_desktop.reports.model import Report, ReportSettings
from linkworker_desktop.reports.period import Period
from linkworker_desktop.services.library import shipped_measures
from linkworker_desktop.storage import migrations
from linkworker_desktop.sync.apply import PulledChanges
from linkworker_desktop.sync.protocol import PullResponse

ALL_TEAMS = "All teams"


def team_of(conn: Connection, org_id: str, team: str) -> tuple[str, str]:
    """(id, name) of the organisation's team named (or with the id) ``team``."""
    row = conn.execute(
        select(schema.teams.c.id, schema.teams.c.name).where(
            and_(
                schema.teams.c.org_id == org_id,
                (schema.teams.c.id == team) | (schema.teams.c.name == team),
            )
        )
    ).first()
    if row is None:
        raise LookupError(f"The organisation has no team called {team!r}.")
    return str(row.id), str(row.name)


@contextmanager
def laptop_copy(conn: Connection, org_id: str, team_id: str | None = None) -> Iterator[Any]:
    """An in-memory caseload holding the organisation's records (one team's, and the records
    every team shares such as the directory, when ``team_id`` is given)."""
    table = schema.records
    wanted = table.c.org_id == org_id
    if team_id is not None:
        wanted = and_(wanted, or_(table.c.team_id == team_id, table.c.team_id.is_(None)))
    rows = conn.execute(select(table).where(wanted).order_by(table.c.version)).all()
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as copy:
        migrations.migrate(copy)
        page = PullResponse.model_construct(
            protocol=1,
            changes=[change_of(row) for row in rows],
            removed=[],
            next_cursor=0,
            has_more=False,
            last_mutation_id=0,
        )
        PulledChanges(copy).apply_page(page)
        yield copy


def hub_report(
    conn: Connection,
    org: str,
    period: Period,
    generated_at: datetime,
    team: str | None = None,
) -> Report:
    """The report of an organisation (grouped by team) or of one of its teams."""
    org_id = auth.org_id(conn, org)
    org_name = conn.execute(
        select(schema.organisations.c.name).where(schema.organisations.c.id == org_id)
    ).scalar_one()
    team_id, team_name = team_of(conn, org_id, team) if team else (None, ALL_TEAMS)
    settings = ReportSettings(
        service_name=str(org_name),
        team=team_name,
        zone=LONDON,
        measures=shipped_measures(),
        snomed=snomed_codes(),
    )
    with laptop_copy(conn, org_id, team_id) as copy:
        return build_report(
            copy,
            period,
            by=None if team_id else "team",
            settings=settings,
            generated_at=generated_at,
        )
