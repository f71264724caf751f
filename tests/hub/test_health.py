"""Health (the process answers) and readiness (the database answers, at the expected schema)."""

from __future__ import annotations

import httpx

from linkworker_desktop.hub.migrations import LATEST


def test_health_answers_without_a_token(hub):
    response = httpx.get(f"{hub.url}/v1/health", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "schema": LATEST}


def test_ready_reports_the_schema(hub):
    response = httpx.get(f"{hub.url}/v1/ready", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "schema": LATEST}


def test_not_ready_when_the_database_holds_another_schema(hub):
    hub.execute(
        "INSERT INTO hub_schema_version (version, applied_at) VALUES (:v, 'later')", v=LATEST + 1
    )
    response = httpx.get(f"{hub.url}/v1/ready", timeout=10)
    assert response.status_code == 503
    assert f"expected {LATEST}" in response.json()["detail"]
    assert httpx.get(f"{hub.url}/v1/health", timeout=10).status_code == 200
