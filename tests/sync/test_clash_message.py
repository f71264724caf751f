"""A pulled record that clashes on a laptop says which table and key, not a guessed cause."""

from __future__ import annotations

import sqlite3

from linkworker_desktop.sync.engine import clash_message


def _clash(sql: str) -> sqlite3.IntegrityError:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE measure_definitions (id TEXT PRIMARY KEY, measure_id TEXT UNIQUE)")
    conn.execute("CREATE TABLE session_notes (id TEXT, session_id TEXT, stage_id TEXT,"
                 " UNIQUE (session_id, stage_id))")  # fmt: skip
    conn.execute("INSERT INTO measure_definitions VALUES ('a', 'swemwbs')")
    conn.execute("INSERT INTO session_notes VALUES ('a', 's', 'intro')")
    try:
        conn.execute(sql)
    except sqlite3.IntegrityError as exc:
        return exc
    raise AssertionError("no clash")


def test_a_shared_measure_id_is_named():
    exc = _clash("INSERT INTO measure_definitions VALUES ('b', 'swemwbs')")
    assert clash_message(exc) == (
        "A change from the hub shares its measure_id with another measure_definitions record "
        "on this laptop, so nothing more can be received. Ask your administrator to look at "
        "the hub's records."
    )
    assert "NHS" not in clash_message(exc)


def test_a_key_of_two_columns_is_named_in_full():
    exc = _clash("INSERT INTO session_notes VALUES ('b', 's', 'intro')")
    assert "shares its session_id, stage_id with another session_notes record" in (
        clash_message(exc)
    )
