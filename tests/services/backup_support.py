"""Helpers for the backup tests: a caseload with demo patients, and its rows table by table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linkworker_desktop.services import backups, demo
from linkworker_desktop.services.profile import OpenProfile


def rows_by_table(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order, for comparing two caseloads."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    return {
        name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1, 2').fetchall() for name in names
    }


def with_patients(profile: OpenProfile, count: int) -> OpenProfile:
    demo.add_demo_caseload(profile, count, seed=count)
    return profile


def only_backup(folder: Path) -> Path:
    (found,) = [p for p in folder.iterdir() if p.name.endswith(".lwbackup")]
    return found


def backup_of(profile: OpenProfile, folder: Path) -> backups.BackupInfo:
    folder.mkdir(exist_ok=True)
    return backups.make_backup(profile, folder)


def write_backup_file(
    path: Path, database_path: Path, keys: bytes, data_key: bytes, made_at: str, schema: int
) -> Path:
    """A backup file written by hand around a given database (an older or newer one)."""
    from linkworker_desktop.storage import backup_file

    counts = backup_file.check_database(database_path, data_key)
    manifest = {
        "app_version": "0.0.1",
        "schema_version": schema,
        "made_at": made_at,
        "worker_name": "Fixture Worker",
        "counts": counts,
    }
    with open(path, "wb") as fh:
        backup_file.write(fh, manifest, database_path, keys)
    return path


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (and its siblings' names), to show nothing changed."""
    found = {p.name: b"" for p in folder.parent.iterdir()}
    found.update(
        {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    )
    return found
