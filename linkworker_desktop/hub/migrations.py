"""Numbered, forward-only migrations of the hub's own schema, recorded in hub_schema_version."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine, inspect, select

from linkworker_desktop.hub import schema


def _v1(engine: Engine) -> None:
    schema.metadata.create_all(engine)


def _v2(engine: Engine) -> None:
    from linkworker_desktop.hub.directory import directory_entries

    directory_entries.create(engine, checkfirst=True)


MIGRATIONS: list[Callable[[Engine], None]] = [_v1, _v2]
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
