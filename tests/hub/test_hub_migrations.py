"""A hub upgraded in place: a database made by the previous hub (schema 2) keeps its data and
gains what schema 3 adds, and a laptop enrolled afterwards receives the existing teams."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, inspect, text

from linkworker_desktop.hub import auth, schema
from linkworker_desktop.hub.engine import make_engine
from linkworker_desktop.hub.migrations import LATEST, _v2
from tests.support.hub import HubServer
from tests.support.laptop import Laptop, fresh_nhs_number

ADDED_IN_3 = ("writer", "writer_current", "match_key")


def _schema_2_hub(url: str) -> dict[str, str]:
    """Tables as schema 2 left them, holding an organisation, its team, a worker, two patients."""
    engine = create_engine(url)
    schema.metadata.create_all(engine)
    _v2(engine)
    live, gone = fresh_nhs_number(), fresh_nhs_number()
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX records_match"))
        for column in ADDED_IN_3:
            conn.execute(text(f"ALTER TABLE records DROP COLUMN {column}"))
        for version in (1, 2):
            conn.execute(
                text("INSERT INTO hub_schema_version (version, applied_at) VALUES (:v, 'then')"),
                {"v": version},
            )
        conn.execute(
            text(
                "INSERT INTO organisations (id, name, version, min_cursor, created_at)"
                " VALUES ('org-1', 'Riverside PCN', 2, 0, 'then')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO teams (id, org_id, name, created_at)"
                " VALUES ('team-1', 'org-1', 'North', 'then')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO workers (id, org_id, team_id, name, created_at)"
                " VALUES ('worker-1', 'org-1', 'team-1', 'Asha Khan', 'then')"
            )
        )
        for version, (pid, number, deleted) in enumerate(
            (("patient-live", live, False), ("patient-gone", gone, True)), start=1
        ):
            conn.execute(
                text(
                    "INSERT INTO records (org_id, entity, id, team_id, owner_id, root_id, data,"
                    " field_versions, version, deleted, updated_at) VALUES ('org-1', 'patients',"
                    " :id, 'team-1', NULL, NULL, :data, '{}', :version, :deleted, 'then')"
                ),
                {
                    "id": pid,
                    "data": json.dumps({"nhs_number": number, "given_name": "Ann"}),
                    "version": version,
                    "deleted": deleted,
                },
            )
    engine.dispose()
    return {"live": live, "gone": gone}


def test_an_upgrade_keeps_the_data_and_adds_what_schema_3_brings(hub_database_url):
    numbers = _schema_2_hub(hub_database_url)
    engine = make_engine(hub_database_url)  # migrates on open
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("records")}
        assert set(ADDED_IN_3) <= columns
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version FROM hub_schema_version")).scalars()
            assert max(versions) == LATEST
            keys = {
                row.id: row.match_key
                for row in conn.execute(
                    text("SELECT id, match_key FROM records WHERE entity = 'patients'")
                )
            }
            assert keys == {"patient-live": numbers["live"], "patient-gone": None}
            people = conn.execute(
                text(
                    "SELECT entity, id, data, version FROM records WHERE entity IN "
                    "('teams', 'workers') ORDER BY version"
                )  # fmt: skip
            ).all()
            assert [(p.entity, p.id) for p in people] == [
                ("teams", "team-1"),
                ("workers", "worker-1"),
            ]
            assert json.loads(people[0].data) == {"name": "North"}
            assert json.loads(people[1].data) == {"display_name": "Asha Khan", "team_id": "team-1"}
            # Published after everything already there, so every laptop's next pull has them.
            assert [p.version for p in people] == [3, 4]
            org_version = conn.execute(text("SELECT version FROM organisations")).scalar_one()
            assert org_version == 4
        assert LATEST == 6
    finally:
        engine.dispose()


def test_a_laptop_enrolled_after_the_upgrade_receives_the_existing_team(hub_database_url, tmp_path):
    _schema_2_hub(hub_database_url)
    with HubServer(hub_database_url) as hub:
        with hub.engine.begin() as conn:
            code = auth.new_enrol_code(conn, "worker-1")
        laptop = Laptop(tmp_path / "laptop", "Asha Khan")
        try:
            laptop.enrol(hub.url, code)
            laptop.sync()
            assert laptop.record("teams", "team-1")["name"] == "North"
            assert laptop.record("workers", "worker-1")["display_name"] == "Asha Khan"
            assert "patient-live" in laptop.ids("patients")
            assert "patient-gone" not in laptop.ids("patients")
        finally:
            laptop.close()
