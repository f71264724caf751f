"""The hub's OpenAPI document is true: generated requests against a live hub get no 5xx and
every answer matches what the document says (status, content type, body), request by request
and in sequences that follow the document's links (a pull's next cursor to the next pull)."""

from __future__ import annotations

from collections import Counter

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
SCENARIOS, STEPS = 40, 6  # stateful: at most 240 requests


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live_hub(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzzed-hub")
    urls = database_url(request.param, request, folder)
    url = next(urls)
    with HubServer(url) as hub:
        org = Organisation(hub, folder / "org", "Riverside PCN")
        laptop = org.laptop("North")
        for name in ("Ann", "Bea", "Cai"):
            laptop.add_patient(given_name=name)
        laptop.sync()
        hub.token, hub.client_id = laptop.token, laptop.client_id
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


def machine_for(hub, tally: Counter) -> type:
    """The document's state machine, sending the device token and counting what it does."""
    document = schemathesis.openapi.from_url(f"{hub.url}/openapi.json")

    class Device(document.as_state_machine()):
        def step(self, input):
            if input.transition is not None and input.is_applied:
                tally[f"{input.case.operation.label} via {input.transition.id}"] += 1
            return super().step(input)

        def before_call(self, case):
            # The one value a device must know that no answer gives: its own client id.
            if isinstance(case.body, dict) and isinstance(case.body.get("client_id"), str):
                case.body["client_id"] = hub.client_id

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {hub.token}"}, "timeout": 20}

        def after_call(self, response, case):
            super().after_call(response, case)
            tally["requests"] += 1
            tally["5xx"] += response.status_code >= 500

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, excluded_checks=NOT_CHECKED, recorder=self.recorder)

    return Device


def test_sequences_that_follow_the_links_answer_as_documented(live_hub):
    tally: Counter = Counter()
    machine_for(live_hub, tally).run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    print(f"schemathesis stateful: {dict(sorted(tally.items()))}")
    followed = {key.split(" via ")[0]: n for key, n in tally.items() if " via " in key}
    assert tally["5xx"] == 0
    assert tally["requests"] >= SCENARIOS
    # Both pages links were followed: a pull's next cursor, the directory's modified_until.
    assert sorted(followed) == ["GET /v1/directory", "GET /v1/sync/pull"], followed
    assert followed["GET /v1/sync/pull"] >= 5, followed
