"""Upgrading a stored caseload remakes the directory's word index with folded words."""

from __future__ import annotations

import json
import shutil

from linkworker_desktop.storage.migrations import migrate
from tests.fixtures import make_fixture_databases as fixtures

SERVICE = {
    "id": "01900000-0000-7000-8000-0000000000d1",
    "source": "local",
    "source_id": "local-1",
    "name": "Łukasz's café",
    "alternate_name": "O’Neill Drop-in",
    "organisation": "Dŵr Trust",
    "categories": json.dumps(["Wellbeing"]),
    "locations": json.dumps([{"name": "Siân's hall", "address": "1 Émile Street"}]),
    "created_at": fixtures.STAMP,
    "updated_at": fixtures.STAMP,
    "author_id": fixtures.WORKER_ID,
}


def matches(conn, query: str) -> list[str]:
    rows = conn.execute(
        "SELECT service_id FROM directory_fts WHERE directory_fts MATCH ?", (query,)
    ).fetchall()
    return [row[0] for row in rows]


def test_the_upgrade_folds_every_indexed_word(tmp_path):
    path = tmp_path / "caseload.db"
    shutil.copyfile(fixtures.fixture_path(9), path)
    conn = fixtures.connect(path)
    try:
        names = ", ".join(SERVICE)
        marks = ", ".join("?" for _ in SERVICE)
        conn.execute(
            f"INSERT INTO directory_services ({names}) VALUES ({marks})", [*SERVICE.values()]
        )
        # The index as the version before wrote it: the words as typed.
        conn.execute(
            "INSERT INTO directory_fts (rowid, service_id, name, organisation, categories, place)"
            " SELECT rowid, id, name || ' ' || alternate_name, organisation, 'Wellbeing',"
            " 'Siân''s hall 1 Émile Street' FROM directory_services"
        )
        assert matches(conn, '"lukasz"') == []
        assert matches(conn, '"oneill"') == []

        assert migrate(conn, target=10) == [10]

        for query in ('"lukasz"', '"oneill"', '"dropin"', '"dwr"', '"sian"', '"emile"'):
            assert matches(conn, query) == [SERVICE["id"]], query
        assert matches(conn, '"wellbeing"') == [SERVICE["id"]]
        assert matches(conn, '"lucas"') == []
        assert conn.execute("SELECT count(*) FROM directory_fts").fetchone()[0] == 1
    finally:
        conn.close()
