"""Enrolment: a one-time code that expires, exchanged for a token the hub keeps only hashed."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from linkworker_desktop.hub import auth, schema
from linkworker_desktop.services import sync_service
from linkworker_desktop.sync import state
from linkworker_desktop.sync.transport import SyncError
from tests.support.laptop import Laptop


@pytest.fixture
def new_laptop(tmp_path):
    made = []

    def make(name="Jo Fielding"):
        made.append(Laptop(tmp_path / f"new-{len(made)}", name, "Laptop team"))
        return made[-1]

    yield make
    for laptop in made:
        laptop.close()


def _everything_stored(hub) -> str:
    """Every value of every hub table, as text, and for SQLite the raw bytes of its files."""
    parts = []
    for table in schema.metadata.sorted_tables:
        parts += [repr(tuple(row)) for row in hub.rows(f"SELECT * FROM {table.name}")]
    if hub.database_url.startswith("sqlite"):
        path = Path(hub.database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal"):
            file = Path(f"{path}{suffix}")
            if file.exists():
                parts.append(file.read_bytes().decode("latin-1"))
    return "\n".join(parts)


def test_enrolment_adopts_the_hubs_identity(org, new_laptop):
    worker_id = org.worker("Jo Fielding", "North")
    laptop = new_laptop()
    patient_id = laptop.add_patient()
    response = laptop.enrol(org.hub.url, org.code(worker_id))
    assert (response.worker_id, response.team_id) == (worker_id, org.teams["North"])
    assert response.organisation_name == org.name
    assert laptop.worker_id == worker_id
    assert laptop.record("patients", patient_id)["owner_worker_id"] == worker_id
    assert laptop.record("patients", patient_id)["team_id"] == org.teams["North"]
    laptop.sync()
    stored = org.hub.rows("SELECT team_id, owner_id FROM records WHERE id = :i", i=patient_id)
    assert [tuple(r) for r in stored] == [(org.teams["North"], worker_id)]


def test_a_code_works_once(org, new_laptop):
    worker_id = org.worker("Jo Fielding", "North")
    code = org.code(worker_id)
    new_laptop().enrol(org.hub.url, code)
    second = new_laptop()
    with pytest.raises(SyncError, match="wrong, used or expired"):
        second.enrol(org.hub.url, code)
    assert state.get(second.profile.conn, "hub_url") == ""


def test_an_expired_code_is_refused(org, new_laptop):
    code = org.code(org.worker("Jo Fielding", "North"), lifetime=timedelta(seconds=-1))
    with pytest.raises(SyncError, match="wrong, used or expired"):
        new_laptop().enrol(org.hub.url, code)


def test_a_wrong_code_gets_401(org, new_laptop):
    org.code(org.worker("Jo Fielding", "North"))
    laptop = new_laptop()
    body = {"code": "AAAA-BBBB-CCCC", "device_name": "laptop", "client_id": laptop.client_id}
    response = httpx.post(f"{org.hub.url}/v1/enrol", json=body, timeout=10)
    assert response.status_code == 401
    assert "Ask for a new one" in response.json()["detail"]


def test_a_caseload_enrols_only_once(org, new_laptop):
    laptop = new_laptop()
    laptop.enrol(org.hub.url, org.code(org.worker("Jo Fielding", "North")))
    with pytest.raises(sync_service.AlreadyEnrolled):
        laptop.enrol(org.hub.url, org.code(org.worker("Jo Fielding 2", "North")))


def test_the_hub_keeps_only_hashes_of_tokens_and_codes(org, new_laptop):
    code = org.code(org.worker("Jo Fielding", "North"))
    laptop = new_laptop()
    laptop.enrol(org.hub.url, code)
    laptop.add_patient()
    laptop.sync()
    token = laptop.token
    assert len(token) >= 40
    stored = _everything_stored(org.hub)
    assert token not in stored
    assert auth.digest(token) in stored
    assert code.replace("-", "") not in stored
    assert auth.digest(code.replace("-", "")) in stored


def test_the_device_token_is_kept_in_the_keyring_not_the_caseload(org, new_laptop, memory_keyring):
    laptop = new_laptop()
    laptop.enrol(org.hub.url, org.code(org.worker("Jo Fielding", "North")))
    assert laptop.token in memory_keyring.secrets.values()
    assert state.get(laptop.profile.conn, "token") == ""


def test_without_a_keyring_the_token_stays_in_the_encrypted_caseload(org, new_laptop, no_keyring):
    laptop = new_laptop()
    laptop.enrol(org.hub.url, org.code(org.worker("Jo Fielding", "North")))
    assert state.get(laptop.profile.conn, "token_store") == "caseload"
    assert laptop.token and laptop.sync().error == ""


def test_a_code_used_by_many_devices_at_once_enrols_one(org, new_laptop):
    code = org.code(org.worker("Jo Fielding", "North"))
    laptops = [new_laptop(f"Device {i}") for i in range(8)]
    statuses: list[int] = []
    gate = threading.Barrier(len(laptops))

    def claim(laptop):
        body = {"code": code, "device_name": laptop.name, "client_id": laptop.client_id}
        gate.wait(timeout=10)
        statuses.append(httpx.post(f"{org.hub.url}/v1/enrol", json=body, timeout=30).status_code)

    threads = [threading.Thread(target=claim, args=(laptop,)) for laptop in laptops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] + [401] * (len(laptops) - 1)
    assert len(org.hub.rows("SELECT id FROM devices")) == 1
