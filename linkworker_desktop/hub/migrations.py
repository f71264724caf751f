"""Numbered, forward-only migrations of the hub's own schema, recorded in hub_schema_version.

Replicas started together must not race to create the same tables, so every run takes one lock
first: a PostgreSQL advisory lock held for the migration's transaction, or SQLite's write lock
(``BEGIN IMMEDIATE``). The first replica migrates; the others wait, then find nothing to do.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, bindparam, inspect, literal, select, text, tuple_

from linkworker_desktop.hub import schema

# Any fixed 64-bit number, the same in every replica: "lwhubmig" in ASCII.
MIGRATION_LOCK = 0x6C7768_75626D6967


def _v1(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def _v2(conn: Connection | Engine) -> None:
    from linkworker_desktop.hub.directory import directory_entries

    directory_entries.create(conn, checkfirst=True)


def _v3(conn: Connection) -> None:
    """Echo-free pulls, duplicate patients found by NHS number, teams and workers versioned."""
    from linkworker_desktop.hub.people import publish_people

    have = {c["name"] for c in inspect(conn).get_columns("records")}
    added = {
        "writer": "VARCHAR(64)",
        "writer_current": "BOOLEAN NOT NULL DEFAULT FALSE",
        "match_key": "VARCHAR(64)",
    }
    for name, kind in added.items():
        if name not in have:
            conn.execute(text(f"ALTER TABLE records ADD COLUMN {name} {kind}"))
    if "records_match" not in {i["name"] for i in inspect(conn).get_indexes("records")}:
        conn.execute(text("CREATE INDEX records_match ON records (org_id, entity, match_key)"))
    patients = conn.execute(
        select(schema.records.c.id, schema.records.c.data).where(
            (schema.records.c.entity == "patients") & schema.records.c.deleted.is_(False)
        )
    ).all()
    for row in patients:
        number = json.loads(row.data).get("nhs_number")
        if isinstance(number, str):
            conn.execute(
                schema.records.update()
                .where((schema.records.c.entity == "patients") & (schema.records.c.id == row.id))
                .values(match_key=number)
            )
    for (org_id,) in conn.execute(select(schema.organisations.c.id)).all():
        publish_people(conn, org_id)


def _v4(conn: Connection) -> None:
    """Directory changes numbered per organisation, so a page never splits one import's stamp."""
    from linkworker_desktop.hub.directory import number_existing

    have = {c["name"] for c in inspect(conn).get_columns("hub_directory")}
    added = {"seq": "BIGINT NOT NULL DEFAULT 0", "withdrawn": "BOOLEAN NOT NULL DEFAULT FALSE"}
    for name, kind in added.items():
        if name not in have:
            conn.execute(text(f"ALTER TABLE hub_directory ADD COLUMN {name} {kind}"))
    if "hub_directory_seq" not in {i["name"] for i in inspect(conn).get_indexes("hub_directory")}:
        number_existing(conn)
        conn.execute(text("CREATE UNIQUE INDEX hub_directory_seq ON hub_directory (org_id, seq)"))


def _v5(conn: Connection) -> None:
    """Records keyed per organisation, and a match key for every laptop UNIQUE key."""
    from linkworker_desktop.domain.entities import SYNCED_ENTITIES
    from linkworker_desktop.hub.unique_keys import match_key, unique_key

    key = ["org_id", "entity", "id"]
    if inspect(conn).get_pk_constraint("records")["constrained_columns"] != key:
        if conn.dialect.name == "postgresql":
            name = inspect(conn).get_pk_constraint("records")["name"]
            conn.execute(text(f'ALTER TABLE records DROP CONSTRAINT "{name}"'))
            conn.execute(text("ALTER TABLE records ADD PRIMARY KEY (org_id, entity, id)"))
        else:  # SQLite cannot change a primary key in place: the table is copied
            for index in inspect(conn).get_indexes("records"):
                conn.execute(text(f'DROP INDEX "{index["name"]}"'))
            conn.execute(text("ALTER TABLE records RENAME TO records_before_5"))
            schema.records.create(conn)
            names = ", ".join(c.name for c in schema.records.c)
            conn.execute(
                text(f"INSERT INTO records ({names}) SELECT {names} FROM records_before_5")
            )
            conn.execute(text("DROP TABLE records_before_5"))
    table = schema.records
    for entity in (e for e in SYNCED_ENTITIES if unique_key(e)):
        for row in conn.execute(
            select(table.c.org_id, table.c.id, table.c.data).where(table.c.entity == entity)
        ).all():
            conn.execute(
                table.update()
                .where(
                    (table.c.org_id == row.org_id)
                    & (table.c.entity == entity)
                    & (table.c.id == row.id)
                )
                .values(match_key=match_key(entity, json.loads(row.data)))
            )


def _v6(conn: Connection) -> None:
    """Field versions name each writer once (see :mod:`field_versions`), rewritten in place."""
    from linkworker_desktop.hub import field_versions

    table = schema.records
    key = (table.c.org_id, table.c.entity, table.c.id)
    statement = (
        table.update()
        .where(
            (table.c.org_id == bindparam("k_org"))
            & (table.c.entity == bindparam("k_entity"))
            & (table.c.id == bindparam("k_id"))
        )
        .values(field_versions=bindparam("v_fields"))
    )
    after: tuple[str, str, str] | None = None
    while True:  # in pages by key, so a large hub is never read into memory at once
        query = select(*key, table.c.field_versions).order_by(*key).limit(_V6_PAGE)
        if after is not None:
            query = query.where(tuple_(*key) > tuple_(*(literal(v) for v in after)))
        page = conn.execute(query).all()
        if not page:
            return
        rewritten = [
            {
                "k_org": row.org_id,
                "k_entity": row.entity,
                "k_id": row.id,
                "v_fields": field_versions.encode(field_versions.decode(row.field_versions)),
            }
            for row in page
            if not field_versions.is_compact(json.loads(row.field_versions))
        ]
        if rewritten:
            conn.execute(statement, rewritten)
        after = (page[-1].org_id, page[-1].entity, page[-1].id)


_V6_PAGE = 5000
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6]
LATEST = len(MIGRATIONS)


class NewerHubSchema(RuntimeError):
    pass


def _version(conn: Connection) -> int:
    if not inspect(conn).has_table("hub_schema_version"):
        return 0
    found = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(found, default=0)


def current_version(engine: Engine) -> int:
    with engine.connect() as conn:
        return _version(conn)


def migrate(engine: Engine) -> int:
    """Bring the hub's schema up to date under the migration lock; refuse a newer database.

    All steps run in one transaction, so a failed upgrade leaves the schema as it was.
    """
    with engine.begin() as conn:  # on SQLite this is BEGIN IMMEDIATE: the write lock, held
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        found = _version(conn)
        if found > LATEST:
            raise NewerHubSchema(f"The hub database is at schema {found}; this hub knows {LATEST}.")
        for number, step in enumerate(MIGRATIONS, start=1):
            if number <= found:
                continue
            step(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=number, applied_at=datetime.now(UTC).isoformat()
                )
            )
    return LATEST
