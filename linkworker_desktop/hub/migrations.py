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
    """Directory changes numbered per organisation, so a page never splits one import's stamp."""
    from linkworker_desktop.hub.directory import number_existing

    have = {c["name"] for c in inspect(engine).get_columns("hub_directory")}
    added = {"seq": "BIGINT NOT NULL DEFAULT 0", "withdrawn": "BOOLEAN NOT NULL DEFAULT FALSE"}
    with engine.begin() as conn:
        for name, kind in added.items():
            if name not in have:
                conn.execute(text(f"ALTER TABLE hub_directory ADD COLUMN {name} {kind}"))
        if "hub_directory_seq" not in {
            i["name"] for i in inspect(conn).get_indexes("hub_directory")
        }:
            number_existing(conn)
            conn.execute(
                text("CREATE UNIQUE INDEX hub_directory_seq ON hub_directory (org_id, seq)")
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
