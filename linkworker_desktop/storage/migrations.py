"""Numbered, forward-only schema migrations tracked by ``PRAGMA user_version``.

Each ``NNNN_name.sql`` file in ``migrations/`` runs in one transaction together with the bump of
``user_version``, so a failure leaves the database exactly at the previous version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from linkworker_desktop.paths import migrations_dir
from linkworker_desktop.storage import text_functions
from linkworker_desktop.storage.errors import MigrationFailed, NewerDatabase

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text("utf-8")


@cache
def available(folder: Path | None = None) -> tuple[Migration, ...]:
    """Every migration in ``folder`` (default: the app's), in order; a gap is a packaging error."""
    folder = folder or migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"Migration {migration.path.name} is out of sequence.")
    return tuple(found)


def latest_version(folder: Path | None = None) -> int:
    migrations = available(folder)
    return migrations[-1].version if migrations else 0


def current_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, target: int | None = None, folder: Path | None = None) -> list[int]:
    """Apply pending migrations up to ``target`` (default: all); returns the versions applied.

    ``folder`` lets a test bring migrations of its own (a broken one, say).
    """
    known = latest_version(folder)
    found = current_version(conn)
    if found > known:
        raise NewerDatabase(found, known)
    target = known if target is None else target
    text_functions.register(conn)  # some migrations rebuild rows with the app's own rules
    applied = []
    # Off while migrating, so a migration may rebuild a table others refer to (SQLite's own
    # recipe for changing a CHECK); every reference is checked before each one commits.
    enforcing = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for migration in available(folder):
            if migration.version <= found or migration.version > target:
                continue
            _apply(conn, migration)
            applied.append(migration.version)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforcing else 'OFF'}")
    return applied


def _apply(conn: Any, migration: Migration) -> None:
    """Run one migration and bump the version in one transaction, or leave both as they were."""
    try:
        conn.executescript("BEGIN IMMEDIATE;\n" + migration.sql + "\n;")
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise ValueError(f"a row of {broken[0]} refers to a missing row of {broken[2]}")
        conn.execute(f"PRAGMA user_version = {migration.version}")
        conn.execute("COMMIT")
    except Exception as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise MigrationFailed(migration.path.name, str(exc)) from exc
