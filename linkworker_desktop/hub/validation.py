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


def template() -> sqlite3.Connection:
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
        template().execute(f"PRAGMA table_info({entity})").fetchall()
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


def check(entity: str, record_id: str, data: dict[str, Any], probed: bool = False) -> None:
    """Raise :class:`InvalidRecord` unless a laptop can store ``data`` as this record.

    ``probed`` says the record already fitted the schema's rules in :func:`fits_together`.
    """
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
    if probed:
        return
    names, values = _row(entity, record_id, data)
    conn = template()
    conn.execute("SAVEPOINT probe")
    try:
        conn.execute(_insert(entity, tuple(names)), values)
    except sqlite3.Error as exc:
        raise InvalidRecord(f"a value breaks a rule of {entity} ({exc})") from exc
    finally:
        conn.execute("ROLLBACK TO probe")
        conn.execute("RELEASE probe")


def fits_together(entity: str, records: list[tuple[str, dict[str, Any]]]) -> bool:
    """Whether all these new records fit the schema's rules, tried in one statement.

    False means at least one does not (or two clash with each other); each is then checked
    on its own by :func:`check`, which names the field.
    """
    columns = _columns(entity)
    if not columns or not records:
        return False
    shaped: dict[tuple[str, ...], list[list[Any]]] = {}
    for record_id, data in records:
        names, values = _row(entity, record_id, data)
        shaped.setdefault(tuple(names), []).append(values)
    conn = template()
    conn.execute("SAVEPOINT probe_many")
    try:
        for shape, rows in shaped.items():
            conn.executemany(_insert(entity, shape), rows)
    except (sqlite3.Error, ValueError, TypeError, OverflowError):
        return False
    finally:
        conn.execute("ROLLBACK TO probe_many")
        conn.execute("RELEASE probe_many")
    return True


def _row(entity: str, record_id: str, data: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """The columns and values a laptop would insert, with blanks for NOT NULLs not given."""
    columns = _columns(entity)
    row = {k: v for k, v in data.items() if k in columns and k not in ("id", "versions")}
    for name, (kind, required) in columns.items():
        if required and name not in row and name != "id":
            row[name] = 0 if "INT" in kind else ""
    return ["id", *row], [record_id, *row.values()]


@cache
def _insert(entity: str, names: tuple[str, ...]) -> str:
    return f"INSERT INTO {entity} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
