"""Everything the patient record shows, read in one go through the services.

The tabs only display a ``RecordData``; reading it here once means a refresh after a booking
or a discharge is one call, and the lock can drop it all by dropping one object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from linkworker_desktop.domain.appointments import (
    AppointmentKind,
    AppointmentMode,
    AppointmentStatus,
    session_label,
)
from linkworker_desktop.domain.consent import ConsentKind, ConsentRecord
from linkworker_desktop.domain.measures import Change, Measure
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.appointments import AppointmentService, from_utc_text
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.consent import ConsentService
from linkworker_desktop.services.discharge import DischargeDetails, discharge_details
from linkworker_desktop.services.goals import GoalService, GoalView
from linkworker_desktop.services.measures import MeasureResult, MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService, SessionSummary
from linkworker_desktop.services.settings import FOLLOW_UP_CAP
from linkworker_desktop.ui.models.session_words import attendance_text


@dataclass(frozen=True, slots=True)
class Visit:
    """One line of the Sessions tab: a booking, the session held for it, or both."""

    when: datetime
    label: str
    kind: str
    mode: AppointmentMode | None
    place: str
    planned_minutes: int
    attendance: str
    appointment: dict[str, Any] | None
    session: SessionSummary | None

    @property
    def actual_seconds(self) -> int | None:
        return self.session.duration_seconds if self.session else None


@dataclass(frozen=True, slots=True)
class MeasureHistory:
    measure_id: str
    measure: Measure | None  # None if an imported measure has since been removed
    results: tuple[MeasureResult, ...]
    changes: tuple[Change, ...]

    @property
    def name(self) -> str:
        return self.measure.name if self.measure else self.measure_id


@dataclass
class RecordData:
    patient: Patient
    referral: Referral | None
    discharge: DischargeDetails | None
    cap: int
    initial_done: bool
    follow_ups_used: int
    booked: int
    visits: list[Visit] = field(default_factory=list)
    measures: list[MeasureHistory] = field(default_factory=list)
    goals: list[GoalView] = field(default_factory=list)
    # The latest answer of each kind asked, and every answer recorded (newest first).
    consent: dict[ConsentKind, ConsentRecord] = field(default_factory=dict)
    consent_history: list[ConsentRecord] = field(default_factory=list)


def _visits(
    profile: OpenProfile, patient_id: str, cap: int, appointments: list[dict[str, Any]]
) -> list[Visit]:
    appointments_service = AppointmentService(profile)
    sessions = SessionService(profile).history(patient_id)
    by_appointment = {s.appointment_id: s for s in sessions if s.appointment_id}
    numbering: dict[str, dict[str, tuple[str, int]]] = {}
    visits = []
    for row in appointments:
        referral_id = row["referral_id"]
        if referral_id and referral_id not in numbering:
            numbering[referral_id] = appointments_service.numbering(referral_id)
        numbered = numbering.get(referral_id or "", {}).get(row["id"])
        label = (
            session_label(numbered[0], numbered[1], cap)
            if numbered
            else AppointmentKind(row["kind"]).label
        )
        session = by_appointment.get(row["id"])
        status = AppointmentStatus(row["status"])
        attendance = attendance_text(status, row["cancel_reason"])
        if session is not None and session.state == "running":
            attendance = "Started, not ended"
        visits.append(
            Visit(
                when=from_utc_text(row["starts_at"]),
                label=label,
                kind=row["kind"],
                mode=AppointmentMode(row["mode"]),
                place=row["place"],
                planned_minutes=row["planned_minutes"],
                attendance=attendance,
                appointment=row,
                session=session,
            )
        )
    booked_ids = {row["id"] for row in appointments}
    for session in sessions:
        if session.appointment_id in booked_ids:
            continue
        visits.append(
            Visit(
                when=session.started_at.astimezone(),
                label=AppointmentKind(session.kind).label,
                kind=session.kind,
                mode=None,
                place="",
                planned_minutes=session.planned_minutes,
                attendance="Attended" if session.state == "ended" else "Started, not ended",
                appointment=None,
                session=session,
            )
        )
    visits.sort(key=lambda v: v.when, reverse=True)
    return visits


def _measures(profile: OpenProfile, patient_id: str) -> list[MeasureHistory]:
    service = MeasureService(profile)
    grouped: dict[str, list[MeasureResult]] = {}
    for result in service.results(patient_id):
        grouped.setdefault(result.measure_id, []).append(result)
    library = service.library()
    return [
        MeasureHistory(
            measure_id,
            library.get(measure_id),
            tuple(results),
            tuple(service.change(patient_id, measure_id)) if measure_id in library else (),
        )
        for measure_id, results in grouped.items()
    ]


def load_record(profile: OpenProfile, patient_id: str) -> RecordData:
    """Read the record (the view is written to the audit log by CaseloadService.patient)."""
    caseload = CaseloadService(profile)
    patient = caseload.patient(patient_id)
    patient_id = patient.id  # a record merged into another opens as that one
    referrals = caseload.referrals(patient_id)
    referral = referrals[0] if referrals else None
    cap = profile.settings.get(FOLLOW_UP_CAP)
    initial_done, follow_ups, booked = False, 0, 0
    rows = AppointmentService(profile).for_patient(patient_id)
    for row in rows:
        if referral is None or row["referral_id"] != referral.id:
            continue
        if row["status"] == AppointmentStatus.ATTENDED:
            if row["kind"] == AppointmentKind.INITIAL:
                initial_done = True
            else:
                follow_ups += 1
        elif row["status"] == AppointmentStatus.BOOKED:
            booked += 1
    return RecordData(
        patient=patient,
        referral=referral,
        discharge=discharge_details(profile, referral.id) if referral else None,
        cap=cap,
        initial_done=initial_done,
        follow_ups_used=follow_ups,
        booked=booked,
        visits=_visits(profile, patient_id, cap, rows),
        measures=_measures(profile, patient_id),
        goals=GoalService(profile).goals(patient_id),
        consent=ConsentService(profile).current(patient_id),
        consent_history=ConsentService(profile).history(patient_id),
    )
