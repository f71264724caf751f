"""Hub schema 6: field versions name each writer once; a schema 5 hub's records are rewritten
in place and keep every field's version and writer."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text

from linkworker_desktop.hub import field_versions, schema
from linkworker_desktop.hub.engine import make_engine
from linkworker_desktop.hub.migrations import LATEST

ASHA = "0193a1c2-7f00-7000-8000-00000000a5a1"
BEN = "0193a1c2-7f00-7000-8000-00000000be11"
OLD = {
    "given_name": {"v": 3, "c": ASHA},
    "phone": {"v": 7, "c": BEN},
    "town": {"v": 3, "c": ASHA},
    "deleted": {"v": 9, "c": "hub"},
}


def _schema_5_hub(url: str) -> None:
    engine = create_engine(url)
    schema.metadata.create_all(engine)
    with engine.begin() as conn:
        for version in range(1, 6):
            conn.execute(
                text("INSERT INTO hub_schema_version (version, applied_at) VALUES (:v, 'then')"),
                {"v": version},
            )
        conn.execute(
            text(
                "INSERT INTO organisations (id, name, version, min_cursor, created_at)"
                " VALUES ('org-1', 'Riverside PCN', 9, 0, 'then')"
            )
        )
        for record_id, fields in (("p-1", OLD), ("p-2", {}), ("p-3", {"town": OLD["town"]})):
            conn.execute(
                text(
                    "INSERT INTO records (org_id, entity, id, data, field_versions, version,"
                    " deleted, updated_at, writer_current) VALUES ('org-1', 'patients', :id,"
                    " '{}', :fields, 9, FALSE, 'then', FALSE)"
                ),
                {"id": record_id, "fields": json.dumps(fields)},
            )
    engine.dispose()


def test_an_upgrade_rewrites_field_versions_compactly_and_keeps_them(hub_database_url):
    _schema_5_hub(hub_database_url)
    engine = make_engine(hub_database_url)  # migrates on open
    try:
        assert LATEST == 6
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT id, field_versions FROM records ORDER BY id")).all()
    finally:
        engine.dispose()
    stored = {row.id: json.loads(row.field_versions) for row in rows}
    assert stored == {
        "p-1": {
            "w": [ASHA, BEN, "hub"],
            "f": {"given_name": 3, "phone": [7, 1], "town": 3, "deleted": [9, 2]},
        },
        "p-2": {"w": [], "f": {}},
        "p-3": {"w": [ASHA], "f": {"town": 3}},
    }
    assert field_versions.decode(rows[0].field_versions) == OLD
    assert field_versions.versions(rows[0].field_versions) == {
        "given_name": 3, "phone": 7, "town": 3, "deleted": 9,
    }  # fmt: skip


def test_a_second_start_leaves_compact_field_versions_as_they_are(hub_database_url):
    _schema_5_hub(hub_database_url)
    make_engine(hub_database_url).dispose()
    engine = make_engine(hub_database_url)
    try:
        with engine.begin() as conn:
            versions = conn.execute(text("SELECT version FROM hub_schema_version")).scalars()
            assert sorted(versions) == [1, 2, 3, 4, 5, 6]
            stored = conn.execute(
                text("SELECT field_versions FROM records WHERE id = 'p-3'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert json.loads(stored) == {"w": [ASHA], "f": {"town": 3}}
