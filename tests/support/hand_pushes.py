"""Pushes made by hand with an enrolled laptop's token: what a misbehaving device could send."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from tests.support.laptop import Laptop, fresh_nhs_number


class Sender:
    """A laptop's token used for hand-made pushes, with mutation ids above any it has used."""

    def __init__(self, hub: Any, laptop: Laptop):
        self.hub = hub
        self.laptop = laptop
        self.next_id = 10_000

    def push(self, *mutations: dict) -> dict:
        body = {"protocol": 1, "client_id": self.laptop.client_id, "mutations": list(mutations)}
        response = httpx.post(
            f"{self.hub.url}/v1/sync/push",
            json=body,
            headers={"Authorization": f"Bearer {self.laptop.token}"},
            timeout=20,
        )
        assert response.status_code == 200, response.text
        return response.json()

    def put(self, entity: str, entity_id: str, changes: dict) -> dict:
        self.next_id += 1
        return {
            "mutation_id": self.next_id,
            "entity": entity,
            "entity_id": entity_id,
            "op": "put",
            "changes": changes,
            "base_versions": {},
        }


def new_patient(laptop: Laptop, **extra: Any) -> dict[str, Any]:
    """Every field a laptop sends for a new patient, all valid."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    return {
        "nhs_number": fresh_nhs_number(),
        "given_name": "Rae",
        "family_name": "Testperson",
        "date_of_birth": "1970-02-03",
        "team_id": laptop.enrolment.team_id if laptop.enrolment else None,
        "owner_worker_id": laptop.worker_id,
        "created_at": now,
        "updated_at": now,
        "author_id": laptop.worker_id,
        "deleted": 0,
        **extra,
    }


def hostile_delete(mutation_id: int, patient: dict[str, Any]) -> dict[str, Any]:
    """A delete of ``patient`` whose changes no laptop can hold, claiming to have seen every
    edit so that the hub cannot turn it into a conflict instead."""
    return {
        "mutation_id": mutation_id,
        "entity": "patients",
        "entity_id": patient["id"],
        "op": "delete",
        "changes": {"updated_at": 2**63, "author_id": ["a", "list"], "created_at": "garbage"},
        "base_versions": dict.fromkeys(patient, 2**40),
    }
