"""A real hub on loopback, an organisation with one team, and laptops for the Sync UI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QThreadPool

from linkworker_desktop.services import sync_service
from tests.support.hub import HubServer
from tests.support.laptop import Laptop
from tests.support.organisation import Organisation

TEAM = "North"
POOL_TIMEOUT_MS = 30_000


def serve_hub(folder: Path) -> Iterator[HubServer]:
    """The hub's FastAPI app on SQLite, served by uvicorn on a free 127.0.0.1 port."""
    with HubServer(f"sqlite:///{folder / 'hub.db'}") as hub:
        yield hub


def organisation(hub: HubServer, folder: Path) -> Iterator[Organisation]:
    org = Organisation(hub, folder / "org", "Riverside PCN")
    org.team(TEAM)
    yield org
    org.close()


def thread_pool() -> Iterator[QThreadPool]:
    """A pool of the test's own, so a test can wait for its rounds to end before tearing down."""
    pool = QThreadPool()
    yield pool
    pool.waitForDone(POOL_TIMEOUT_MS)


def two_laptops_in_conflict(org: Organisation) -> tuple[Laptop, Laptop, str]:
    """Two workers of one team edit Ann Bee's mobile number offline; A syncs first, then B.

    The hub keeps B's number (it arrived last) and records A's as the conflict's other value;
    after one more round each laptop holds the patient and the open conflict.
    """
    a = org.laptop(TEAM, "Jo Fielding")
    b = org.laptop(TEAM, "Sam Okafor")
    patient_id = a.add_patient(given_name="Ann", family_name="Bee", mobile="07700 900100")
    a.sync()
    b.sync()
    a.edit("patients", patient_id, mobile="07700 900111")
    b.edit("patients", patient_id, mobile="07700 900222")
    a.sync()
    b.sync()
    a.sync()
    assert sync_service.open_conflicts(a.profile), "the two edits should have made a conflict"
    return a, b, patient_id
