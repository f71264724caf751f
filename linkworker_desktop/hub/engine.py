"""The hub's database engine: PostgreSQL in production, SQLite embedded, chosen by URL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

from linkworker_desktop.hub.migrations import migrate

# Connections per replica are pool + overflow: modest, so replicas × (pool + overflow) stays
# well under PostgreSQL's default max_connections of 100 (see the README's hub section).
DEFAULT_POOL_SIZE = 5
DEFAULT_MAX_OVERFLOW = 5
# Page cache of each SQLite connection, in KiB (filled only as pages are read).
SQLITE_CACHE_KIB = 32 * 1024


def make_engine(
    url: str,
    *,
    pool_size: int = DEFAULT_POOL_SIZE,
    max_overflow: int = DEFAULT_MAX_OVERFLOW,
    **kwargs: Any,
) -> Engine:
    """Create the engine and bring the hub schema up to date."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs
        )

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            dbapi_connection.execute("PRAGMA journal_mode = WAL")
            dbapi_connection.execute("PRAGMA foreign_keys = ON")
            # SQLite's default 2 MB cache held little of the records' four indexes, so a batch's
            # inserts kept reading index pages back (about a tenth of a first upload's time).
            dbapi_connection.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # One writer at a time, decided at BEGIN: no lock upgrades that deadlock.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    else:
        engine = create_engine(
            url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow, **kwargs
        )
    migrate(engine)
    return engine
