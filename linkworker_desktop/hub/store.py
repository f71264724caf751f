"""One authenticated device's view of the hub: who it is, what it may see, and its bookkeeping.

Applying a push lives in :mod:`push`, merging duplicates in :mod:`merge`, serving pulls in
:mod:`pull`; each works through a :class:`Hub`, which holds the request's one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, or_, select, text

from linkworker_desktop.hub import schema
from linkworker_desktop.hub.records import RecordCache, now
from linkworker_desktop.sync.protocol import Mutation, PullResponse, PushResponse

__all__ = ["Caller", "CursorExpired", "Hub", "now"]

# Rows changed before a first analysis is worth its time (a sample of the table, ~0.1 s).
_ANALYSE_AFTER = 5000


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated device: who it is and what it may see."""

    device_id: str
    client_id: str
    worker_id: str
    org_id: str
    team_id: str | None


class CursorExpired(Exception):
    """The client's cursor predates what the hub still keeps: it must resync from zero."""


class Hub:
    def __init__(self, conn: Connection, caller: Caller):
        self.conn = conn
        self.caller = caller
        self.cache = RecordCache(conn, caller.org_id)
        self._teams: set[str] | None = None

    def push(self, client_id: str, mutations: list[Mutation], cursor: int = 0) -> PushResponse:
        """Apply a batch; ``cursor`` is how far the device had pulled when it pushed."""
        from linkworker_desktop.hub.push import Push

        try:
            return Push(self, cursor).run(client_id, mutations)
        finally:
            self.cache.clear()  # what the push read is freed now, not by the cycle collector

    def pull(self, cursor: int, limit: int) -> PullResponse:
        from linkworker_desktop.hub.pull import serve_pull

        return serve_pull(self, cursor, limit)

    # --- bookkeeping --------------------------------------------------------------------------

    def audit(self, action: str, detail: str) -> None:
        self.conn.execute(
            schema.audit.insert().values(
                at=now(),
                org_id=self.caller.org_id,
                device_id=self.caller.device_id,
                worker_id=self.caller.worker_id,
                action=action,
                detail=detail,
            )
        )

    def lock_org(self) -> int:
        row = self.conn.execute(
            select(schema.organisations.c.version)
            .where(schema.organisations.c.id == self.caller.org_id)
            .with_for_update()
        ).one()
        return int(row.version)

    def save_org_version(self, version: int) -> None:
        self.conn.execute(
            schema.organisations.update()
            .where(schema.organisations.c.id == self.caller.org_id)
            .values(version=version)
        )

    def last_mutation_id(self) -> int | None:
        value = self.conn.execute(
            select(schema.client_mutations.c.last_mutation_id).where(
                schema.client_mutations.c.client_id == self.caller.client_id
            )
        ).scalar()
        return None if value is None else int(value)

    def set_last_mutation_id(self, value: int, existed: bool) -> None:
        table = schema.client_mutations
        if existed:
            self.conn.execute(
                table.update()
                .where(table.c.client_id == self.caller.client_id)
                .values(last_mutation_id=value)
            )
        else:
            self.conn.execute(
                table.insert().values(client_id=self.caller.client_id, last_mutation_id=value)
            )

    def refresh_statistics(self, added: int) -> None:
        """On PostgreSQL, have the planner's picture of ``records`` keep up with a bulk upload.

        Until the table is analysed, PostgreSQL guesses one record per organisation and kind,
        and plans a push's read of its records as a walk through every record of the
        organisation tested against the whole list of ids: a first upload of 270k records
        slowed with every batch. Autovacuum analyses within a minute or so; a first upload
        is faster than that, so once the table has changed by more than it held when last
        analysed (and by at least ``_ANALYSE_AFTER`` rows) it is analysed here. ``added`` is
        what this transaction inserted, not yet in the server's counts.
        """
        if self.conn.dialect.name != "postgresql" or not added:
            return
        changed = self.conn.execute(
            text(
                "SELECT s.n_mod_since_analyze + :added > GREATEST(:least, c.reltuples)"
                " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                " WHERE s.relid = 'records'::regclass"
            ),
            {"added": added, "least": _ANALYSE_AFTER},
        ).scalar()
        if changed:
            self.conn.execute(text("ANALYZE records"))

    # --- scope --------------------------------------------------------------------------------

    def in_scope(self, team_id: str | None, owner_id: str | None) -> bool:
        if team_id is None and owner_id is None:
            return True
        mine = self.caller.team_id is not None and team_id == self.caller.team_id
        return mine or owner_id == self.caller.worker_id

    def scope_filter(self, team_id: Any, owner_id: Any) -> Any:
        """The SQL twin of :meth:`in_scope` (a worker with no team matches no team's records)."""
        mine = [owner_id == self.caller.worker_id]
        if self.caller.team_id is not None:
            mine.append(team_id == self.caller.team_id)
        return or_(*mine)

    def team_in_org(self, team_id: str | None) -> bool:
        if team_id is None:
            return True
        if self._teams is None:
            self._teams = set(
                self.conn.execute(
                    select(schema.teams.c.id).where(schema.teams.c.org_id == self.caller.org_id)
                ).scalars()
            )
        return team_id in self._teams
