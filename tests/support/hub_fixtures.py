"""Fixtures for the sync tests: a real hub on loopback over SQLite and PostgreSQL, and laptops.

Registered in ``tests/conftest.py``; the hub's packages are imported only when a test asks for
a hub, so the rest of the suite runs without them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.support.hub import HubServer
    from tests.support.organisation import Organisation

HUB_DATABASES = ("sqlite", "postgresql")
# CI sets this, so a PostgreSQL that fails to start fails the run instead of being skipped.
REQUIRE_POSTGRES = "LINKWORKER_TEST_REQUIRE_POSTGRES"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[Any, str]]:
    """(server, "") once per run, or (None, the reason PostgreSQL tests are skipped)."""
    from tests.support import postgres

    server, reason = postgres.start_server()
    yield server, reason
    if server is not None:
        server.stop()


def database_url(kind: str, request: pytest.FixtureRequest, folder: Any) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'hub.db'}"
        return
    server, reason = request.getfixturevalue("postgres_server")
    if server is None:
        if os.environ.get(REQUIRE_POSTGRES):
            pytest.fail(f"{REQUIRE_POSTGRES} is set: {reason}")
        pytest.skip(reason)
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture(params=HUB_DATABASES)
def hub_database_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A new, empty hub database: SQLite always, PostgreSQL when it is present."""
    yield from database_url(request.param, request, tmp_path)


@pytest.fixture
def hub(hub_database_url: str) -> Iterator[HubServer]:
    from tests.support.hub import HubServer

    with HubServer(hub_database_url) as server:
        yield server


@pytest.fixture
def make_org(hub: HubServer, tmp_path: Any) -> Iterator[Callable[[str], Organisation]]:
    from tests.support.organisation import Organisation

    made: list[Organisation] = []

    def make(name: str) -> Organisation:
        made.append(Organisation(hub, tmp_path / f"org-{len(made)}", name))
        return made[-1]

    yield make
    for org in made:
        org.close()


@pytest.fixture
def org(make_org: Callable[[str], Organisation]) -> Organisation:
    return make_org("Riverside PCN")
