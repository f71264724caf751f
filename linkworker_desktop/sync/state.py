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
