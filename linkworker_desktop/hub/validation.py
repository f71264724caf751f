"""Field values checked against the laptops' own schema before the hub keeps them.

Every laptop applies what it pulls to its SQLCipher tables; a value those tables refuse (a
broken CHECK, text in a number column, a missing NOT NULL) would stop each colleague's pulls at
that record. So the hub tries every record on an empty in-memory copy of the same schema, built
from the same migrations, and refuses the push of a record that would not fit.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from functools import cache
from typing import Any

from linkworker_desktop.storage.migrations import migrate

MAX_TEXT = 200_000
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_local = threading.local()


class InvalidRecord(ValueError):
    """A record a laptop could not hold; the message names the field and is safe to log."""


def _template() -> sqlite3.Connection:
    """This thread's empty copy of the laptop schema (requests run on a pool of threads)."""
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=True)
        migrate(conn)
        conn.execute("PRAGMA foreign_keys = OFF")
        _local.conn = conn
    return conn


@cache
def _columns(entity: str) -> dict[str, tuple[str, bool]]:
    """Column name -> (declared type, NOT NULL without a default) of a laptop table."""
    found = {}
    for _cid, name, kind, notnull, default, _pk in (
        _template().execute(f"PRAGMA table_info({entity})").fetchall()
    ):
        found[name] = (str(kind).upper(), bool(notnull) and default is None)
    return found


def _type_error(name: str, kind: str, value: Any) -> str | None:
    if "INT" in kind and (not isinstance(value, int) or not -(2**63) <= value < 2**63):
        return f"{name} must be a whole number"
    if kind in ("REAL", "NUMERIC") and not isinstance(value, int | float):
        return f"{name} must be a number"
    if "TEXT" in kind and not isinstance(value, str):
        return f"{name} must be text"
    return None


def check(entity: str, record_id: str, data: dict[str, Any]) -> None:
    """Raise :class:`InvalidRecord` unless a laptop can store ``data`` as this record."""
    columns = _columns(entity)
    if not columns:
        raise InvalidRecord(f"{entity} is not a kind of record laptops hold")
    for name, value in data.items():
        column = columns.get(name)
        if column is None and (not isinstance(name, str) or not _NAME.match(name)):
            raise InvalidRecord("a field name is not a lower-case identifier")
        if value is None:
            if column is not None and column[1]:
                raise InvalidRecord(f"{name} must have a value")
            continue
        if type(value) is str:
            if len(value) > MAX_TEXT:
                raise InvalidRecord(f"{name} is too long")
        elif not isinstance(value, str | int | float):
            raise InvalidRecord(f"{name} must be a single value, not a list or an object")
        if column is not None:
            problem = _type_error(name, column[0], value)
            if problem:
                raise InvalidRecord(problem)
    row = {k: v for k, v in data.items() if k in columns and k not in ("id", "versions")}
    for name, (kind, required) in columns.items():
        if required and name not in row and name != "id":
            row[name] = 0 if "INT" in kind else ""
    names = ["id", *row]
    conn = _template()
    conn.execute("SAVEPOINT probe")
    try:
        conn.execute(
            f"INSERT INTO {entity} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [record_id, *row.values()],
        )
    except sqlite3.Error as exc:
        raise InvalidRecord(f"a value breaks a rule of {entity} ({exc})") from exc
    finally:
        conn.execute("ROLLBACK TO probe")
        conn.execute("RELEASE probe")
