"""What a printed document needs, as plain data: printing never reads the database itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from linkworker_desktop.domain.plan import WellbeingPlan


@dataclass(frozen=True, slots=True)
class PrintOptions:
    large_print: bool = False
    paper: str = "A4"  # or "Letter"


@dataclass(frozen=True, slots=True)
class ServiceDetails:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    logo_path: Path | None = None
    local_crisis_line: str = ""


@dataclass(frozen=True, slots=True)
class ConnectedService:
    name: str
    contact: str = ""
    when_text: str = ""


@dataclass(frozen=True, slots=True)
class PlanDocument:
    service: ServiceDetails
    patient_name: str
    made_on: date
    plan: WellbeingPlan
    worker_name: str
    worker_contact: str = ""
    next_appointment: str = ""
    services: tuple[ConnectedService, ...] = ()
    # "Who I agreed this plan can be shared with", read from the consent recorded.
    sharing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MeasureChangeLine:
    measure: str
    score: str
    before: str
    after: str
    direction: str


@dataclass(frozen=True, slots=True)
class DischargeDocument:
    service: ServiceDetails
    consent: str  # full_notes | codes_only
    patient_name: str
    date_of_birth: date
    nhs_number: str
    practice: str
    referral_date: date
    referrer: str
    reasons: tuple[str, ...]
    sessions_offered: int
    sessions_attended: int
    did_not_attend: int
    first_seen: date | None
    discharged_on: date | None
    discharge_reason: str
    goals: tuple[tuple[str, str, str], ...]  # description, status, latest rating
    measures: tuple[MeasureChangeLine, ...]
    services: tuple[ConnectedService, ...]
    codes: tuple[tuple[str, str], ...]  # (code, term)
    worker_name: str
    worker_contact: str = ""
    # When, how and by whom the consent honoured was given, so the practice can rely on it.
    consent_given: str = ""


@dataclass(frozen=True, slots=True)
class SessionDocument:
    service: ServiceDetails
    patient_name: str
    nhs_number: str
    started: str
    kind: str
    duration: str
    what_matters: str
    notes: tuple[tuple[str, str], ...]  # stage title, text
    goals: tuple[tuple[str, str], ...]  # goal, rating
    addenda: tuple[str, ...] = field(default_factory=tuple)
    worker_name: str = ""


@dataclass(frozen=True, slots=True)
class SafeguardingForm:
    service: ServiceDetails
    patient_name: str
    nhs_number: str
    date_of_birth: str
    address: str
    raised: str  # "Mon 30 Nov 2026 at 14:05 by Asha Khan"
    person_at_risk: str
    category: str
    what_was_seen: str
    immediate_action: str
    handovers: tuple[str, ...]
    status: str  # "Open" or "Closed on … : outcome"
