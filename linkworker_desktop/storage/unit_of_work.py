"""The one way anything is written: the row, its audit event and its outbox mutation together.

A unit of work is a single ``BEGIN IMMEDIATE`` transaction. Because the outbox row commits with
the change it describes, sync can never miss a change nor send one that was rolled back, and the
audit log can never disagree with the data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
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
        _check_fields(table, values, self.columns(table))

    def insert(self, table: str, values: dict[str, Any]) -> str:
        """Create a record; returns its new UUID (or the one given, for records made elsewhere)."""
        self._check_fields(table, values)
        row = self._stamped(values)
        self.conn.execute(_insert_sql(table, tuple(row)), list(row.values()))
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
        prepared = prepare_inserts(
            table, rows, actor=self.actor, now=self.now, columns=self.columns(table), ids=ids
        )
        self.write_prepared(prepared)
        return prepared.ids

    def write_prepared(self, prepared: PreparedInserts) -> None:
        """Write records made ready by :func:`prepare_inserts`, perhaps in another process.

        They were checked against the columns they were prepared for; they are checked again
        here against this database's, and must be this writer's own.
        """
        if prepared.actor != self.actor:
            raise ValueError(f"{prepared.table} records prepared for another worker or laptop")
        columns = self.columns(prepared.table)
        for names, values in prepared.groups:
            unknown = set(names) - columns
            if unknown:
                raise ValueError(f"cannot write {sorted(unknown)} on {prepared.table}")
            _insert_rows(self.conn, prepared.table, names, values)
        _insert_rows(self.conn, "audit_log", _AUDIT_COLUMNS, prepared.audits)
        _insert_rows(self.conn, "outbox", _OUTBOX_COLUMNS, prepared.queued)

    def columns(self, table: str) -> frozenset[str]:
        """The table's columns, read once a transaction."""
        if table not in self._columns:
            self._columns[table] = table_columns(self.conn, table)
        return self._columns[table]

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
            _encode_changes(changes),
            _encode_changes(base),
            self.now,
        )


# One encoder for every mutation: ``json.dumps`` with options builds a new one on each call.
_CHANGES_JSON = json.JSONEncoder(sort_keys=True, default=str)


def _changes_encoder() -> Callable[[dict[str, Any]], str]:
    """``_CHANGES_JSON.encode`` without its set-up on every call: a demo encodes 270,000.

    Built the way ``JSONEncoder.iterencode`` builds Python's C encoder (no circular check:
    a mutation is flat), and used only when it writes exactly what the encoder writes.
    """
    if c_make_encoder is None:
        return _CHANGES_JSON.encode
    chunks = c_make_encoder(None, str, encode_basestring_ascii, None, ": ", ", ", True, False, True)

    def encode(changes: dict[str, Any]) -> str:
        return "".join(chunks(changes, 0))

    sample = {"b": 'caf\u00e9 "x"', "a": [1, 2.5, None, True], "c": {"d": float("nan")}}
    return encode if encode(sample) == _CHANGES_JSON.encode(sample) else _CHANGES_JSON.encode


_encode_changes = _changes_encoder()
_AUDIT_COLUMNS = ("at", "worker_id", "action", "entity", "entity_id", "fields")
_OUTBOX_COLUMNS = (
    "client_id", "worker_id", "entity", "entity_id", "op", "changes", "base_versions", "created_at"
)  # fmt: skip


def _insert_sql(table: str, names: Sequence[str], rows: int = 1) -> str:
    one = "(" + ", ".join("?" for _ in names) + ")"
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES " + ", ".join([one] * rows)


_AUDIT_SQL = _insert_sql("audit_log", _AUDIT_COLUMNS)
_OUTBOX_SQL = _insert_sql("outbox", _OUTBOX_COLUMNS)
# Rows a many-row INSERT carries: enough to spare SQLite a step a row, few enough that a
# statement's text stays short; never more values than SQLite binds in one statement.
_ROWS_A_STATEMENT = 50
_MOST_VALUES = 32_766


@dataclass(frozen=True, slots=True)
class PreparedInserts:
    """New records of one table, stamped, with their audit events and outbox mutations.

    Made by :func:`prepare_inserts`, which needs no connection (so a demo caseload's next
    records can be made ready in another process), and written by
    :meth:`UnitOfWork.write_prepared`: one statement for each shape of record, one for the
    audit events and one for the outbox.
    """

    table: str
    actor: Actor
    groups: tuple[tuple[tuple[str, ...], list[tuple[Any, ...]]], ...]
    audits: list[tuple[Any, ...]]
    queued: list[tuple[Any, ...]]
    ids: list[str]


def prepare_inserts(
    table: str,
    rows: Sequence[dict[str, Any]],
    *,
    actor: Actor,
    now: str,
    columns: frozenset[str],
    ids: Sequence[str] | None = None,
) -> PreparedInserts:
    """New records as :meth:`UnitOfWork.insert` would write them, stamped ``now``.

    ``columns`` are the table's (:meth:`UnitOfWork.columns`); a record with any other field,
    or one setting its own stamps, is refused before anything is written.
    """
    if table not in SYNCED_TABLES:
        raise ValueError(f"{table} is not a synced table")
    if ids is not None and len(ids) != len(rows):
        raise ValueError(f"{len(ids)} ids for {len(rows)} {table} records")
    worker, client = actor.worker_id, actor.client_id
    stamps = {"created_at": now, "updated_at": now, "author_id": worker}
    stamp_values = (now, now, worker)
    encode = _encode_changes
    shapes: dict[tuple[str, ...], tuple[str, bool, tuple[str, ...]]] = {}
    groups: list[tuple[tuple[str, ...], list[tuple[Any, ...]]]] = []
    audits: list[tuple[Any, ...]] = []
    queued: list[tuple[Any, ...]] = []
    made_ids: list[str] = []
    for number, values in enumerate(rows):
        shape = tuple(values)
        if shape not in shapes:
            _check_fields(table, values, columns)
            if ids is not None and "id" in values:
                raise ValueError(f"a {table} record has an id of its own and one made for it")
            # The row as insert() writes it: the given fields, the id after them if it was
            # made here, then the stamps; its mutation has every field but the id.
            has_id = "id" in values
            names = (*shape, *stamps) if has_id else (*shape, "id", *stamps)
            shapes[shape] = (json.dumps(sorted(values)), has_id, names)
        fields, has_id, names = shapes[shape]
        if has_id:
            record_id = values["id"]
            row = (*values.values(), *stamp_values)
        else:
            record_id = ids[number] if ids is not None else uuid7()
            row = (*values.values(), record_id, *stamp_values)
        if not groups or groups[-1][0] != names:
            groups.append((names, []))
        groups[-1][1].append(row)
        changes = dict(values)  # never "versions": _check_fields refuses it
        changes.pop("id", None)
        changes.update(stamps)
        made_ids.append(str(record_id))
        audits.append((now, worker, "create", table, record_id, fields))
        queued.append((client, worker, table, record_id, "put", encode(changes), "{}", now))
    return PreparedInserts(table, actor, tuple(groups), audits, queued, made_ids)


def _check_fields(table: str, values: dict[str, Any], columns: frozenset[str]) -> None:
    unknown = set(values) - columns
    bad = unknown | (set(values) & {"created_at", "updated_at", "author_id", "versions"})
    if bad:
        raise ValueError(f"cannot write {sorted(bad)} on {table}")


def _insert_rows(
    conn: Any, table: str, names: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert rows of one shape, several a statement (each statement costs a step of its own).

    Every row is bound as given, so what lands is what one ``INSERT`` a row would write.
    """
    per = min(_ROWS_A_STATEMENT, _MOST_VALUES // len(names))  # SQLite allows 2,000 columns
    whole = len(rows) - len(rows) % per
    if whole:
        conn.executemany(
            _insert_sql(table, names, per),
            [
                [value for row in rows[start : start + per] for value in row]
                for start in range(0, whole, per)
            ],
        )
    if whole < len(rows):
        rest = rows[whole:]
        conn.execute(_insert_sql(table, names, len(rest)), [v for row in rest for v in row])


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
