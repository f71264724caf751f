"""Numbered, forward-only migrations of the hub's own schema, recorded in hub_schema_version."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine, inspect, select, text

from linkworker_desktop.hub import schema


def _v1(engine: Engine) -> None:
    schema.metadata.create_all(engine)


def _v2(engine: Engine) -> None:
    from linkworker_desktop.hub.directory import directory_entries

    directory_entries.create(engine, checkfirst=True)


def _v3(engine: Engine) -> None:
    """Echo-free pulls, duplicate patients found by NHS number, teams and workers versioned."""
    from linkworker_desktop.hub.people import publish_people

    have = {c["name"] for c in inspect(engine).get_columns("records")}
    added = {
        "writer": "VARCHAR(64)",
        "writer_current": "BOOLEAN NOT NULL DEFAULT FALSE",
        "match_key": "VARCHAR(64)",
    }
    with engine.begin() as conn:
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
                    .where(
                        (schema.records.c.entity == "patients") & (schema.records.c.id == row.id)
                    )
                    .values(match_key=number)
                )
        for (org_id,) in conn.execute(select(schema.organisations.c.id)).all():
            publish_people(conn, org_id)


def _v4(engine: Engine) -> None:
    """Records keyed per organisation, and a match key for every laptop UNIQUE key."""
    from linkworker_desktop.domain.entities import SYNCED_ENTITIES
    from linkworker_desktop.hub.unique_keys import match_key, unique_key

    key = ["org_id", "entity", "id"]
    with engine.begin() as conn:
        if inspect(conn).get_pk_constraint("records")["constrained_columns"] != key:
            if conn.dialect.name == "postgresql":
                name = inspect(conn).get_pk_constraint("records")["name"]
                conn.execute(text(f'ALTER TABLE records DROP CONSTRAINT "{name}"'))
                conn.execute(text("ALTER TABLE records ADD PRIMARY KEY (org_id, entity, id)"))
            else:  # SQLite cannot change a primary key in place: the table is copied
                for index in inspect(conn).get_indexes("records"):
                    conn.execute(text(f'DROP INDEX "{index["name"]}"'))
                conn.execute(text("ALTER TABLE records RENAME TO records_before_4"))
                schema.records.create(conn)
                names = ", ".join(c.name for c in schema.records.c)
                conn.execute(
                    text(f"INSERT INTO records ({names}) SELECT {names} FROM records_before_4")
                )
                conn.execute(text("DROP TABLE records_before_4"))
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


MIGRATIONS: list[Callable[[Engine], None]] = [_v1, _v2, _v3, _v4]
LATEST = len(MIGRATIONS)


class NewerHubSchema(RuntimeError):
    pass


def current_version(engine: Engine) -> int:
    if not inspect(engine).has_table("hub_schema_version"):
        return 0
    with engine.connect() as conn:
        found = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(found, default=0)


def migrate(engine: Engine) -> int:
    """Bring the hub's schema up to date; refuse a database made by a newer hub."""
    found = current_version(engine)
    if found > LATEST:
        raise NewerHubSchema(f"The hub database is at schema {found}; this hub knows {LATEST}.")
    for number, step in enumerate(MIGRATIONS, start=1):
        if number <= found:
            continue
        step(engine)
        with engine.begin() as conn:
            conn.execute(
                schema.schema_version.insert().values(
                    version=number, applied_at=datetime.now(UTC).isoformat()
                )
            )
    return LATEST
