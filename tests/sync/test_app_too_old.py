"""A hub that needs a newer protocol tells the laptop so in plain words, and nothing is lost."""

from __future__ import annotations

import httpx
import pytest

from linkworker_desktop.hub import versions
from linkworker_desktop.hub.versions import VersionGate
from linkworker_desktop.services import sync_service
from linkworker_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, VERSION_HEADER
from linkworker_desktop.sync.transport import AppTooOld, DeviceRevoked, Transport
from tests.support.hub import HubServer
from tests.support.organisation import Organisation

TOO_OLD = (
    "This version of Linkworker Desktop (0.1.0) is too old for your organisation's hub. "
    "Ask your IT team to update it. Nothing has been lost: your changes wait on this laptop."
)


@pytest.fixture
def gate() -> list[VersionGate]:
    return []


@pytest.fixture
def raised_hub(hub_database_url, gate):
    """A real hub whose minimum protocol the test raises, as a later hub's would be."""

    def wrap(app):
        gate.append(VersionGate(app, minimum=1))
        return gate[0]

    with HubServer(hub_database_url, wrap=wrap) as server:
        yield server


@pytest.fixture
def org_on_raised_hub(raised_hub, tmp_path):
    made = Organisation(raised_hub, tmp_path / "org", "Riverside PCN")
    made.team("North")
    yield made
    made.close()


def test_every_request_says_the_app_and_protocol_version(hub):
    seen: list[httpx.Request] = []

    client = httpx.Client(event_hooks={"request": [seen.append]})
    transport = Transport(hub.url, token="not-a-token", client=client)
    with pytest.raises(DeviceRevoked):
        transport.pull(0, 10)
    transport.close()
    assert len(seen) == 1
    assert seen[0].headers[VERSION_HEADER] == "0.1.0"
    assert seen[0].headers[PROTOCOL_HEADER] == str(PROTOCOL_VERSION) == "1"


def test_a_too_old_laptop_is_told_and_keeps_its_changes(org_on_raised_hub, raised_hub, gate):
    laptop = org_on_raised_hub.laptop()
    patient_id = laptop.add_patient(given_name="Ann", family_name="Bee")
    waiting = laptop.pending()
    assert waiting >= 1
    gate[0].minimum = PROTOCOL_VERSION + 1  # the organisation's hub now needs a newer laptop
    with pytest.raises(AppTooOld) as refused:
        laptop.sync()
    assert str(refused.value) == TOO_OLD
    assert laptop.pending() == waiting
    assert sync_service.status(laptop.profile).last_error == TOO_OLD
    assert raised_hub.rows("SELECT id FROM records WHERE entity = 'patients'") == []
    gate[0].minimum = PROTOCOL_VERSION  # the laptop updated (or the hub relented): all arrives
    laptop.sync()
    assert laptop.pending() == 0
    assert [r.id for r in raised_hub.rows("SELECT id FROM records WHERE entity = 'patients'")] == [
        patient_id
    ]


def test_a_laptop_without_the_headers_counts_as_protocol_one(org_on_raised_hub, gate):
    laptop = org_on_raised_hub.laptop()
    old = httpx.get(
        f"{org_on_raised_hub.hub.url}/v1/sync/pull",
        headers={"Authorization": f"Bearer {laptop.token}"},
        timeout=10,
    )
    assert old.status_code == 200
    gate[0].minimum = 2
    refused = httpx.get(
        f"{org_on_raised_hub.hub.url}/v1/sync/pull",
        headers={"Authorization": f"Bearer {laptop.token}", VERSION_HEADER: "<b>0.0.9</b>"},
        timeout=10,
    )
    assert refused.status_code == 426
    assert refused.json() == {
        "error": "upgrade_required",
        "detail": (
            "This version of Linkworker Desktop is too old for your organisation's hub. Ask your "
            "IT team to update it. Nothing has been lost: your changes wait on this laptop."
        ),
    }
    health = httpx.get(f"{org_on_raised_hub.hub.url}/v1/health", timeout=10)
    assert health.status_code == 200


@pytest.mark.parametrize(("raw", "expected"), [("", 1), ("1", 1), (" 1 ", 1)])
def test_the_minimum_comes_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv(versions.MIN_PROTOCOL_VARIABLE, raw)
    assert versions.minimum_protocol() == expected


@pytest.mark.parametrize("raw", ["0", "2", "one", "-1"])
def test_a_minimum_the_hub_cannot_speak_is_refused_by_name(monkeypatch, raw):
    monkeypatch.setenv(versions.MIN_PROTOCOL_VARIABLE, raw)
    with pytest.raises(versions.BadMinimumProtocol) as refused:
        versions.minimum_protocol()
    assert str(refused.value) == (
        f"LINKWORKER_HUB_MIN_PROTOCOL={raw!r} is not a protocol this hub speaks; give a number "
        "from 1 to 1."
    )


def test_the_api_document_names_the_refusal(hub):
    document = httpx.get(f"{hub.url}/openapi.json", timeout=10).json()
    routes = [
        ("/v1/enrol", "post"),
        ("/v1/sync/push", "post"),
        ("/v1/sync/pull", "get"),
        ("/v1/directory", "get"),
    ]
    for path, method in routes:
        assert "426" in document["paths"][path][method]["responses"], path
    assert "426" not in document["paths"]["/v1/health"]["get"]["responses"]
