"""Small caseloads for hand-worked report figures, written with the app's own services.

Names come from Faker's en_GB provider and NHS numbers from the 999 test range. Times are given
as local wall-clock times in London and stored as the app stores them (UTC), so a record near
midnight lands on the day a worker would say it happened.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from faker import Faker

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import (
    ConsentToContact,
    Ethnicity,
    Gender,
    ReferralReason,
    ReferralSource,
)
from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.domain.directory import ConnectionKind, ConnectionOutcome, DirectoryService
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.reports import Period, Report, ReportSettings, build_report
from linkworker_desktop.services import discharge as discharge_service
from linkworker_desktop.services import goals as goals_module
from linkworker_desktop.services import measures as measures_module
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.services.library import shipped_measures
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.support.session_factories import synthetic_nhs_number

GENERATED_AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
_fake = Faker("en_GB")
_fake.seed_instance(1515)


def london(day: date, hour: int = 10, minute: int = 0, ms: int = 0) -> str:
    """A London wall-clock time stored as the app stores it: UTC, to the millisecond."""
    moment = datetime(day.year, day.month, day.day, hour, minute, 0, ms * 1000, tzinfo=LONDON)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


class Caseload:
    """One open caseload and the moves a worker makes, each through the app's services."""

    def __init__(self, profile: OpenProfile, monkeypatch: Any):
        self.profile = profile
        self._stamp = "2026-01-01T00:00:00.000+00:00"
        monkeypatch.setattr(measures_module, "utc_now", lambda: self._stamp)
        monkeypatch.setattr(goals_module, "utc_now", lambda: self._stamp)

    def refer(
        self,
        referred: date,
        *,
        born: date = date(1960, 5, 20),
        gender: Gender = Gender.FEMALE,
        ethnicity: Ethnicity = Ethnicity.A,
        practice: str = "B86001",
        postcode: str = "LS1 4AP",
        source: ReferralSource = ReferralSource.GP,
        reasons: tuple[ReferralReason, ...] = (ReferralReason.LONELINESS,),
    ) -> tuple[str, str]:
        """A new patient with one referral: (patient id, referral id)."""
        patient = Patient(
            nhs_number=synthetic_nhs_number(),
            given_name=_fake.first_name(),
            family_name=_fake.last_name(),
            date_of_birth=born,
            gender=gender,
            ethnicity=ethnicity,
            postcode=postcode,
            gp_practice_code=practice,
            consent_to_contact=ConsentToContact.YES,
        )
        referral = self.referral(referred, source, reasons)
        patient_id = CaseloadService(self.profile).add_patient(patient, referral)
        return patient_id, referral.id

    @staticmethod
    def referral(
        referred: date, source: ReferralSource, reasons: tuple[ReferralReason, ...]
    ) -> Referral:
        return Referral(
            patient_id="",
            referral_date=referred,
            source=source,
            referrer_name="" if source == ReferralSource.SELF else "Dr Example",
            reasons=list(reasons),
        )

    def refer_again(self, patient_id: str, referred: date) -> str:
        referral = self.referral(referred, ReferralSource.GP, (ReferralReason.LOW_MOOD,))
        referral.patient_id = patient_id
        return CaseloadService(self.profile).add_referral(referral)

    def contact(
        self,
        person: tuple[str, str],
        day: date,
        status: str = "attended",
        mode: str = "surgery",
        hour: int = 10,
    ) -> str:
        """A past session, as the session screens leave it: attended, missed or cancelled."""
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            return uow.insert(
                "appointments",
                {
                    "patient_id": person[0],
                    "referral_id": person[1],
                    "starts_at": london(day, hour),
                    "status": status,
                    "mode": mode,
                    "worker_id": self.profile.actor.worker_id,
                },
            )

    def discharge(self, person: tuple[str, str], on: date, reason: DischargeReason) -> None:
        notes = "Moved on" if reason == DischargeReason.OTHER else ""
        discharge_service.discharge(self.profile, person[1], reason, notes, on)

    def measure(
        self,
        person: tuple[str, str],
        measure_id: str,
        answers: dict[str, int | None],
        at: str,
        timepoint: str = "review",
    ) -> str:
        self._stamp = at
        result = MeasureService(self.profile).record(
            person[0], measure_id, answers, timepoint, person[1]
        )
        return result.id

    def goal(self, person: tuple[str, str], ratings: list[tuple[str, int]]) -> str:
        service = GoalService(self.profile)
        goal_id = service.add(person[0], "Go to the Thursday lunch club", person[1])
        for at, rating in ratings:
            self._stamp = at
            service.rate(goal_id, rating)
        return goal_id

    def service(self, name: str, categories: list[str]) -> str:
        return Directory(self.profile).add_local(
            DirectoryService(name=name, source_id="", categories=categories)
        )

    def connect(
        self,
        person: tuple[str, str],
        service_id: str,
        on: date,
        kind: ConnectionKind = ConnectionKind.REFERRED,
        outcome: ConnectionOutcome | None = None,
    ) -> str:
        directory = Directory(self.profile)
        connection_id = directory.connect(person[0], service_id, kind, person[1], on=on)
        if outcome is not None:
            directory.record_outcome(connection_id, outcome)
        return connection_id

    def report(self, period: Period, by: str | None = None, target_days: int = 14) -> Report:
        settings = ReportSettings(
            service_name="Northfield Social Prescribing",
            team="North PCN",
            first_contact_target_days=target_days,
            zone=LONDON,
            measures=shipped_measures(),
        )
        return build_report(
            self.profile.conn, period, by=by, settings=settings, generated_at=GENERATED_AT
        )


def ons4(life: int, worthwhile: int, happiness: int, anxiety: int) -> dict[str, int | None]:
    return {
        "life_satisfaction": life,
        "worthwhile": worthwhile,
        "happiness": happiness,
        "anxiety": anxiety,
    }


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True)
