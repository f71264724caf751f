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
from typing import Any

from pydantic_core import from_json
from sqlalchemy import Connection, and_, or_, select

from linkworker_desktop.hub import schema, validation
from linkworker_desktop.hub.records import HUB, RecordCache, Row, now
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

__all__ = ["Caller", "CursorExpired", "Hub", "now"]

# Fields that describe a write rather than the record; they never make a conflict.
_QUIET_FIELDS = frozenset({"updated_at", "author_id", "created_at"})
# Fields of a duplicate patient that say nothing about the person, so never compared in a merge.
_NOT_COMPARED = _QUIET_FIELDS | {"id", "versions", "deleted", "merged_into", "team_id"}
_PRINTABLE = re.compile(PRINTABLE)


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
        self.cache = RecordCache(conn)
        self._teams: set[str] | None = None
        self._patients_by_number: dict[str, str] = {}
        self.seen_upto = 0
        self._probed: set[int] = set()  # mutations whose new record already fitted the schema

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

    def _last_mutation_id(self) -> int | None:
        value = self.conn.execute(
            select(schema.client_mutations.c.last_mutation_id).where(
                schema.client_mutations.c.client_id == self.caller.client_id
            )
        ).scalar()
        return None if value is None else int(value)

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
        if self._teams is None:
            self._teams = set(
                self.conn.execute(
                    select(schema.teams.c.id).where(schema.teams.c.org_id == self.caller.org_id)
                ).scalars()
            )
        return team_id in self._teams

    # --- push ---------------------------------------------------------------------------------

    def push(self, client_id: str, mutations: list[Mutation], cursor: int = 0) -> PushResponse:
        """Apply a batch; ``cursor`` is how far the device had pulled when it pushed."""
        self.seen_upto = cursor
        if client_id != self.caller.client_id:
            self.audit("refused", "push for another client id")
            raise PermissionError("This device may only push its own changes.")
        version = self._lock_org()
        known = self._last_mutation_id()
        last = known or 0
        todo = []
        skipped = 0
        for mutation in sorted(mutations, key=lambda m: m.mutation_id):
            if mutation.mutation_id <= last:
                skipped += 1
                continue
            last = mutation.mutation_id
            todo.append(mutation)
        self._prefetch(todo)
        applied = conflicts = 0
        rejected: list[Rejected] = []
        for mutation in todo:
            try:
                version, made = self._apply(mutation, version)
            except _Refused as exc:
                rejected.append(Rejected(mutation_id=mutation.mutation_id, reason=str(exc)))
                self.audit("refused", f"{mutation.entity} {mutation.entity_id}: {exc}")
                continue
            applied += 1
            conflicts += made
        self.cache.flush()
        self._save_org_version(version)
        self._set_last_mutation_id(last, known is not None)
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

    def _prefetch(self, mutations: list[Mutation]) -> None:
        """Read the records a batch names, their parents and same-numbered patients at once."""
        self.cache.load((m.entity, m.entity_id) for m in mutations)
        parents = []
        numbers = set()
        for m in mutations:
            if m.entity in PARENTS:
                parent_entity, field = PARENTS[m.entity]
                existing = self.cache.rows.get((m.entity, m.entity_id))
                value = m.changes.get(field) or (existing.data.get(field) if existing else None)
                if isinstance(value, str):
                    parents.append((parent_entity, value))
            elif m.entity == "conflicts":
                entity, entity_id = m.changes.get("entity"), m.changes.get("entity_id")
                if isinstance(entity, str) and isinstance(entity_id, str):
                    parents.append((entity, entity_id))
            elif m.entity == "patients" and isinstance(m.changes.get("nhs_number"), str):
                numbers.add(m.changes["nhs_number"])
        self.cache.load(parents, light=True)
        self._probe_new_records(mutations)
        if numbers:
            table = schema.records
            for found in self.conn.execute(
                select(table.c.id, table.c.match_key).where(
                    and_(
                        table.c.org_id == self.caller.org_id,
                        table.c.entity == "patients",
                        table.c.match_key.in_(sorted(numbers)),
                    )
                )
            ):
                self._patients_by_number.setdefault(found.match_key, found.id)

    def _probe_new_records(self, mutations: list[Mutation]) -> None:
        """Try the batch's new records against the laptop schema together, not one by one."""
        fresh: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        first: dict[tuple[str, str], int] = {}
        for m in mutations:
            key = (m.entity, m.entity_id)
            if key in first:
                continue
            first[key] = m.mutation_id
            if m.op == "put" and m.entity not in HUB_OWNED and self.cache.rows.get(key) is None:
                data = {k: v for k, v in m.changes.items() if k not in ("id", "versions")}
                fresh.setdefault(m.entity, []).append((m.entity_id, data))
        for entity, records in fresh.items():
            if validation.fits_together(entity, records):
                self._probed.update(first[(entity, record_id)] for record_id, _ in records)

    def _scope_for(
        self, entity: str, data: dict[str, Any]
    ) -> tuple[str | None, str | None, str | None, bool]:
        """(team, owner, root patient, moved) of a record, from its own fields or its parent.

        ``moved`` says a child named a patient since merged into another, and now names that one.
        """
        if entity in ORG_WIDE:
            return None, None, None, False
        if entity == "patients":
            return _reference(data, "team_id"), _reference(data, "owner_worker_id"), None, False
        if entity == "conflicts":
            target = self.cache.get(
                _reference(data, "entity") or "", _reference(data, "entity_id") or ""
            )
            if target is None or target.org_id != self.caller.org_id:
                raise _Refused("the conflict names an unknown record")
            root = target.root_id or (target.id if target.entity == "patients" else None)
            return target.team_id, target.owner_id, root, False
        parent_entity, field = PARENTS[entity]
        parent = self.cache.get(parent_entity, _reference(data, field) or "")
        moved = False
        if parent is not None and parent_entity == "patients":
            survivor = self._survivor(parent)
            if survivor is not parent:
                data[field], parent, moved = survivor.id, survivor, True
        if parent is None or parent.org_id != self.caller.org_id:
            raise _Refused(f"its {parent_entity[:-1]} is not known to the hub")
        root = parent.id if parent_entity == "patients" else parent.root_id
        return parent.team_id, parent.owner_id, root, moved

    def _survivor(self, patient: Row) -> Row:
        """The patient a merged duplicate now lives on (itself when it was never merged)."""
        for _ in range(8):
            if not patient.names_a_survivor():
                return patient
            target = patient.data.get("merged_into")
            found = self.cache.get("patients", target) if isinstance(target, str) else None
            if found is None:
                return patient
            patient = found
        return patient

    def _apply(self, mutation: Mutation, version: int) -> tuple[int, int]:
        """Apply one mutation; returns the new organisation version and conflicts made."""
        if mutation.entity in HUB_OWNED:
            raise _Refused("teams and workers are managed on the hub")
        existing = self.cache.get(mutation.entity, mutation.entity_id)
        if existing is not None and existing.org_id != self.caller.org_id:
            raise _Refused("the record belongs to another organisation")
        if existing is not None and not self._in_scope(existing.team_id, existing.owner_id):
            raise _Refused("the record is outside this worker's caseload")
        redirected = False
        if existing is not None and mutation.entity == "patients":
            survivor = self._survivor(existing)
            if survivor is not existing:
                if mutation.op == "delete":
                    return version, 0  # the duplicate is gone already
                # A later edit of a merged duplicate is an edit of the person's one record.
                changes = {k: v for k, v in mutation.changes.items() if k not in _NOT_COMPARED}
                mutation = mutation.model_copy(
                    update={"entity_id": survivor.id, "changes": changes, "base_versions": {}}
                )
                existing, redirected = survivor, True
        version += 1
        data: dict[str, Any] = dict(existing.data) if existing else {}
        fields: dict[str, dict[str, Any]] = dict(existing.fields) if existing else {}
        deleted = existing.deleted if existing else False
        quiet = mutation.entity in NO_CONFLICT_ENTITIES
        client = self.caller.client_id

        def changed_by_other(field: str, base: int) -> bool:
            entry = fields.get(field)
            return entry is not None and entry["v"] > base and entry["c"] != client

        lost: list[tuple[str, Any, Any]] = []  # (field, value kept, value that lost)
        if mutation.op == "delete":
            if existing is None:
                return version - 1, 0
            based = mutation.base_versions
            edited = [
                f for f in fields if f not in _QUIET_FIELDS and changed_by_other(f, based.get(f, 0))
            ]
            if edited and not quiet:
                # An edit the deleting laptop had not seen wins: the record stays, and is sent
                # back to the laptop that deleted it.
                existing.version, existing.writer, existing.writer_current = version, None, False
                self.cache.put(existing)
                scope = (existing.team_id, existing.owner_id, existing.root_id)
                return self._conflicts(
                    mutation.entity,
                    mutation.entity_id,
                    [("deleted", False, True)],
                    scope,
                    version + 1,
                )
            deleted = True
            for field in ("deleted", *(f for f in mutation.changes if f in _QUIET_FIELDS)):
                data[field] = mutation.changes.get(field, 1)
                fields[field] = {"v": version, "c": client}
            data["deleted"] = 1
        elif existing is None:
            # A new record: nothing to compare with, so every field is simply this write's.
            data = {k: v for k, v in mutation.changes.items() if k not in ("id", "versions")}
            fields = dict.fromkeys(data, {"v": version, "c": client})
            deleted = bool(data.get("deleted"))
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
        if mutation.op == "put":
            try:
                probed = mutation.mutation_id in self._probed
                validation.check(mutation.entity, mutation.entity_id, data, probed)
            except validation.InvalidRecord as exc:
                raise _Refused(str(exc)) from exc
        # Every check comes before the first write, so a refused mutation leaves nothing behind.
        team_id, owner_id, root_id, moved = self._scope_for(mutation.entity, data)
        if not self._team_in_org(team_id):
            raise _Refused("the record names a team of another organisation")
        if existing is None and not self._in_scope(team_id, owner_id):
            raise _Refused("the record is outside this worker's caseload")
        # The laptop holds the result if it had seen the record as it stood: it did if the
        # record has not changed since the laptop's last pull, or only by its own writes.
        seen = (
            existing is None
            or existing.version <= self.seen_upto
            or (existing.writer == client and existing.writer_current)
        )
        writer: str | None = client
        if redirected or moved:
            writer = None  # the hub changed what the laptop sent: it must be sent the result
        number = data.get("nhs_number") if mutation.entity == "patients" and not deleted else None
        row = Row(
            entity=mutation.entity,
            id=mutation.entity_id,
            org_id=self.caller.org_id,
            team_id=team_id,
            owner_id=owner_id,
            root_id=root_id,
            data=data,
            fields=fields,
            version=version,
            deleted=deleted,
            writer=writer,
            writer_current=seen and writer is not None,
            match_key=number if isinstance(number, str) else None,
            stored=existing.stored if existing else False,
        )
        self.cache.put(row)
        made = 0
        if (
            existing is not None
            and mutation.entity == "patients"
            and (existing.team_id, existing.owner_id) != (team_id, owner_id)
        ):
            version = self._move_children(row, existing.team_id, existing.owner_id, version)
        if lost:
            root = root_id or (mutation.entity_id if mutation.entity == "patients" else None)
            version, made = self._conflicts(
                mutation.entity, mutation.entity_id, lost, (team_id, owner_id, root), version + 1
            )
        if row.match_key and (
            "nhs_number" in mutation.changes or existing is None or existing.deleted
        ):
            version, merged = self._merge_if_duplicate(row, version)
            made += merged
        return version, made

    # --- moving and merging -------------------------------------------------------------------

    def _exit(self, version: int, row: Row, team_id: str | None, owner_id: str | None) -> None:
        """Tell pulls of the old scope that this record left it."""
        self.conn.execute(
            schema.scope_exits.insert().values(
                org_id=self.caller.org_id,
                version=version,
                entity=row.entity,
                id=row.id,
                team_id=team_id,
                owner_id=owner_id,
            )
        )

    def _move_children(
        self, patient: Row, old_team: str | None, old_owner: str | None, version: int
    ) -> int:
        """A patient moved team or owner: their records follow, and the old scope is told."""
        self._exit(patient.version, patient, old_team, old_owner)
        for child in self.cache.children(patient.id):
            version += 1
            child.team_id, child.owner_id, child.version = (
                patient.team_id,
                patient.owner_id,
                version,
            )
            child.writer, child.writer_current = None, False
            self.cache.put(child)
            self._exit(version, child, old_team, old_owner)
        return version

    def _merge_if_duplicate(self, row: Row, version: int) -> tuple[int, int]:
        """One person registered twice (one NHS number): the later record joins the first.

        The first to reach the hub survives; everything under the later one moves to it, the
        later one becomes a tombstone naming the survivor, and each detail on which the two
        differ becomes a conflict on the survivor for a person to settle.
        """
        number = row.match_key or ""
        first = self._patients_by_number.get(number)
        if first is None or first == row.id:
            self._patients_by_number[number] = row.id
            return version, 0
        survivor = self.cache.get("patients", first)
        if (
            survivor is None
            or survivor.deleted
            or survivor.match_key != number
            or survivor.org_id != self.caller.org_id
        ):
            self._patients_by_number[number] = row.id
            return version, 0
        if not self._in_scope(survivor.team_id, survivor.owner_id):
            # Another team's patient: kept apart, and left for the organisation to look at.
            self.audit("duplicate", f"patients {row.id} shares an NHS number with {survivor.id}")
            return version, 0
        version += 1
        row.deleted, row.match_key, row.version = True, None, version
        row.data = {**row.data, "deleted": 1, "merged_into": survivor.id}
        row.stamp(version, ("deleted", "merged_into"), HUB)
        row.writer, row.writer_current = None, False
        self.cache.put(row)
        if (row.team_id, row.owner_id) != (survivor.team_id, survivor.owner_id):
            self._exit(version, row, row.team_id, row.owner_id)
        for child in self.cache.children(row.id):
            version += 1
            if (child.team_id, child.owner_id) != (survivor.team_id, survivor.owner_id):
                self._exit(version, child, child.team_id, child.owner_id)
            child.root_id, child.team_id = survivor.id, survivor.team_id
            child.owner_id = survivor.owner_id
            if child.data.get("patient_id") == row.id:
                child.data["patient_id"] = survivor.id
                child.stamp(version, ("patient_id",), HUB)
            child.version, child.writer, child.writer_current = version, None, False
            self.cache.put(child)
        lost = []
        for field, theirs in row.data.items():
            if field in _NOT_COMPARED or field in ("owner_worker_id", "nhs_number"):
                continue
            kept = survivor.data.get(field)
            if theirs in (None, "") or kept == theirs:
                continue
            if kept in (None, ""):
                survivor.data[field] = theirs  # a detail only the duplicate had is kept
                survivor.stamp(version + 1, (field,), HUB)
            else:
                lost.append((field, kept, theirs))
        version += 1
        survivor.version, survivor.writer, survivor.writer_current = version, None, False
        self.cache.put(survivor)
        self.audit("merged", f"patients {row.id} into {survivor.id}")
        if not lost:
            return version, 0
        scope = (survivor.team_id, survivor.owner_id, survivor.id)
        author = survivor.data.get("author_id")
        kept_by = author if isinstance(author, str) else None
        return self._conflicts(
            "patients", survivor.id, lost, scope, version + 1, kept_by, "registered_twice"
        )

    def _conflicts(
        self,
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
                "kept_worker_id": kept_by or self.caller.worker_id,
                "status": "open",
                "reason": reason,
                "created_at": now(),
            }
            self.cache.put(
                Row.by_hub("conflicts", str(uuid.uuid4()), self.caller.org_id, scope, data, version)
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
        # What only this device has written since it last pulled, it holds already.
        not_echo = or_(
            table.c.writer.is_(None),
            table.c.writer != self.caller.client_id,
            table.c.writer_current.is_(False),
        )
        rows = self.conn.execute(
            select(table)
            .where(
                and_(
                    table.c.org_id == self.caller.org_id,
                    table.c.version > cursor,
                    in_scope,
                    not_echo,
                )
            )
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
            RecordChange.model_construct(
                entity=row.entity,
                entity_id=row.id,
                version=int(row.version),
                fields=from_json(row.data),
                field_versions={k: v["v"] for k, v in from_json(row.field_versions).items()},
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
        self.cache.load((row.entity, row.id) for row in removed_rows)
        removed = []
        for row in removed_rows:
            current = self.cache.get(row.entity, row.id)
            if (row.entity, row.id) in sent or (
                current is not None and self._in_scope(current.team_id, current.owner_id)
            ):
                continue
            removed.append(RemovedRecord(entity=row.entity, entity_id=row.id))
        self.audit("pull", f"cursor={cursor} changes={len(changes)} removed={len(removed)}")
        return PullResponse.model_construct(
            protocol=1,
            changes=changes,
            removed=removed,
            next_cursor=next_cursor,
            has_more=has_more,
            last_mutation_id=self._last_mutation_id() or 0,
        )


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
