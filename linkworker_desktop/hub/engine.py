"""The hub's database engine: PostgreSQL in production, SQLite embedded, chosen by URL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

from linkworker_desktop.hub.migrations import migrate


def make_engine(url: str, **kwargs: Any) -> Engine:
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

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # One writer at a time, decided at BEGIN: no lock upgrades that deadlock.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **kwargs)
    migrate(engine)
    return engine
