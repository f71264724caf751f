"""Replicas started together on one database: one migrates under the lock, all of them serve."""

from __future__ import annotations

import httpx

from linkworker_desktop.hub.migrations import LATEST
from tests.support.hub_process import HubProcess

REPLICAS = 3


def test_three_replicas_started_at_once_all_come_up_and_serve(hub_database_url, tmp_path):
    replicas = [
        HubProcess(hub_database_url, migrate=False, log=tmp_path / f"replica-{n}.log")
        for n in range(REPLICAS)
    ]
    try:
        for replica in replicas:
            replica.launch()  # all three before any is ready: they migrate at the same moment
        for replica in replicas:
            replica.wait_ready()
        for replica in replicas:
            answer = httpx.get(f"{replica.url}/v1/ready", timeout=10)
            assert (answer.status_code, answer.json()) == (
                200,
                {"status": "ready", "schema": LATEST},
            )
        applied = replicas[0].rows("SELECT version FROM hub_schema_version ORDER BY version")
        assert [row.version for row in applied] == list(range(1, LATEST + 1))
    finally:
        for replica in replicas:
            replica.stop()
    logs = [replica.log.read_text("utf-8", "replace") for replica in replicas if replica.log]
    assert len(logs) == REPLICAS
    for log in logs:
        assert "Traceback" not in log
        assert "UniqueViolation" not in log
