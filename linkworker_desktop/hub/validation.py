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
from itertools import repeat
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
        _drop_lookup_indexes(conn)
        _local.conn = conn
    return conn


def _drop_lookup_indexes(conn: sqlite3.Connection) -> None:
    """Indexes that only speed up a laptop's reads: they refuse nothing, and slow every probe."""
    tables = [
        name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    for table in tables:
        for _seq, name, unique, origin, _partial in conn.execute(
            f"PRAGMA index_list({table})"
        ).fetchall():
            if not unique and origin == "c":
                conn.execute(f"DROP INDEX {name}")


@cache
def _columns(entity: str) -> dict[str, tuple[str, bool]]:
    """Column name -> (declared type, NOT NULL without a default) of a laptop table."""
    found = {}
    for _cid, name, kind, notnull, default, _pk in (
        template().execute(f"PRAGMA table_info({entity})").fetchall()
    ):
        found[name] = (str(kind).upper(), bool(notnull) and default is None)
    return found


# Field names and types, per kind of record, that need no second look (see _plainly_valid).
_shapes: dict[tuple[Any, ...], tuple[tuple[int, ...], tuple[int, ...]] | None] = {}
_SHAPES_KEPT = 4096  # a device inventing new field names cannot grow this without end
_layouts: dict[tuple[Any, ...], tuple[tuple[str, ...], tuple[int, ...], tuple[Any, ...]]] = {}


def _plainly_valid(entity: str, data: dict[str, Any]) -> bool:
    """Whether every field is a known column holding a value of its type, within bounds.

    A first upload brings hundreds of thousands of records whose fields, kind by kind, have the
    same names and types: that is settled once per shape, leaving only the bounds of each
    record's text and numbers. False sends the record through the field-by-field checks.
    """
    values = tuple(data.values())
    key = (entity, tuple(data), tuple(map(type, values)))
    if key in _shapes:
        shape = _shapes[key]
    else:
        shape = _shape(entity, key[1], key[2])
        if len(_shapes) < _SHAPES_KEPT:
            _shapes[key] = shape
    if shape is None:
        return False
    texts, numbers = shape
    if texts and max(len(values[i]) for i in texts) > MAX_TEXT:
        return False
    if numbers:
        whole = [values[i] for i in numbers]
        return min(whole) >= -(2**63) and max(whole) < 2**63
    return True


def _shape(
    entity: str, names: tuple[str, ...], types: tuple[type, ...]
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """(places of text, places of whole numbers), or None if a field needs a second look."""
    columns = _columns(entity)
    texts: list[int] = []
    numbers: list[int] = []
    for place, (name, kind) in enumerate(zip(names, types, strict=True)):
        column = columns.get(name)
        if column is None:
            return None
        if kind is type(None):
            if column[1]:
                return None
            continue
        if kind not in (str, int) or _type_error(name, column[0], kind()):
            return None
        (texts if kind is str else numbers).append(place)
    return tuple(texts), tuple(numbers)


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
    for name, value in () if _plainly_valid(entity, data) else data.items():
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
    """Whether all these new records pass every check of :func:`check`, tried together.

    Records are grouped by their fields; each group's values are checked column by column
    (types, longest text, largest numbers) and then inserted into the schema in one statement.
    False means at least one record fails (or two clash with each other); each is then checked
    on its own by :func:`check`, which names the field.
    """
    columns = _columns(entity)
    if not columns or not records:
        return False
    shaped: dict[tuple[str, ...], list[tuple[str, dict[str, Any]]]] = {}
    for record in records:
        shaped.setdefault(tuple(record[1]), []).append(record)
    conn = template()
    conn.execute("SAVEPOINT probe_many")
    try:
        for names, group in shaped.items():
            rows = _plain_rows(entity, names, group)
            if rows is None:
                return False
            conn.executemany(_insert(entity, _kept_layout(entity, names)[0]), rows)
    except (sqlite3.Error, ValueError, TypeError, OverflowError):
        return False
    finally:
        conn.execute("ROLLBACK TO probe_many")
        conn.execute("RELEASE probe_many")
    return True


def _plain_rows(
    entity: str, names: tuple[str, ...], group: list[tuple[str, dict[str, Any]]]
) -> list[tuple[Any, ...]] | None:
    """The rows a laptop would insert for records sharing these fields, if all are plainly valid.

    The same rules as :func:`_plainly_valid`, worked column by column: a first upload has
    thousands of records of each shape, and a column's types and bounds are read in one pass.
    """
    columns = _columns(entity)
    values = list(zip(*(tuple(data.values()) for _, data in group), strict=True))
    for name, column in zip(names, values, strict=True):
        known = columns.get(name)
        if known is None:
            return None
        kinds = set(map(type, column))
        present = kinds - {type(None)}
        if len(present) < len(kinds) and known[1]:
            return None  # an empty value where the laptop needs one
        if not present:
            continue
        if len(present) > 1:
            return None
        kind = present.pop()
        if kind not in (str, int) or _type_error(name, known[0], kind()):
            return None
        given = [v for v in column if v is not None] if len(kinds) > 1 else column
        if kind is str and max(map(len, given)) > MAX_TEXT:
            return None
        if kind is int and (min(given) < -(2**63) or max(given) >= 2**63):
            return None
    _, places, blanks = _kept_layout(entity, names)
    count = len(group)
    return list(
        zip(
            [record_id for record_id, _ in group],
            *(values[place] for place in places),
            *(repeat(blank, count) for blank in blanks),
            strict=False,
        )
    )


def _row(entity: str, record_id: str, data: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """The columns and values a laptop would insert, with blanks for NOT NULLs not given."""
    columns, places, blanks = _kept_layout(entity, tuple(data))
    values = tuple(data.values())
    return list(columns), [record_id, *(values[i] for i in places), *blanks]


def _kept_layout(
    entity: str, names: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[int, ...], tuple[Any, ...]]:
    layout = _layouts.get((entity, names))
    if layout is None:
        layout = _layout(entity, names)
        if len(_layouts) < _SHAPES_KEPT:
            _layouts[(entity, names)] = layout
    return layout


def _layout(
    entity: str, names: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[int, ...], tuple[Any, ...]]:
    """(columns, places of their values among the fields, blanks for NOT NULLs not given)."""
    columns = _columns(entity)
    places = [i for i, k in enumerate(names) if k in columns and k not in ("id", "versions")]
    given = {names[i] for i in places}
    missing = [
        (name, 0 if "INT" in kind else "")
        for name, (kind, required) in columns.items()
        if required and name not in given and name != "id"
    ]
    return (
        ("id", *(names[i] for i in places), *(name for name, _ in missing)),
        tuple(places),
        tuple(blank for _, blank in missing),
    )


@cache
def _insert(entity: str, names: tuple[str, ...]) -> str:
    return f"INSERT INTO {entity} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
