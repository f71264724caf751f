"""The hub's records as one push sees them: read in batches, changed in memory, written at once.

A push of a few hundred mutations would otherwise cost several statements each; here it costs a
handful of reads for the whole batch and one ``executemany`` per kind of write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pydantic_core import from_json, to_json
from sqlalchemy import ARRAY, Connection, String, and_, any_, bindparam, select

from linkworker_desktop.hub import field_versions, schema
from linkworker_desktop.hub.copy_stream import CopyStream

Key = tuple[str, str]
HUB = "hub"  # the writer of what the hub itself changes
_CHUNK = 1000
_HEAVY = frozenset({"data", "field_versions"})
_VALUES = (
    "org_id",
    "team_id",
    "owner_id",
    "root_id",
    "data",
    "field_versions",
    "version",
    "deleted",
    "updated_at",
    "writer",
    "writer_current",
    "match_key",
)


_INSERTED = ("entity", "id", *_VALUES)
_COPY = f"COPY records ({', '.join(_INSERTED)}) FROM STDIN (FORMAT BINARY)"
# The PostgreSQL types of _INSERTED, for COPY's binary form: nothing to escape on the way out
# or to parse on the way in.
_COPY_TYPES = (
    *("varchar",) * 8,  # entity, id, org_id, team_id, owner_id, root_id, data, field_versions
    "bigint",  # version
    "boolean",  # deleted
    "varchar",  # updated_at
    "varchar",  # writer
    "boolean",  # writer_current
    "varchar",  # match_key
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Row:
    """One record; ``fields`` maps each field to the version and client that wrote it last.

    Its JSON is parsed only when read: a push reads many parents just for their scope.
    """

    __slots__ = (
        "entity",
        "id",
        "org_id",
        "team_id",
        "owner_id",
        "root_id",
        "version",
        "deleted",
        "writer",
        "writer_current",
        "match_key",
        "stored",
        "_data",
        "_fields",
        "_raw",
        "fetch",
    )

    def __init__(
        self,
        entity: str,
        id: str,  # noqa: A002 - the record's own name for it
        org_id: str,
        team_id: str | None,
        owner_id: str | None,
        root_id: str | None,
        data: dict[str, Any] | None,
        fields: dict[str, dict[str, Any]] | None,
        version: int,
        deleted: bool,
        writer: str | None = None,
        writer_current: bool = False,
        match_key: str | None = None,
        stored: bool = False,
        raw: tuple[str, str] | None = None,
    ):
        self.entity, self.id, self.org_id = entity, id, org_id
        self.team_id, self.owner_id, self.root_id = team_id, owner_id, root_id
        self.version, self.deleted = version, deleted
        self.writer, self.writer_current = writer, writer_current
        self.match_key, self.stored = match_key, stored
        self._data, self._fields, self._raw = data, fields, raw
        self.fetch: Callable[[Row], tuple[str, str]] | None = None

    def _contents(self) -> tuple[str, str] | None:
        if self._raw is None and self.fetch is not None and self.stored:
            self._raw = self.fetch(self)
        return self._raw

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            raw = self._contents()
            self._data = from_json(raw[0]) if raw else {}
        return self._data

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self._data = value

    @property
    def fields(self) -> dict[str, dict[str, Any]]:
        if self._fields is None:
            raw = self._contents()
            self._fields = field_versions.decode(raw[1]) if raw else {}
        return self._fields

    @fields.setter
    def fields(self, value: dict[str, dict[str, Any]]) -> None:
        self._fields = value

    def names_a_survivor(self) -> bool:
        """Cheap test before parsing: only deleted duplicates carry ``merged_into``."""
        if not self.deleted:
            return False
        if self._data is None:
            raw = self._contents()
            return raw is not None and '"merged_into"' in raw[0]
        return isinstance(self.data.get("merged_into"), str)

    @classmethod
    def by_hub(
        cls,
        entity: str,
        record_id: str,
        org_id: str,
        scope: tuple[str | None, str | None, str | None],
        data: dict[str, Any],
        version: int,
    ) -> Row:
        """A new record the hub writes itself (a conflict, a team, a worker): sent to everyone."""
        team_id, owner_id, root_id = scope
        row = cls(entity, record_id, org_id, team_id, owner_id, root_id, data, {}, version, False)
        row.stamp(version, data, HUB)
        return row

    @property
    def key(self) -> Key:
        return (self.entity, self.id)

    def stamp(self, version: int, names: Any, client: str) -> None:
        for name in names:
            self.fields[name] = {"v": version, "c": client}

    def columns(self, at: str) -> tuple[Any, ...]:
        """The record's columns as written, in the order of ``_VALUES``."""
        return (
            self.org_id,
            self.team_id,
            self.owner_id,
            self.root_id,
            to_json(self.data, fallback=str).decode(),
            field_versions.encode(self.fields),
            self.version,
            self.deleted,
            at,
            self.writer,
            self.writer_current,
            self.match_key,
        )

    def values(self, at: str) -> dict[str, Any]:
        return dict(zip(_VALUES, self.columns(at), strict=True))


def _row(found: Any, raw: tuple[str, str] | None) -> Row:
    return Row(
        entity=found.entity,
        id=found.id,
        org_id=found.org_id,
        team_id=found.team_id,
        owner_id=found.owner_id,
        root_id=found.root_id,
        data=None,
        fields=None,
        raw=raw,
        version=int(found.version),
        deleted=bool(found.deleted),
        writer=found.writer,
        writer_current=bool(found.writer_current),
        match_key=found.match_key,
        stored=True,
    )


class RecordCache:
    """Records read once per push; changes kept until :meth:`flush` writes them together."""

    def __init__(self, conn: Connection, org_id: str):
        self.conn = conn
        self.org_id = org_id  # records are keyed per organisation: another's ids are not seen
        self.rows: dict[Key, Row | None] = {}
        self.dirty: dict[Key, Row] = {}
        self._writer: CopyStream | None = None
        self._written_meanwhile = 0

    def load(self, keys: Any, light: bool = False) -> None:
        """Read every record of ``keys`` not yet known, a few statements for the lot.

        ``light`` leaves out the record's JSON (read later, only if asked for): parents are
        read for their scope, and their contents would be most of the bytes.
        """
        wanted: dict[str, list[str]] = {}
        for entity, record_id in keys:
            if (entity, record_id) not in self.rows and record_id:
                wanted.setdefault(entity, []).append(record_id)
        table = schema.records
        columns = [c for c in table.c if not light or c.name not in _HEAVY]
        for entity, ids in wanted.items():
            unique = sorted(set(ids))
            for start in range(0, len(unique), _CHUNK):
                chunk = unique[start : start + _CHUNK]
                for found in self.conn.execute(
                    select(*columns).where(
                        and_(
                            table.c.org_id == self.org_id,
                            table.c.entity == entity,
                            self._among(chunk),
                        )
                    )
                ):
                    row = _row(found, None if light else (found.data, found.field_versions))
                    if light:
                        row.fetch = self._contents
                    self.rows[(entity, found.id)] = row
                for record_id in chunk:
                    self.rows.setdefault((entity, record_id), None)

    def _among(self, ids: list[str]) -> Any:
        """``id IN (…)``; on PostgreSQL one array parameter, planned once, not a thousand."""
        if self.conn.dialect.name == "postgresql":
            return schema.records.c.id == any_(bindparam("ids", ids, type_=ARRAY(String)))
        return schema.records.c.id.in_(ids)

    def _contents(self, row: Row) -> tuple[str, str]:
        table = schema.records
        found = self.conn.execute(
            select(table.c.data, table.c.field_versions).where(
                and_(
                    table.c.org_id == self.org_id,
                    table.c.entity == row.entity,
                    table.c.id == row.id,
                )
            )
        ).one()
        return found.data, found.field_versions

    def get(self, entity: str, record_id: str) -> Row | None:
        if (entity, record_id) not in self.rows:
            self.load([(entity, record_id)])
        return self.rows.get((entity, record_id))

    def put(self, row: Row) -> None:
        self.rows[row.key] = row
        self.dirty[row.key] = row

    def children(self, patient_id: str) -> list[Row]:
        """Every record under a patient (their referrals, sessions, notes, goals…)."""
        self.flush()
        table = schema.records
        keys = self.conn.execute(
            select(table.c.entity, table.c.id).where(
                and_(table.c.org_id == self.org_id, table.c.root_id == patient_id)
            )
        ).all()
        self.load([(k.entity, k.id) for k in keys])
        return [row for k in keys if (row := self.rows.get((k.entity, k.id))) is not None]

    def clear(self) -> None:
        """Forget every record read: a record read light links back here to fetch its JSON."""
        try:
            self.finish_writes()
        finally:
            for row in self.rows.values():
                if row is not None:
                    row.fetch = None
            self.rows.clear()
            self.dirty.clear()

    def _insert(self, rows: list[Row], at: str) -> None:
        """New records in one pass: on PostgreSQL by binary COPY, elsewhere one executemany.

        A first upload is nearly all new records; through SQLAlchemy's executemany (and on
        PostgreSQL one prepared INSERT per row) writing them cost more than working them out.
        """
        if self.conn.dialect.name == "postgresql":
            self._send(rows, at)
            self.finish_writes()
            return
        values = [(row.entity, row.id, *row.columns(at)) for row in rows]
        marks = ", ".join("?" * len(_INSERTED))
        self.conn.exec_driver_sql(
            f"INSERT INTO records ({', '.join(_INSERTED)}) VALUES ({marks})", values
        )

    def write_new_meanwhile(self) -> None:
        """On PostgreSQL, send the new records so far while the push goes on (see copy_stream).

        They count as stored from now: a later change to one is written as an update.
        """
        if self.conn.dialect.name != "postgresql":
            return
        new = [row for row in self.dirty.values() if not row.stored]
        if not new:
            return
        self._send(new, now())
        for row in new:
            row.stored = True
            del self.dirty[row.key]
        self._written_meanwhile += len(new)

    def _send(self, rows: list[Row], at: str) -> None:
        """Into the COPY kept open on this connection (opened if none is)."""
        if self._writer is None:
            self._writer = CopyStream(self.conn, _COPY, _COPY_TYPES)
        self._writer.send([(row.entity, row.id, *row.columns(at)) for row in rows])

    def finish_writes(self) -> None:
        """Wait for new records still being sent; raises what sending them failed with."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.close()

    def flush(self) -> int:
        """Write what changed; returns how many records were new to the table."""
        self.finish_writes()
        added, self._written_meanwhile = self._written_meanwhile, 0
        if not self.dirty:
            return added
        table = schema.records
        at = now()
        new = [r for r in self.dirty.values() if not r.stored]
        old = [r for r in self.dirty.values() if r.stored]
        if new:
            self._insert(new, at)
        if old:
            statement = (
                table.update()
                .where(
                    and_(
                        table.c.org_id == self.org_id,
                        table.c.entity == bindparam("k_entity"),
                        table.c.id == bindparam("k_id"),
                    )
                )
                .values({name: bindparam(f"v_{name}") for name in _VALUES})
            )
            self.conn.execute(
                statement,
                [
                    {
                        "k_entity": r.entity,
                        "k_id": r.id,
                        **{f"v_{k}": v for k, v in r.values(at).items()},
                    }
                    for r in old
                ],
            )
        for row in new:
            row.stored = True
        self.dirty.clear()
        return added + len(new)
