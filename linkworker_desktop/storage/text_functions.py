"""The app's text rules as SQL functions, so a migration can rebuild what Python would write."""

from __future__ import annotations

from typing import Any

from linkworker_desktop.domain.text_fold import fold_words


def register(conn: Any) -> None:
    """Make ``fold_words(text)`` callable from SQL on this connection (sqlite3 or SQLCipher)."""
    conn.create_function("fold_words", 1, fold_words, deterministic=True)
