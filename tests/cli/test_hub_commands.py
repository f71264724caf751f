"""``linkworker hub …``: the administrator's commands, with the database named before or after."""

from __future__ import annotations

import json

import pytest
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


def test_a_shorter_feed_withdraws_services_only_when_asked(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    cli("hub", "create-org", "Riverside PCN", "--database", url)
    whole = [{"id": f"s{n}", "name": f"Walking group {n}"} for n in range(3)]
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(whole), "utf-8")
    first = cli("hub", "import-directory", "Riverside PCN", str(feed), "--database", url)
    assert (first.code, first.out) == (
        0,
        "Stored 3 new or changed services for laptops to fetch; 0 rejected.\n",
    )
    feed.write_text(json.dumps(whole[:2]), "utf-8")
    kept = cli("hub", "import-directory", "Riverside PCN", str(feed), "--database", url)
    assert kept.code == 0
    assert kept.out.splitlines()[1] == (
        "Kept 1 service on the hub that this feed does not list;"
        " import with --withdraw-missing to take them off laptops."
    )
    assert _withdrawn(url) == {"s0": False, "s1": False, "s2": False}
    gone = cli(
        "hub",
        "import-directory",
        "Riverside PCN",
        str(feed),
        "--withdraw-missing",
        "--database",
        url,
    )
    assert gone.code == 0
    assert gone.out.splitlines()[1] == "Withdrew 1 service this feed no longer lists."
    assert _withdrawn(url) == {"s0": False, "s1": False, "s2": True}


def _withdrawn(url: str) -> dict[str, bool]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT source_id, withdrawn FROM hub_directory"))
            return {r.source_id: bool(r.withdrawn) for r in rows}
    finally:
        engine.dispose()


def test_migrate_brings_a_new_database_up_to_date_and_exits(cli, tmp_path):
    from linkworker_desktop.hub.migrations import LATEST

    url = f"sqlite:///{tmp_path / 'hub.db'}"
    migrated = cli("hub", "migrate", "--database", url)
    assert (migrated.code, migrated.out) == (0, f"The hub database is at schema {LATEST}.\n")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version FROM hub_schema_version ORDER BY 1"))
            assert [v for (v,) in versions] == list(range(1, LATEST + 1))
    finally:
        engine.dispose()
    again = cli("hub", "migrate", "--database", url)
    assert (again.code, again.out) == (0, f"The hub database is at schema {LATEST}.\n")


@pytest.fixture
def postgres_url(request, tmp_path):
    from tests.support.hub_fixtures import database_url

    yield from database_url("postgresql", request, tmp_path)


def test_the_pool_size_comes_from_the_flags_or_the_environment(postgres_url, monkeypatch):
    from linkworker_desktop.cli.hub_commands import _engine
    from linkworker_desktop.cli.main import build_parser

    monkeypatch.setenv("LINKWORKER_HUB_POOL_SIZE", "4")
    monkeypatch.setenv("LINKWORKER_HUB_MAX_OVERFLOW", "1")
    parser = build_parser()
    for argv, expected in (
        (["hub", "migrate", "--database", postgres_url], (4, 1)),
        (["hub", "migrate", "--database", postgres_url, "--pool-size", "2"], (2, 1)),
        (["hub", "--max-overflow", "0", "migrate", "--database", postgres_url], (4, 0)),
    ):
        engine = _engine(parser.parse_args(argv))
        try:
            assert (engine.pool.size(), engine.pool._max_overflow) == expected
        finally:
            engine.dispose()


def test_the_pool_defaults_to_five_and_five(postgres_url, monkeypatch):
    from linkworker_desktop.cli.hub_commands import _engine
    from linkworker_desktop.cli.main import build_parser

    monkeypatch.delenv("LINKWORKER_HUB_POOL_SIZE", raising=False)
    monkeypatch.delenv("LINKWORKER_HUB_MAX_OVERFLOW", raising=False)
    engine = _engine(build_parser().parse_args(["hub", "migrate", "--database", postgres_url]))
    try:
        assert (engine.pool.size(), engine.pool._max_overflow) == (5, 5)
    finally:
        engine.dispose()


@pytest.mark.parametrize("given", ["many", "-1", "1001", "2.5"])
def test_a_pool_size_that_is_not_a_count_is_refused_in_one_line(cli, tmp_path, capsys, given):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    with pytest.raises(SystemExit) as exited:
        cli("hub", "migrate", "--database", url, "--pool-size", given)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"{given!r} is not a number of connections from 0 to 1000" in err
    assert "Traceback" not in err
    assert not (tmp_path / "hub.db").exists()


def test_serve_refuses_a_minimum_protocol_it_does_not_speak(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LINKWORKER_HUB_MIN_PROTOCOL", "2")
    refused = cli("hub", "serve", "--database", f"sqlite:///{tmp_path / 'hub.db'}")
    assert refused.code == 1
    assert refused.err.strip() == (
        "linkworker: LINKWORKER_HUB_MIN_PROTOCOL='2' is not a protocol this hub speaks; "
        "give a number from 1 to 1."
    )
