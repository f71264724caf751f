"""Helpers for the caseload service tests: a service over the open profile, and appointments."""

from __future__ import annotations

from datetime import datetime

import pytest

from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage.unit_of_work import UnitOfWork


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
