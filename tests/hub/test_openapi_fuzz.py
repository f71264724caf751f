"""The hub's OpenAPI document is true: generated requests against a live hub get no 5xx and
every answer matches what the document says (status, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi import checks

from tests.support.hub import HubServer
from tests.support.hub_fixtures import database_url
from tests.support.organisation import Organisation

# Whether a request is right depends on the hub's data as well as on its shape: a well-formed
# code can be wrong (401), and unknown query parameters are ignored, as HTTP allows.
NOT_CHECKED = [checks.negative_data_rejection, checks.positive_data_acceptance]
NO_INPUT = ("/v1/health", "/v1/ready")
EXAMPLES = 30  # per operation and mode: six operations, two modes, a few hundred cases in all


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live_hub(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzzed-hub")
    urls = database_url(request.param, request, folder)
    url = next(urls)
    with HubServer(url) as hub:
        org = Organisation(hub, folder / "org", "Riverside PCN")
        laptop = org.laptop("North")
        hub.token = laptop.token
        yield hub
        org.close()
    next(urls, None)


def fuzz(operation, mode: GenerationMode, token: str, tally: dict[str, int]) -> None:
    """Requests to one operation, valid or not as ``mode`` says, each answer checked."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case):
        response = case.call(headers={"Authorization": f"Bearer {token}"}, timeout=20)
        tally["cases"] += 1
        tally["5xx"] += response.status_code >= 500
        case.validate_response(response, excluded_checks=NOT_CHECKED)

    call()


def test_every_operation_answers_as_documented(live_hub):
    document = schemathesis.openapi.from_url(f"{live_hub.url}/openapi.json")
    operations = [found.ok() for found in document.get_all_operations()]
    assert sorted(f"{op.method.upper()} {op.path}" for op in operations) == [
        "GET /v1/directory",
        "GET /v1/health",
        "GET /v1/ready",
        "GET /v1/sync/pull",
        "POST /v1/enrol",
        "POST /v1/sync/push",
    ]
    tally = {"cases": 0, "5xx": 0}
    for operation in operations:
        # Health and readiness take no input, so there is nothing to get wrong.
        takes_input = operation.path not in NO_INPUT
        for mode in [GenerationMode.POSITIVE] + [GenerationMode.NEGATIVE] * takes_input:
            fuzz(operation, mode, live_hub.token, tally)
    print(f"schemathesis: {tally['cases']} cases, {tally['5xx']} answers 5xx")
    assert tally["5xx"] == 0
    assert tally["cases"] >= 100
