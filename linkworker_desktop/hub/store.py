"""Push and pull on the hub: per-field last-writer-wins in arrival order, conflicts kept.

Every push runs in one transaction that locks its organisation's row and bumps the
organisation's version once per record it touches, so versions are handed out in commit order
and a pull (one snapshot) never skips a change that committed out of order.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from linkworker_desktop.hub import schema
from linkworker_desktop.hub.scope import HUB_OWNED, ORG_WIDE, PARENTS
from linkworker_desktop.sync.protocol import (
    NO_CONFLICT_ENTITIES,
    PRINTABLE,
    Mutation,
    PullResponse,
    PushResponse,
    RecordChange,
    Rejected,
    RemovedRecord,
)

# Fields that describe a write rather than the record; they never make a conflict.
_QUIET_FIELDS = frozenset({"updated_at", "author_id", "created_at"})
_PRINTABLE = re.compile(PRINTABLE)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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

    def _lock_org(self) -> int:
        row = self.conn.execute(
            select(schema.organisations.c.version)
            .where(schema.organisations.c.id == self.caller.org_id)
            .with_for_update()
        ).one()
        return int(row.version)

    def _save_org_version(self, version: int) -> None:
        self.conn.execute(
            schema.organisations.update()
            .where(schema.organisations.c.id == self.caller.org_id)
            .values(version=version)
        )

    def _last_mutation_id(self) -> int:
        value = self.conn.execute(
            select(schema.client_mutations.c.last_mutation_id).where(
                schema.client_mutations.c.client_id == self.caller.client_id
            )
        ).scalar()
        return int(value or 0)

    def _set_last_mutation_id(self, value: int, existed: bool) -> None:
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

    def _record(self, entity: str, entity_id: str) -> Any:
        return self.conn.execute(
            select(schema.records).where(
                and_(schema.records.c.entity == entity, schema.records.c.id == entity_id)
            )
        ).first()

    def _in_scope(self, team_id: str | None, owner_id: str | None) -> bool:
        if team_id is None and owner_id is None:
            return True
        mine = self.caller.team_id is not None and team_id == self.caller.team_id
        return mine or owner_id == self.caller.worker_id

    def _scope_filter(self, team_id: Any, owner_id: Any) -> Any:
        """The SQL twin of :meth:`_in_scope` (a worker with no team matches no team's records)."""
        mine = [owner_id == self.caller.worker_id]
        if self.caller.team_id is not None:
            mine.append(team_id == self.caller.team_id)
        return or_(*mine)

    def _team_in_org(self, team_id: str | None) -> bool:
        if team_id is None:
            return True
        found = self.conn.execute(
            select(schema.teams.c.id).where(
                and_(schema.teams.c.id == team_id, schema.teams.c.org_id == self.caller.org_id)
            )
        ).first()
        return found is not None

    # --- push ---------------------------------------------------------------------------------

    def push(self, client_id: str, mutations: list[Mutation]) -> PushResponse:
        if client_id != self.caller.client_id:
            self.audit("refused", "push for another client id")
            raise PermissionError("This device may only push its own changes.")
        version = self._lock_org()
        last = self._last_mutation_id()
        existed = (
            self.conn.execute(
                select(schema.client_mutations.c.client_id).where(
                    schema.client_mutations.c.client_id == client_id
                )
            ).first()
            is not None
        )
        applied = skipped = conflicts = 0
        rejected: list[Rejected] = []
        for mutation in sorted(mutations, key=lambda m: m.mutation_id):
            if mutation.mutation_id <= last:
                skipped += 1
                continue
            last = mutation.mutation_id
            try:
                version, made = self._apply(mutation, version)
            except _Refused as exc:
                rejected.append(Rejected(mutation_id=mutation.mutation_id, reason=str(exc)))
                self.audit("refused", f"{mutation.entity} {mutation.entity_id}: {exc}")
                continue
            applied += 1
            conflicts += made
        self._save_org_version(version)
        self._set_last_mutation_id(last, existed)
        self.audit(
            "push",
            f"applied={applied} skipped={skipped} conflicts={conflicts} rejected={len(rejected)}",
        )
        return PushResponse(
            last_mutation_id=last,
            applied=applied,
            skipped=skipped,
            conflicts=conflicts,
            rejected=rejected,
        )

    def _scope_for(
        self, entity: str, data: dict[str, Any]
    ) -> tuple[str | None, str | None, str | None]:
        """(team, owner, root patient id) of a record, from its own fields or its parent."""
        if entity in ORG_WIDE:
            return None, None, None
        if entity == "patients":
            return _reference(data, "team_id"), _reference(data, "owner_worker_id"), None
        if entity == "conflicts":
            target = self._record(
                _reference(data, "entity") or "", _reference(data, "entity_id") or ""
            )
            if target is None or target.org_id != self.caller.org_id:
                raise _Refused("the conflict names an unknown record")
            root = target.root_id or (target.id if target.entity == "patients" else None)
            return target.team_id, target.owner_id, root
        parent_entity, field = PARENTS[entity]
        parent = self._record(parent_entity, _reference(data, field) or "")
        if parent is None or parent.org_id != self.caller.org_id:
            raise _Refused(f"its {parent_entity[:-1]} is not known to the hub")
        root = parent.id if parent_entity == "patients" else parent.root_id
        return parent.team_id, parent.owner_id, root

    def _apply(self, mutation: Mutation, version: int) -> tuple[int, int]:
        """Apply one mutation; returns the new organisation version and conflicts made."""
        if mutation.entity in HUB_OWNED:
            raise _Refused("teams and workers are managed on the hub")
        existing = self._record(mutation.entity, mutation.entity_id)
        if existing is not None and existing.org_id != self.caller.org_id:
            raise _Refused("the record belongs to another organisation")
        data: dict[str, Any] = json.loads(existing.data) if existing else {}
        fields: dict[str, dict[str, Any]] = json.loads(existing.field_versions) if existing else {}
        if existing is not None and not self._in_scope(existing.team_id, existing.owner_id):
            raise _Refused("the record is outside this worker's caseload")
        version += 1
        deleted = bool(existing.deleted) if existing else False
        quiet = mutation.entity in NO_CONFLICT_ENTITIES
        client = self.caller.client_id

        def changed_by_other(field: str, base: int) -> bool:
            entry = fields.get(field)
            return entry is not None and entry["v"] > base and entry["c"] != client

        lost: list[tuple[str, Any, Any]] = []  # (field, value kept, value that lost)
        if mutation.op == "delete":
            if existing is None:
                return version - 1, 0
            seen = mutation.base_versions
            edited = [
                f for f in fields if f not in _QUIET_FIELDS and changed_by_other(f, seen.get(f, 0))
            ]
            if edited and not quiet:
                # An edit the deleting laptop had not seen wins: the record stays.
                scope = (existing.team_id, existing.owner_id, existing.root_id)
                return self._conflicts(mutation, [("deleted", False, True)], scope, version)
            deleted = True
            fields["deleted"] = {"v": version, "c": client}
            data["deleted"] = 1
        else:
            if deleted and not quiet:
                lost.append(("deleted", False, True))
                deleted = False  # an edit against a delete keeps the record
                data["deleted"] = 0
            for field, value in mutation.changes.items():
                if field in ("id", "versions"):
                    continue
                if (
                    not quiet
                    and field not in _QUIET_FIELDS
                    and field in data
                    and data[field] != value
                    and changed_by_other(field, mutation.base_versions.get(field, 0))
                ):
                    lost.append((field, value, data[field]))
                data[field] = value
                fields[field] = {"v": version, "c": client}
            if "deleted" in mutation.changes:
                deleted = bool(mutation.changes["deleted"])
        # Every check comes before the first write, so a refused mutation leaves nothing behind.
        team_id, owner_id, root_id = self._scope_for(mutation.entity, data)
        if not self._team_in_org(team_id):
            raise _Refused("the record names a team of another organisation")
        if existing is None and not self._in_scope(team_id, owner_id):
            raise _Refused("the record is outside this worker's caseload")
        values = {
            "org_id": self.caller.org_id,
            "team_id": team_id,
            "owner_id": owner_id,
            "root_id": root_id,
            "data": json.dumps(data, sort_keys=True, default=str),
            "field_versions": json.dumps(fields, sort_keys=True),
            "version": version,
            "deleted": deleted,
            "updated_at": now(),
        }
        table = schema.records
        if existing is None:
            self.conn.execute(
                table.insert().values(entity=mutation.entity, id=mutation.entity_id, **values)
            )
        else:
            self.conn.execute(
                table.update()
                .where(and_(table.c.entity == mutation.entity, table.c.id == mutation.entity_id))
                .values(**values)
            )
            if mutation.entity == "patients" and (existing.team_id, existing.owner_id) != (
                team_id,
                owner_id,
            ):
                version = self._move_scope(mutation.entity_id, existing, team_id, owner_id, version)
        if not lost:
            return version, 0
        root = root_id or (mutation.entity_id if mutation.entity == "patients" else None)
        return self._conflicts(mutation, lost, (team_id, owner_id, root), version + 1)

    def _move_scope(
        self, patient_id: str, before: Any, team_id: str | None, owner_id: str | None, version: int
    ) -> int:
        """A patient moved team or owner: their records follow, and the old scope is told."""
        table = schema.records
        self.conn.execute(
            schema.scope_exits.insert().values(
                org_id=self.caller.org_id,
                version=version,
                entity="patients",
                id=patient_id,
                team_id=before.team_id,
                owner_id=before.owner_id,
            )
        )
        children = self.conn.execute(
            select(table.c.entity, table.c.id).where(table.c.root_id == patient_id)
        ).all()
        for child in children:
            version += 1
            self.conn.execute(
                table.update()
                .where(and_(table.c.entity == child.entity, table.c.id == child.id))
                .values(team_id=team_id, owner_id=owner_id, version=version)
            )
            self.conn.execute(
                schema.scope_exits.insert().values(
                    org_id=self.caller.org_id,
                    version=version,
                    entity=child.entity,
                    id=child.id,
                    team_id=before.team_id,
                    owner_id=before.owner_id,
                )
            )
        return version

    def _conflicts(
        self,
        mutation: Mutation,
        lost: list[tuple[str, Any, Any]],
        scope: tuple[str | None, str | None, str | None],
        version: int,
    ) -> tuple[int, int]:
        """Keep each value that lost, for a person to settle; a conflict syncs like a record.

        Each conflict takes its own version from ``version`` on, so no two records share one
        (a page of a pull ends between two versions, never inside one).
        """
        team_id, owner_id, root_id = scope
        for field, kept, other in lost:
            data = {
                "entity": mutation.entity,
                "entity_id": mutation.entity_id,
                "field": field,
                "kept_value": json.dumps(kept, default=str),
                "other_value": json.dumps(other, default=str),
                "kept_worker_id": self.caller.worker_id,
                "status": "open",
                "created_at": now(),
            }
            self.conn.execute(
                schema.records.insert().values(
                    org_id=self.caller.org_id,
                    entity="conflicts",
                    id=str(uuid.uuid4()),
                    team_id=team_id,
                    owner_id=owner_id,
                    root_id=root_id,
                    data=json.dumps(data),
                    field_versions=json.dumps({k: {"v": version, "c": "hub"} for k in data}),
                    version=version,
                    deleted=False,
                    updated_at=now(),
                )
            )
            version += 1
        return version - 1, len(lost)

    # --- pull ---------------------------------------------------------------------------------

    def pull(self, cursor: int, limit: int) -> PullResponse:
        org = self.conn.execute(
            select(schema.organisations.c.version, schema.organisations.c.min_cursor).where(
                schema.organisations.c.id == self.caller.org_id
            )
        ).one()
        if cursor and cursor < org.min_cursor:
            raise CursorExpired()
        table = schema.records
        in_scope = or_(
            self._scope_filter(table.c.team_id, table.c.owner_id),
            and_(table.c.team_id.is_(None), table.c.owner_id.is_(None)),
        )
        rows = self.conn.execute(
            select(table)
            .where(and_(table.c.org_id == self.caller.org_id, table.c.version > cursor, in_scope))
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
        changes = [
            RecordChange(
                entity=row.entity,
                entity_id=row.id,
                version=row.version,
                fields=json.loads(row.data),
                field_versions={k: v["v"] for k, v in json.loads(row.field_versions).items()},
                deleted=bool(row.deleted),
            )
            for row in rows
        ]
        exits = schema.scope_exits
        removed_rows = self.conn.execute(
            select(exits.c.entity, exits.c.id).where(
                and_(
                    exits.c.org_id == self.caller.org_id,
                    exits.c.version > cursor,
                    exits.c.version <= next_cursor,
                    self._scope_filter(exits.c.team_id, exits.c.owner_id),
                )
            )
        ).all()
        sent = {(c.entity, c.entity_id) for c in changes}
        removed = []
        for row in removed_rows:
            current = self._record(row.entity, row.id)
            if (row.entity, row.id) in sent or (
                current is not None and self._in_scope(current.team_id, current.owner_id)
            ):
                continue
            removed.append(RemovedRecord(entity=row.entity, entity_id=row.id))
        if cursor == 0:
            changes = self._hub_owned() + changes
        self.audit("pull", f"cursor={cursor} changes={len(changes)} removed={len(removed)}")
        return PullResponse(
            changes=changes,
            removed=removed,
            next_cursor=next_cursor,
            has_more=has_more,
            last_mutation_id=self._last_mutation_id(),
        )

    def _hub_owned(self) -> list[RecordChange]:
        """The organisation's teams and workers, sent with a first (or full) pull."""
        result = []
        for team in self.conn.execute(
            select(schema.teams).where(schema.teams.c.org_id == self.caller.org_id)
        ).all():
            result.append(
                RecordChange(
                    entity="teams",
                    entity_id=team.id,
                    version=0,
                    fields={"name": team.name},
                    field_versions={},
                    deleted=False,
                )
            )
        for worker in self.conn.execute(
            select(schema.workers).where(schema.workers.c.org_id == self.caller.org_id)
        ).all():
            result.append(
                RecordChange(
                    entity="workers",
                    entity_id=worker.id,
                    version=0,
                    fields={"display_name": worker.name, "team_id": worker.team_id},
                    field_versions={},
                    deleted=False,
                )
            )
        return result


class _Refused(Exception):
    """A mutation the hub will not apply; the reason goes back to the device and the audit."""


def _reference(data: dict[str, Any], field: str) -> str | None:
    """A field naming another record or a team: text, or nothing (a number or list is refused)."""
    value = data.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 64 or not _PRINTABLE.match(value):
        raise _Refused(f"its {field} is not an id")
    return value
