"""Helpers for the service tests: a service over the open profile, appointments, new caseloads."""

from __future__ import annotations

from datetime import datetime

import pytest

from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.fixture
def service(open_profile) -> CaseloadService:
    return CaseloadService(open_profile)


@pytest.fixture
def book(open_profile):
    """Write an appointment the way the session screens will: through the unit of work."""

    def make(patient_id: str, referral_id: str, starts: datetime, status: str = "booked") -> str:
        with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
            return uow.insert(
                "appointments",
                {
                    "patient_id": patient_id,
                    "referral_id": referral_id,
                    "starts_at": starts.isoformat(timespec="seconds"),
                    "status": status,
                    "worker_id": open_profile.actor.worker_id,
                },
            )

    return make


@pytest.fixture
def new_profile(tmp_path):
    """Makes new caseloads (each in a folder of its own) as often as a test asks; closes them."""
    made = []

    def make() -> profile_service.OpenProfile:
        opened, _ = profile_service.create_profile(
            profile_service.ProfileFiles(tmp_path / f"profile{len(made)}"),
            PASSPHRASE,
            "Sam Patel",
            "North PCN",
            kdf=FAST_KDF,
        )
        made.append(opened)
        return opened

    yield make
    for opened in made:
        opened.close()
