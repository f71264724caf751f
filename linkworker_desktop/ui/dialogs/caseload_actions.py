"""What the patient and referral dialogs may ask of the caseload.

A dialog can outlive a lock (the window hides it and shows it again after unlock), so it never
keeps a connection or a service: every call asks the view for the profile open *now*, and a
locked caseload raises :class:`CaseloadLocked` instead of writing through a closed connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from linkworker_desktop.domain.consent import GivenBy
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.profile import OpenProfile


class CaseloadLocked(Exception):
    """The caseload was locked while a dialog was open; what was typed is kept."""

    def __init__(self) -> None:
        super().__init__(
            "The caseload is locked, so nothing was saved. Unlock it and press Save again: "
            "what you typed is still here."
        )


def _nobody(_digits: str) -> tuple[str, str] | None:
    return None


@dataclass(frozen=True)
class CaseloadActions:
    """Saves and loads through ``current_profile()`` at the moment of the call."""

    current_profile: Callable[[], OpenProfile | None]
    # (patient id, name) of a patient already listed with these NHS number digits, if any.
    known_patient: Callable[[str], tuple[str, str] | None] = _nobody

    def service(self) -> CaseloadService:
        profile = self.current_profile()
        if profile is None or not profile.is_open:
            raise CaseloadLocked()
        return CaseloadService(profile)

    def open_patient(self, patient_id: str) -> tuple[Patient, list[Referral]]:
        service = self.service()
        return service.patient(patient_id), service.referrals(patient_id)

    def referrals(self, patient_id: str) -> list[Referral]:
        return self.service().referrals(patient_id)

    def add_patient(
        self, patient: Patient, referral: Referral | None, consent_given: GivenBy | None = None
    ) -> str:
        return self.service().add_patient(patient, referral, consent_given)

    def update_patient(self, patient: Patient, consent_given: GivenBy | None = None) -> list[str]:
        return self.service().update_patient(patient, consent_given)

    def add_referral(self, referral: Referral) -> str:
        return self.service().add_referral(referral)

    def update_referral(self, referral: Referral) -> list[str]:
        return self.service().update_referral(referral)
