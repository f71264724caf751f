"""Hub schema 4: a database made by schema 3 keeps its records, now keyed per organisation,
and its measure definitions gain the match key that finds two sharing a ``measure_id``."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from linkworker_desktop.hub import schema
from linkworker_desktop.hub.engine import make_engine
from linkworker_desktop.hub.migrations import LATEST, _v2, _v3
from linkworker_desktop.hub.unique_keys import match_key

_INSERT = text(
    "INSERT INTO records (org_id, entity, id, team_id, owner_id, root_id, data, field_versions,"
    " version, deleted, updated_at, writer_current) VALUES (:org, :entity, :id, NULL, NULL, NULL,"
    " :data, '{}', 1, FALSE, 'then', FALSE)"
)


def _schema_3_hub(url: str) -> None:
    """The tables as schema 3 left them: records keyed by (entity, id) across organisations."""
    engine = create_engine(url)
    schema.metadata.create_all(engine, tables=[t for t in schema.metadata.sorted_tables
                                               if t.name != "records"])  # fmt: skip
    columns = ", ".join(
        f"{c.name} {c.type.compile(engine.dialect)}{'' if c.nullable else ' NOT NULL'}"
        for c in schema.records.c
    )
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE records ({columns}, PRIMARY KEY (entity, id))"))
        for version in (1, 2):
            conn.execute(
                text("INSERT INTO hub_schema_version (version, applied_at) VALUES (:v, 'then')"),
                {"v": version},
            )
        conn.execute(
            text(
                "INSERT INTO organisations (id, name, version, min_cursor, created_at)"
                " VALUES ('org-1', 'Riverside PCN', 2, 0, 'then'),"
                " ('org-2', 'Hillside PCN', 0, 0, 'then')"
            )
        )
        conn.execute(
            _INSERT,
            {
                "org": "org-1",
                "entity": "measure_definitions",
                "id": "def-1",
                "data": json.dumps({"measure_id": "swemwbs", "source": "A"}),
            },
        )
    with engine.begin() as conn:
        _v2(conn)
        _v3(conn)
        conn.execute(text("INSERT INTO hub_schema_version (version, applied_at) VALUES (3, 'x')"))
    engine.dispose()


def test_an_upgrade_keys_records_per_organisation_and_keeps_them(hub_database_url):
    _schema_3_hub(hub_database_url)
    before = create_engine(hub_database_url)
    assert inspect(before).get_pk_constraint("records")["constrained_columns"] == ["entity", "id"]
    before.dispose()
    engine = make_engine(hub_database_url)  # migrates on open
    try:
        assert LATEST == 6
        pk = inspect(engine).get_pk_constraint("records")["constrained_columns"]
        assert pk == ["org_id", "entity", "id"]
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT org_id, id, data, match_key FROM records")).all()
            assert [(r.org_id, r.id, json.loads(r.data)) for r in rows] == [
                ("org-1", "def-1", {"measure_id": "swemwbs", "source": "A"})
            ]
            expected = match_key("measure_definitions", {"measure_id": "swemwbs"})
            assert rows[0].match_key == expected and len(expected) == 64
            # Another organisation may now hold a record of the same id.
            data = json.dumps({"measure_id": "swemwbs", "source": "B"})
            conn.execute(_INSERT, {"org": "org-2", "entity": "measure_definitions",
                                   "id": "def-1", "data": data})  # fmt: skip
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(_INSERT, {"org": "org-2", "entity": "measure_definitions",
                                   "id": "def-1", "data": data})  # fmt: skip
    finally:
        engine.dispose()
