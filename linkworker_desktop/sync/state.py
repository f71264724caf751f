"""This laptop's sync settings and position, kept inside the encrypted caseload."""

from __future__ import annotations

from typing import Any


def get(conn: Any, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put(conn: Any, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def cursor(conn: Any) -> int:
    return int(get(conn, "cursor", "0") or 0)


def waiting(conn: Any) -> int:
    """Changes queued for the hub, read from the count the outbox keeps (never a scan of it)."""
    row = conn.execute("SELECT waiting FROM outbox_count WHERE id = 1").fetchone()
    return int(row[0]) if row else 0
