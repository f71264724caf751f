"""``linkworker hub …``: the administrator's commands, with the database named before or after."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def _names(url: str, table: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text(f"SELECT name FROM {table} ORDER BY name"))]
    finally:
        engine.dispose()


def test_the_database_may_come_before_or_after_the_action(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    made = cli("hub", "--database", url, "create-org", "Riverside PCN")
    assert made.code == 0 and made.out.strip()
    team = cli("hub", "add-team", "Riverside PCN", "North", "--database", url)
    assert team.code == 0
    worker = cli("hub", "add-worker", "--database", url, "Riverside PCN", "North", "Asha Khan")
    assert worker.code == 0
    assert _names(url, "organisations") == ["Riverside PCN"]
    assert _names(url, "teams") == ["North"]
    assert _names(url, "workers") == ["Asha Khan"]
    code = cli("hub", "enrol-code", "Asha Khan", "--database", url)
    assert code.code == 0 and "works once" in code.out


def test_a_worker_in_a_team_the_organisation_lacks_is_refused(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    cli("hub", "create-org", "Riverside PCN", "--database", url)
    refused = cli("hub", "add-worker", "Riverside PCN", "South", "Ben Ode", "--database", url)
    assert refused.code != 0
    assert "South" in refused.err
    assert _names(url, "workers") == []
