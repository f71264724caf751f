"""Applying a push: per-field last-writer-wins in arrival order, conflicts kept.

Every push runs in one transaction that locks its organisation's row and bumps the
organisation's version once per record it touches, so versions are handed out in commit order
and a pull (one snapshot) never skips a change that committed out of order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select

from linkworker_desktop.hub import merge, schema, validation
from linkworker_desktop.hub.merge import NOT_COMPARED, QUIET_FIELDS
from linkworker_desktop.hub.records import Row
from linkworker_desktop.hub.scope import HUB_OWNED, ORG_WIDE, PARENTS
from linkworker_desktop.hub.unique_keys import match_key, unique_key
from linkworker_desktop.sync.protocol import (
    NO_CONFLICT_ENTITIES,
    PRINTABLE,
    Mutation,
    PushResponse,
    Rejected,
)

if TYPE_CHECKING:
    from linkworker_desktop.hub.store import Hub

_PRINTABLE = re.compile(PRINTABLE)
# Mutations worked out between two sends of new records to the database during a push.
WRITE_EVERY = 1000
_DELETE_SAYS = frozenset({"updated_at", "author_id"})


class Refused(Exception):
    """A mutation the hub will not apply; the reason goes back to the device and the audit."""


class Push:
    """One device's batch of mutations, applied inside the request's transaction."""

    def __init__(self, hub: Hub, cursor: int):
        self.hub = hub
        self.cache = hub.cache
        self.client = hub.caller.client_id
        self.seen_upto = cursor
        self.patients_by_number: dict[str, str] = {}
        self.keys: dict[tuple[str, str], str] = {}  # (entity, match key) -> record holding it
        # Unique keys of the batch's new records that no record held when the batch began; None
        # once the hub itself has moved records (a merge), when only the database can tell.
        self.free_keys: set[tuple[str, str]] | None = set()
        self.probed: set[int] = set()  # mutations whose new record passed every check already
        # A new record's fields and match key, worked out once when the batch is read and used
        # again when it is applied (a first upload is hundreds of thousands of new records).
        self.fresh: dict[int, dict[str, Any]] = {}
        self.fresh_keys: dict[int, str | None] = {}

    def run(self, client_id: str, mutations: list[Mutation]) -> PushResponse:
        hub = self.hub
        if client_id != self.client:
            hub.audit("refused", "push for another client id")
            raise PermissionError("This device may only push its own changes.")
        version = hub.lock_org()
        known = hub.last_mutation_id()
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
        for done, mutation in enumerate(todo, 1):
            if done % WRITE_EVERY == 0:
                self.cache.write_new_meanwhile()
            try:
                version, made = self._apply(mutation, version)
            except Refused as exc:
                rejected.append(Rejected(mutation_id=mutation.mutation_id, reason=str(exc)))
                hub.audit("refused", f"{mutation.entity} {mutation.entity_id}: {exc}")
                continue
            applied += 1
            conflicts += made
        hub.refresh_statistics(self.cache.flush())
        hub.save_org_version(version)
        hub.set_last_mutation_id(last, known is not None)
        hub.audit(
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
        for m in mutations:
            if m.op == "put" and self.cache.rows.get((m.entity, m.entity_id)) is None:
                self.fresh[m.mutation_id] = _fields_of(m)
        self._probe_new_records(mutations)
        self._find_free_keys(mutations)
        if numbers:
            table = schema.records
            for found in self.hub.conn.execute(
                select(table.c.id, table.c.match_key).where(
                    and_(
                        table.c.org_id == self.hub.caller.org_id,
                        table.c.entity == "patients",
                        table.c.match_key.in_(sorted(numbers)),
                    )
                )
            ):
                self.patients_by_number.setdefault(found.match_key, found.id)

    def _find_free_keys(self, mutations: list[Mutation]) -> None:
        """Which new records' unique keys nobody holds yet, read for the whole batch at once.

        A first upload brings thousands of new records with unique keys (one note per session
        stage); asking about each one alone cost a statement and a flush per record.
        """
        wanted: dict[str, set[str]] = {}
        for m in mutations:
            data = self.fresh.get(m.mutation_id)
            if data is None:
                continue
            if unique_key(m.entity):
                key = self.fresh_keys[m.mutation_id] = match_key(m.entity, data)
                if key is not None:
                    wanted.setdefault(m.entity, set()).add(key)
        table = schema.records
        for entity, keys in wanted.items():
            ordered = sorted(keys)
            held: set[str] = set()
            for start in range(0, len(ordered), 500):
                held.update(
                    self.hub.conn.execute(
                        select(table.c.match_key).where(
                            and_(
                                table.c.org_id == self.hub.caller.org_id,
                                table.c.entity == entity,
                                table.c.match_key.in_(ordered[start : start + 500]),
                            )
                        )
                    ).scalars()
                )
            if self.free_keys is not None:
                self.free_keys.update((entity, key) for key in keys - held)

    def _probe_new_records(self, mutations: list[Mutation]) -> None:
        """Try the batch's new records against the laptop schema together, not one by one."""
        fresh: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        first: dict[tuple[str, str], int] = {}
        for m in mutations:
            key = (m.entity, m.entity_id)
            if key in first:
                continue
            first[key] = m.mutation_id
            data = self.fresh.get(m.mutation_id)
            if data is not None and m.entity not in HUB_OWNED:
                fresh.setdefault(m.entity, []).append((m.entity_id, data))
        for entity, records in fresh.items():
            if validation.fits_together(entity, records):
                self.probed.update(first[(entity, record_id)] for record_id, _ in records)

    def _scope_for(
        self, entity: str, data: dict[str, Any]
    ) -> tuple[str | None, str | None, str | None, bool]:
        """(team, owner, root patient, moved) of a record, from its own fields or its parent.

        ``moved`` says a child named a patient since merged into another, and now names that one.
        """
        org_id = self.hub.caller.org_id
        if entity in ORG_WIDE:
            return None, None, None, False
        if entity == "patients":
            return _reference(data, "team_id"), _reference(data, "owner_worker_id"), None, False
        if entity == "conflicts":
            target = self.cache.get(
                _reference(data, "entity") or "", _reference(data, "entity_id") or ""
            )
            if target is None or target.org_id != org_id:
                raise Refused("the conflict names an unknown record")
            root = target.root_id or (target.id if target.entity == "patients" else None)
            return target.team_id, target.owner_id, root, False
        parent_entity, field = PARENTS[entity]
        parent = self.cache.get(parent_entity, _reference(data, field) or "")
        moved = False
        if parent is not None and parent_entity == "patients":
            found = merge.survivor(self.hub, parent)
            if found is not parent:
                data[field], parent, moved = found.id, found, True
        if parent is None or parent.org_id != org_id:
            raise Refused(f"its {parent_entity[:-1]} is not known to the hub")
        root = parent.id if parent_entity == "patients" else parent.root_id
        return parent.team_id, parent.owner_id, root, moved

    def _apply(self, mutation: Mutation, version: int) -> tuple[int, int]:
        """Apply one mutation; returns the new organisation version and conflicts made."""
        hub = self.hub
        if mutation.entity in HUB_OWNED:
            raise Refused("teams and workers are managed on the hub")
        existing = self.cache.get(mutation.entity, mutation.entity_id)
        if existing is not None and existing.org_id != hub.caller.org_id:
            raise Refused("the record belongs to another organisation")
        if existing is not None and not hub.in_scope(existing.team_id, existing.owner_id):
            raise Refused("the record is outside this worker's caseload")
        redirected = False
        if existing is not None and mutation.entity == "patients":
            found = merge.survivor(hub, existing)
            if found is not existing:
                if mutation.op == "delete":
                    return version, 0  # the duplicate is gone already
                # A later edit of a merged duplicate is an edit of the person's one record.
                changes = {k: v for k, v in mutation.changes.items() if k not in NOT_COMPARED}
                mutation = mutation.model_copy(
                    update={"entity_id": found.id, "changes": changes, "base_versions": {}}
                )
                existing, redirected = found, True
        version += 1
        data: dict[str, Any] = dict(existing.data) if existing else {}
        fields: dict[str, dict[str, Any]] = dict(existing.fields) if existing else {}
        deleted = existing.deleted if existing else False
        quiet = mutation.entity in NO_CONFLICT_ENTITIES
        client = self.client

        def changed_by_other(field: str, base: int) -> bool:
            entry = fields.get(field)
            return entry is not None and entry["v"] > base and entry["c"] != client

        lost: list[tuple[str, Any, Any]] = []  # (field, value kept, value that lost)
        if mutation.op == "delete":
            if existing is None:
                return version - 1, 0
            based = mutation.base_versions
            edited = [
                f for f in fields if f not in QUIET_FIELDS and changed_by_other(f, based.get(f, 0))
            ]
            if edited and not quiet:
                # An edit the deleting laptop had not seen wins: the record stays, and is sent
                # back to the laptop that deleted it.
                existing.version, existing.writer, existing.writer_current = version, None, False
                self.cache.put(existing)
                scope = (existing.team_id, existing.owner_id, existing.root_id)
                return merge.keep_conflicts(
                    hub,
                    mutation.entity,
                    mutation.entity_id,
                    [("deleted", False, True)],
                    scope,
                    version + 1,
                )
            deleted = True
            # A delete says when and by whom; when the record was made does not change.
            for field in ("deleted", *(f for f in mutation.changes if f in _DELETE_SAYS)):
                data[field] = mutation.changes.get(field, 1)
                fields[field] = {"v": version, "c": client}
            data["deleted"] = 1
        elif existing is None:
            # A new record: nothing to compare with, so every field is simply this write's.
            data = self.fresh.pop(mutation.mutation_id, {}) or _fields_of(mutation)
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
                    and field not in QUIET_FIELDS
                    and field in data
                    and data[field] != value
                    and changed_by_other(field, mutation.base_versions.get(field, 0))
                ):
                    lost.append((field, value, data[field]))
                data[field] = value
                fields[field] = {"v": version, "c": client}
            if "deleted" in mutation.changes:
                deleted = bool(mutation.changes["deleted"])
        # Puts and deletes alike: whatever the hub keeps, every laptop must be able to hold.
        # A new record tried with its batch (fits_together) has passed every check already.
        if mutation.mutation_id not in self.probed:
            try:
                validation.check(mutation.entity, mutation.entity_id, data)
            except validation.InvalidRecord as exc:
                raise Refused(str(exc)) from exc
        # Every check comes before the first write, so a refused mutation leaves nothing behind.
        team_id, owner_id, root_id, moved = self._scope_for(mutation.entity, data)
        if not hub.team_in_org(team_id):
            raise Refused("the record names a team of another organisation")
        if existing is None and not hub.in_scope(team_id, owner_id):
            raise Refused("the record is outside this worker's caseload")
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
        key_columns = unique_key(mutation.entity)
        if mutation.entity == "patients":
            number = data.get("nhs_number") if not deleted else None
            key = number if isinstance(number, str) else None
        elif existing is None and not moved and mutation.mutation_id in self.fresh_keys:
            key = self.fresh_keys[mutation.mutation_id]  # worked out when the batch was read
        else:
            key = match_key(mutation.entity, data)
        row = Row(
            entity=mutation.entity,
            id=mutation.entity_id,
            org_id=hub.caller.org_id,
            team_id=team_id,
            owner_id=owner_id,
            root_id=root_id,
            data=data,
            fields=fields,
            version=version,
            deleted=deleted,
            writer=writer,
            writer_current=seen and writer is not None,
            match_key=key,
            stored=existing.stored if existing else False,
        )
        self.cache.put(row)
        made = 0
        if (
            existing is not None
            and mutation.entity == "patients"
            and (existing.team_id, existing.owner_id) != (team_id, owner_id)
        ):
            self.free_keys = None
            version = merge.move_children(hub, row, existing.team_id, existing.owner_id, version)
        if lost:
            root = root_id or (mutation.entity_id if mutation.entity == "patients" else None)
            version, made = merge.keep_conflicts(
                hub,
                mutation.entity,
                mutation.entity_id,
                lost,
                (team_id, owner_id, root),
                version + 1,
            )
        if row.match_key and key_columns:
            if existing is None or any(c in mutation.changes for c in key_columns):
                version, merged = self._settle_shared_key(row, version)
                made += merged
        elif row.match_key and (
            "nhs_number" in mutation.changes or existing is None or existing.deleted
        ):
            version, merged = self._merge_if_duplicate(row, version)
            made += merged
        return version, made

    def _settle_shared_key(self, row: Row, version: int) -> tuple[int, int]:
        """Another record of the organisation already holds this laptop UNIQUE key: settle it."""
        slot = (row.entity, row.match_key or "")
        first_id = self.keys.get(slot)
        if first_id is None and self.free_keys is not None and slot in self.free_keys:
            # Nobody held it when the batch began, and no record of the batch has taken it.
            self.keys[slot] = row.id
            return version, 0
        if first_id is None:
            self.cache.flush()  # what this batch has settled already counts
            table = schema.records
            # The earliest holder is picked here, not by ORDER BY version: ordered in SQL,
            # SQLite walks the organisation's records in version order instead of the key's index.
            holders = self.hub.conn.execute(
                select(table.c.version, table.c.id).where(
                    and_(
                        table.c.org_id == self.hub.caller.org_id,
                        table.c.entity == row.entity,
                        table.c.match_key == row.match_key,
                        table.c.id != row.id,
                    )
                )
            ).all()
            first_id = min(holders)[1] if holders else None
        first = self.cache.get(row.entity, first_id) if first_id else None
        if first is None or first is row or first.match_key != row.match_key:
            self.keys[slot] = row.id
            return version, 0
        self.free_keys = None
        version, made = merge.settle_shared_key(self.hub, row, first, version)
        self.keys[slot] = first.id if first.match_key == slot[1] else row.id
        return version, made

    def _merge_if_duplicate(self, row: Row, version: int) -> tuple[int, int]:
        """The first record with this NHS number to reach the hub survives; a later one joins it."""
        number = row.match_key or ""
        first_id = self.patients_by_number.get(number)
        if first_id is None or first_id == row.id:
            self.patients_by_number[number] = row.id
            return version, 0
        first = self.cache.get("patients", first_id)
        if (
            first is None
            or first.deleted
            or first.match_key != number
            or first.org_id != self.hub.caller.org_id
        ):
            self.patients_by_number[number] = row.id
            return version, 0
        self.free_keys = None
        return merge.merge_patient(self.hub, row, first, version)


def _fields_of(mutation: Mutation) -> dict[str, Any]:
    """What a put stores: its changes without the laptop's own bookkeeping."""
    fields = dict(mutation.changes)
    fields.pop("id", None)
    fields.pop("versions", None)
    return fields


def _reference(data: dict[str, Any], field: str) -> str | None:
    """A field naming another record or a team: text, or nothing (a number or list is refused)."""
    value = data.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 64 or not _PRINTABLE.match(value):
        raise Refused(f"its {field} is not an id")
    return value
