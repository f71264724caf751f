"""A hub upgraded from schema 3, whose directory rows carry only the import's timestamp: each
row gains its organisation's directory number, and a laptop then fetches every service."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, inspect, text

from linkworker_desktop.hub import auth, schema
from linkworker_desktop.hub.migrations import LATEST, _v2
from linkworker_desktop.services.demo_directory import demo_feed
from tests.support.hub import HubServer
from tests.support.laptop import Laptop

STAMP = "2026-03-02T09:00:00.000+00:00"
ORGS = {"org-1": ("Riverside PCN", 1205), "org-2": ("Hillside PCN", 3)}


def _schema_3_hub(url: str) -> dict[str, list[str]]:
    """Tables as schema 3 left them: two organisations' directories, each one import's stamp."""
    engine = create_engine(url)
    schema.metadata.create_all(engine)
    _v2(engine)
    held: dict[str, list[str]] = {}
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX hub_directory_seq"))
        for column in ("seq", "withdrawn"):
            conn.execute(text(f"ALTER TABLE hub_directory DROP COLUMN {column}"))
        for version in (1, 2, 3):
            conn.execute(
                text("INSERT INTO hub_schema_version (version, applied_at) VALUES (:v, 'then')"),
                {"v": version},
            )
        for org_id, (name, count) in ORGS.items():
            conn.execute(
                text(
                    "INSERT INTO organisations (id, name, version, min_cursor, created_at)"
                    " VALUES (:id, :name, 0, 0, 'then')"
                ),
                {"id": org_id, "name": name},
            )
            services = demo_feed(seed=len(held), count=count)["contents"]
            held[org_id] = [s["id"] for s in services]
            for service in services:
                conn.execute(
                    text(
                        "INSERT INTO hub_directory (org_id, source_id, data, modified_at)"
                        " VALUES (:org, :source, :data, :stamp)"
                    ),
                    {
                        "org": org_id,
                        "source": service["id"],
                        "data": json.dumps(service, sort_keys=True),
                        "stamp": STAMP,
                    },
                )
        conn.execute(
            text(
                "INSERT INTO workers (id, org_id, team_id, name, created_at)"
                " VALUES ('worker-1', 'org-1', NULL, 'Asha Khan', 'then')"
            )
        )
    engine.dispose()
    return held


def test_the_upgrade_numbers_every_directory_row_and_a_laptop_gets_them_all(
    hub_database_url, tmp_path
):
    held = _schema_3_hub(hub_database_url)
    with HubServer(hub_database_url) as hub:
        assert LATEST == 6
        assert [r.version for r in hub.rows("SELECT version FROM hub_schema_version")] == [
            1,
            2,
            3,
            4,
            5,
            6,
        ]
        indexes = {i["name"]: i for i in inspect(hub.engine).get_indexes("hub_directory")}
        assert indexes["hub_directory_seq"]["unique"]
        for org_id, source_ids in held.items():
            rows = hub.rows(
                "SELECT source_id, seq, withdrawn, modified_at FROM hub_directory"
                " WHERE org_id = :org ORDER BY seq",
                org=org_id,
            )
            assert [r.source_id for r in rows] == sorted(source_ids)
            assert [r.seq for r in rows] == list(range(1, len(source_ids) + 1))
            assert {(bool(r.withdrawn), r.modified_at) for r in rows} == {(False, STAMP)}

        with hub.engine.begin() as conn:
            code = auth.new_enrol_code(conn, "worker-1")
        laptop = Laptop(tmp_path / "laptop", "Asha Khan")
        try:
            laptop.enrol(hub.url, code)
            assert laptop.sync().directory == 1205
            got = laptop.profile.conn.execute(
                "SELECT source_id FROM directory_services WHERE source = 'feed' AND deleted = 0"
            )
            assert sorted(r[0] for r in got) == sorted(held["org-1"])
        finally:
            laptop.close()
