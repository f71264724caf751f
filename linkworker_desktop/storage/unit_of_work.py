"""The one way anything is written: the row, its audit event and its outbox mutation together.

A unit of work is a single ``BEGIN IMMEDIATE`` transaction. Because the outbox row commits with
the change it describes, sync can never miss a change nor send one that was rolled back, and the
audit log can never disagree with the data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from types import TracebackType
from typing import Any

from linkworker_desktop.domain.entities import SYNCED_ENTITIES
from linkworker_desktop.domain.ids import utc_now, uuid7

SYNCED_TABLES = SYNCED_ENTITIES
_BOOKKEEPING = ("id", "created_at", "updated_at", "author_id", "deleted", "versions")
# SQLite allows 32,766 bound values; a few hundred ids a look-up keeps each statement small.
_IDS_PER_LOOKUP = 500


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is writing: the worker in person, and the laptop profile that queues the change."""

    worker_id: str
    client_id: str


def table_columns(conn: Any, table: str) -> frozenset[str]:
    """Column names from the schema itself, so no list of columns is kept twice."""
    if table not in SYNCED_TABLES:
        raise ValueError(f"{table} is not a synced table")
    rows = conn.execute(f"PRAGMA table_info({table})").fetchall()
    return frozenset(row[1] for row in rows)


class UnitOfWork:
    """Use as ``with UnitOfWork(conn, actor) as uow: uow.insert(...)``; it commits on success."""

    def __init__(self, conn: Any, actor: Actor):
        self.conn = conn
        self.actor = actor
        self.now = utc_now()
        # Cached for this transaction only: between transactions a migration may add columns,
        # and a closed connection's id() may be reused by a new one.
        self._columns: dict[str, frozenset[str]] = {}

    def __enter__(self) -> UnitOfWork:
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            # SQLite may already have rolled back (disk full, RAISE(ROLLBACK)); a second
            # ROLLBACK would fail and hide the error that matters.
            self.conn.execute("ROLLBACK")

    # --- writes -------------------------------------------------------------------------------

    def _check_fields(self, table: str, values: dict[str, Any]) -> None:
        if table not in self._columns:
            self._columns[table] = table_columns(self.conn, table)
        unknown = set(values) - self._columns[table]
        bad = unknown | (set(values) & {"created_at", "updated_at", "author_id", "versions"})
        if bad:
            raise ValueError(f"cannot write {sorted(bad)} on {table}")

    def insert(self, table: str, values: dict[str, Any]) -> str:
        """Create a record; returns its new UUID (or the one given, for records made elsewhere)."""
        self._check_fields(table, values)
        row = self._stamped(values)
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
        changed = {k: v for k, v in row.items() if k not in ("id", "versions")}
        self._audit("create", table, row["id"], sorted(values))
        self._queue(table, row["id"], "put", changed, {})
        return str(row["id"])

    def insert_many(
        self,
        table: str,
        rows: Sequence[dict[str, Any]],
        ids: Sequence[str] | None = None,
    ) -> list[str]:
        """Create many records of one table; each is written exactly as :meth:`insert` writes it.

        Three ``executemany`` statements in all instead of three statements a record: a demo
        caseload of 10,000 patients is some 300,000 records. ``ids``, when given, are the new
        records' ids made beforehand (so records can refer to each other before they are
        written); the audit log then reads as if each id had been made on insert.
        """
        if ids is not None and len(ids) != len(rows):
            raise ValueError(f"{len(ids)} ids for {len(rows)} {table} records")
        worker, client, now = self.actor.worker_id, self.actor.client_id, self.now
        stamps = {"created_at": now, "updated_at": now, "author_id": worker}
        encode = _CHANGES_JSON.encode
        fields: dict[tuple[str, ...], str] = {}
        stamped: list[dict[str, Any]] = []
        audits: list[tuple[Any, ...]] = []
        queued: list[tuple[Any, ...]] = []
        for number, values in enumerate(rows):
            shape = tuple(values)
            if shape not in fields:
                self._check_fields(table, values)
                if ids is not None and "id" in values:
                    raise ValueError(f"a {table} record has an id of its own and one made for it")
                fields[shape] = json.dumps(sorted(values))
            row = dict(values)
            if ids is not None:
                row["id"] = ids[number]
            elif "id" not in row:
                row["id"] = uuid7()
            row.update(stamps)
            stamped.append(row)
            changes = dict(row)
            del changes["id"]
            changes.pop("versions", None)
            audits.append((now, worker, "create", table, row["id"], fields[shape]))
            queued.append((client, worker, table, row["id"], "put", encode(changes), "{}", now))
        for names, group in groupby(stamped, key=tuple):
            marks = ", ".join("?" for _ in names)
            self.conn.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
                [tuple(row.values()) for row in group],
            )
        self.conn.executemany(_AUDIT_SQL, audits)
        self.conn.executemany(_OUTBOX_SQL, queued)
        return [str(row["id"]) for row in stamped]

    def _stamped(self, values: dict[str, Any]) -> dict[str, Any]:
        row = dict(values)
        if "id" not in row:
            row["id"] = uuid7()
        row.update(created_at=self.now, updated_at=self.now, author_id=self.actor.worker_id)
        return row

    def update(self, table: str, record_id: str, values: dict[str, Any]) -> list[str]:
        """Change the given fields; returns the names that really changed (none: no write)."""
        self._check_fields(table, values)
        if "id" in values:
            raise ValueError("a record's id never changes")
        current = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
        if current is None:
            raise LookupError(f"no {table} record {record_id}")
        names = [d[0] for d in self.conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
        before = dict(zip(names, current, strict=True))
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return []
        row = dict(changed, updated_at=self.now, author_id=self.actor.worker_id)
        assignments = ", ".join(f"{k} = ?" for k in row)
        self.conn.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ?", [*row.values(), record_id]
        )
        versions = json.loads(before.get("versions") or "{}")
        op = "delete" if changed.get("deleted") == 1 else "put"
        # A delete is based on everything the client saw; an edit only on the fields it changes.
        base = dict(versions) if op == "delete" else {k: versions.get(k, 0) for k in changed}
        self._audit("delete" if op == "delete" else "update", table, record_id, sorted(changed))
        self._queue(
            table,
            record_id,
            op,
            dict(changed, updated_at=self.now, author_id=self.actor.worker_id),
            base,
        )
        return sorted(changed)

    def update_many(
        self, table: str, changes: Sequence[tuple[str, dict[str, Any]]]
    ) -> list[list[str]]:
        """Change many records of one table, each exactly as :meth:`update` changes it.

        ``changes`` holds (record id, values) pairs, applied in order; returns, for each, the
        names that really changed. The records are read a few hundred at a time, not one by one.
        """
        checked: set[tuple[str, ...]] = set()
        for _record_id, values in changes:
            if tuple(values) not in checked:
                self._check_fields(table, values)
                if "id" in values:
                    raise ValueError("a record's id never changes")
                checked.add(tuple(values))
        current = self._current_rows(table, [record_id for record_id, _ in changes])
        writes: list[tuple[tuple[str, ...], list[Any]]] = []
        audits: list[tuple[Any, ...]] = []
        queued: list[tuple[Any, ...]] = []
        result: list[list[str]] = []
        worker = self.actor.worker_id
        for record_id, values in changes:
            before = current.get(record_id)
            if before is None:
                raise LookupError(f"no {table} record {record_id}")
            changed = {k: v for k, v in values.items() if before.get(k) != v}
            result.append(sorted(changed))
            if not changed:
                continue
            row = dict(changed, updated_at=self.now, author_id=worker)
            writes.append((tuple(row), [*row.values(), record_id]))
            before.update(row)  # a record changed twice: the second meets the first's result
            stored = before.get("versions")
            versions = json.loads(stored) if stored and stored != "{}" else {}
            op = "delete" if changed.get("deleted") == 1 else "put"
            base = dict(versions) if op == "delete" else {k: versions.get(k, 0) for k in changed}
            action = "delete" if op == "delete" else "update"
            audits.append((self.now, worker, action, table, record_id, json.dumps(sorted(changed))))
            queued.append(self._outbox_row(table, record_id, op, row, base))
        for names, group in groupby(writes, key=lambda write: write[0]):
            assignments = ", ".join(f"{k} = ?" for k in names)
            self.conn.executemany(
                f"UPDATE {table} SET {assignments} WHERE id = ?", [params for _, params in group]
            )
        self.conn.executemany(_AUDIT_SQL, audits)
        self.conn.executemany(_OUTBOX_SQL, queued)
        return result

    def _current_rows(self, table: str, record_ids: list[str]) -> dict[str, dict[str, Any]]:
        names = [d[0] for d in self.conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(record_ids), _IDS_PER_LOOKUP):
            chunk = list(dict.fromkeys(record_ids[start : start + _IDS_PER_LOOKUP]))
            marks = ", ".join("?" for _ in chunk)
            for values in self.conn.execute(
                f"SELECT * FROM {table} WHERE id IN ({marks})", chunk
            ).fetchall():
                row = dict(zip(names, values, strict=True))
                found[row["id"]] = row
        return found

    def delete(self, table: str, record_id: str) -> None:
        """Tombstone a record: it stays (so sync can tell the hub) but is gone from every view."""
        self.update(table, record_id, {"deleted": 1})

    def set_setting(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key)"
            " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(value), self.now),
        )

    # --- bookkeeping --------------------------------------------------------------------------

    def _audit(self, action: str, entity: str, entity_id: str, fields: list[str]) -> None:
        record_audit(self.conn, self.actor, action, entity, entity_id, fields, self.now)

    def _queue(
        self, entity: str, entity_id: str, op: str, changes: dict[str, Any], base: dict[str, int]
    ) -> None:
        self.conn.execute(_OUTBOX_SQL, self._outbox_row(entity, entity_id, op, changes, base))

    def _outbox_row(
        self, entity: str, entity_id: str, op: str, changes: dict[str, Any], base: dict[str, int]
    ) -> tuple[Any, ...]:
        return (
            self.actor.client_id,
            self.actor.worker_id,
            entity,
            entity_id,
            op,
            _CHANGES_JSON.encode(changes),
            _CHANGES_JSON.encode(base),
            self.now,
        )


# One encoder for every mutation: ``json.dumps`` with options builds a new one on each call.
_CHANGES_JSON = json.JSONEncoder(sort_keys=True, default=str)
_OUTBOX_SQL = (
    "INSERT INTO outbox (client_id, worker_id, entity, entity_id, op, changes,"
    " base_versions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_AUDIT_SQL = (
    "INSERT INTO audit_log (at, worker_id, action, entity, entity_id, fields)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)


def record_audit(
    conn: Any,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: str,
    fields: list[str] | None = None,
    at: str | None = None,
) -> None:
    """Append one audit event. Views are recorded this way too, outside any change."""
    conn.execute(
        _AUDIT_SQL,
        (at or utc_now(), actor.worker_id, action, entity, entity_id, json.dumps(fields or [])),
    )
