"""A malformed request gets a 4xx with a reason a person can read, never a 500 (over HTTP)."""

from __future__ import annotations

import json

import httpx
import pytest

from linkworker_desktop.sync.protocol import MAX_BATCH, MAX_BATCH_HEADER, OLDEST_MAX_BATCH
from tests.support.hand_pushes import new_patient


def _mutation(**overrides):
    mutation = {
        "mutation_id": 1,
        "entity": "patients",
        "entity_id": "01900000-0000-7000-8000-000000000001",
        "op": "put",
        "changes": {"given_name": "Alex"},
        "base_versions": {},
    }
    mutation.update(overrides)
    return mutation


def _push(client_id, mutations, **extra):
    return {"protocol": 1, "client_id": client_id, "mutations": mutations, **extra}


def _assert_refused(response: httpx.Response, *words: str) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.strip()
    for word in words:
        assert word in detail, detail


@pytest.fixture
def client(org):
    laptop = org.laptop("North")
    with httpx.Client(
        base_url=org.hub.url, headers={"Authorization": f"Bearer {laptop.token}"}, timeout=20
    ) as http:
        http.laptop = laptop
        yield http


BAD_PUSHES = {
    "unknown top-level field": (lambda c: _push(c, [], surprise=1), "surprise"),
    "unknown mutation field": (lambda c: _push(c, [_mutation(colour="red")]), "colour"),
    "mutation id is text": (lambda c: _push(c, [_mutation(mutation_id="one")]), "mutation_id"),
    "mutation id is zero": (lambda c: _push(c, [_mutation(mutation_id=0)]), "mutation_id"),
    "mutation id too large": (lambda c: _push(c, [_mutation(mutation_id=2**63)]), "mutation_id"),
    "mutations not a list": (lambda c: _push(c, {"a": 1}), "mutations"),
    "changes not an object": (lambda c: _push(c, [_mutation(changes=["x"])]), "changes"),
    "base version is text": (
        lambda c: _push(c, [_mutation(base_versions={"phone": "new"})]),
        "base_versions",
    ),
    "entity not synced": (lambda c: _push(c, [_mutation(entity="settings")]), "entity"),
    "unknown operation": (lambda c: _push(c, [_mutation(op="merge")]), "op"),
    "empty entity id": (lambda c: _push(c, [_mutation(entity_id="")]), "entity_id"),
    "entity id with a control character": (
        lambda c: _push(c, [_mutation(entity_id="abc\x00def")]),
        "entity_id",
    ),
    "newer protocol": (lambda c: _push(c, [], protocol=2), "protocol"),
    "oversized batch": (
        lambda c: _push(c, [_mutation(mutation_id=i + 1) for i in range(MAX_BATCH + 1)]),
        "mutations",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PUSHES))
def test_malformed_push_is_refused_with_a_reason(client, case):
    make_body, word = BAD_PUSHES[case]
    response = client.post("/v1/sync/push", json=make_body(client.laptop.client_id))
    _assert_refused(response, word)


def test_body_that_is_not_json_is_refused(client):
    response = client.post(
        "/v1/sync/push", content=b"{not json", headers={"content-type": "application/json"}
    )
    _assert_refused(response)


def test_body_over_the_size_limit_is_refused_before_reading(client):
    filler = "x" * (9 * 1024 * 1024)
    body = json.dumps(_push(client.laptop.client_id, [_mutation(changes={"notes": filler})]))
    response = client.post(
        "/v1/sync/push", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": -1},
        {"cursor": "yesterday"},
        {"limit": 0},
        {"limit": 1_000_000},
        {"cursor": 2**70},
    ],
    ids=["negative cursor", "text cursor", "zero limit", "huge limit", "cursor beyond 64 bits"],
)
def test_malformed_pull_is_refused_with_a_reason(client, params):
    _assert_refused(client.get("/v1/sync/pull", params=params))


@pytest.mark.parametrize(
    "changes",
    [
        {"patient_id": 12345},
        {"patient_id": {"nested": "object"}},
        {"patient_id": ["a", "list"]},
        {"patient_id": None},
    ],
    ids=["number", "object", "list", "null"],
)
def test_child_naming_its_parent_with_the_wrong_type_is_refused_not_a_500(client, changes):
    body = _push(client.laptop.client_id, [_mutation(entity="referrals", changes=changes)])
    response = client.post("/v1/sync/push", json=body)
    assert response.status_code < 500, response.text
    if response.status_code == 200:
        rejected = response.json()["rejected"]
        assert [r["mutation_id"] for r in rejected] == [1]
        assert rejected[0]["reason"]
    else:
        _assert_refused(response)


@pytest.mark.parametrize(
    "changes",
    [
        {"team_id": 7},
        {"owner_worker_id": {"x": 1}},
        {"team_id": ["North"]},
        {"team_id": "North\x00"},
        {"owner_worker_id": "w" * 500},
    ],
    ids=["team number", "owner object", "team list", "team with NUL", "owner too long"],
)
def test_patient_with_a_malformed_scope_field_is_refused_not_a_500(client, changes):
    body = _push(client.laptop.client_id, [_mutation(changes=dict(changes, given_name="Alex"))])
    response = client.post("/v1/sync/push", json=body)
    assert response.status_code < 500, response.text
    if response.status_code == 200:
        assert [r["mutation_id"] for r in response.json()["rejected"]] == [1]
    else:
        _assert_refused(response)


def test_push_for_another_client_id_is_forbidden(client):
    response = client.post("/v1/sync/push", json=_push("someone-else", []))
    assert response.status_code == 403
    assert "own changes" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-real-token"}, {"Authorization": "Basic abc"}],
    ids=["no token", "unknown token", "wrong scheme"],
)
def test_requests_without_a_valid_token_get_401(org, headers):
    with httpx.Client(base_url=org.hub.url, timeout=20) as http:
        for response in (
            http.get("/v1/sync/pull", headers=headers),
            http.post("/v1/sync/push", json=_push("c", []), headers=headers),
        ):
            _assert_refused(response)
            assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"code": "ABCD-EFGH-JKLM", "device_name": "x"},
        {"code": "AB", "device_name": "x", "client_id": "c"},
        {"code": "ABCD-EFGH-JKLM", "device_name": "x", "client_id": "c", "admin": True},
    ],
    ids=["missing client id", "code too short", "unknown field"],
)
def test_malformed_enrolment_is_refused_with_a_reason(org, body):
    with httpx.Client(base_url=org.hub.url, timeout=20) as http:
        _assert_refused(http.post("/v1/enrol", json=body))


def test_a_push_answer_says_how_many_changes_the_hub_takes_and_it_takes_that_many(client):
    """A laptop sends more than the oldest hubs take only to a hub that said it takes them."""
    client_id = client.laptop.client_id
    patients = [
        _mutation(
            mutation_id=n + 1,
            entity_id=f"01900000-0000-7000-8000-{n:012}",
            changes=new_patient(client.laptop),
        )
        for n in range(MAX_BATCH)
    ]
    response = client.post("/v1/sync/push", json=_push(client_id, patients))
    assert response.status_code == 200, response.text
    assert response.headers[MAX_BATCH_HEADER] == "5000"
    assert response.json()["rejected"][:1] == []
    assert response.json()["applied"] == MAX_BATCH == 5000
    assert MAX_BATCH > OLDEST_MAX_BATCH == 1000
