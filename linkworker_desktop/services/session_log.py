"""A patient's sessions as a link worker reads them: every booking, what became of it, and when.

The booked time and the actual start are kept apart: a session booked for 10:30 that began at
10:42 is still the 10:30 booking, and one not yet held has no start at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from linkworker_desktop.domain.appointments import AppointmentKind, AppointmentStatus, session_label
from linkworker_desktop.services.appointments import AppointmentService, from_utc_text
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService, SessionSummary
from linkworker_desktop.services.settings import FOLLOW_UP_CAP

RUNNING = "running"


def status_of(status: AppointmentStatus, session_open: bool) -> tuple[str, str]:
    """(value, label) of a booking: its outcome, or "running" while its session is open."""
    if status == AppointmentStatus.BOOKED and session_open:
        return RUNNING, "Running"
    return status.value, status.label


@dataclass(frozen=True, slots=True)
class SessionLine:
    appointment_id: str | None
    kind: str
    booked_at: datetime | None
    planned_minutes: int
    label: str
    status: str
    status_label: str
    session: SessionSummary | None

    @property
    def when(self) -> datetime:
        if self.booked_at is not None:
            return self.booked_at
        assert self.session is not None
        return self.session.started_at.astimezone()

    def as_json(self) -> dict[str, Any]:
        """The session's own fields (None when not held), with the booking beside them."""
        doc: dict[str, Any] = (
            self.session.as_json()
            if self.session
            else dict.fromkeys(("session_id", "started_at", "duration_minutes", "state"))
        )
        doc.update(
            appointment_id=self.appointment_id,
            kind=self.kind,
            booked_at=self.booked_at.isoformat() if self.booked_at else None,
            planned_minutes=self.planned_minutes,
            session=self.label,
            status=self.status,
        )
        return doc


def session_log(profile: OpenProfile, patient_id: str) -> list[SessionLine]:
    """Every booking of the patient (held, coming, missed or cancelled) and any unbooked session."""
    appointments = AppointmentService(profile)
    held = {s.appointment_id: s for s in SessionService(profile).history(patient_id)}
    cap = profile.settings.get(FOLLOW_UP_CAP)
    numbering: dict[str, dict[str, tuple[str, int]]] = {}
    lines = []
    for row in appointments.for_patient(patient_id):
        referral_id = row["referral_id"] or ""
        if referral_id not in numbering:
            numbering[referral_id] = appointments.numbering(referral_id) if referral_id else {}
        kind, number = numbering[referral_id].get(row["id"], (row["kind"], 0))
        if number or kind == AppointmentKind.INITIAL:
            label = session_label(kind, number, cap)
        else:  # missed or cancelled: not one of the sessions offered
            label = AppointmentKind(kind).label
        session = held.pop(row["id"], None)
        value, text = status_of(
            AppointmentStatus(row["status"]), session is not None and session.state == RUNNING
        )
        if row.get("imported"):  # brought in from a spreadsheet: held before, no notes here
            text = f"{text} (imported)"
        lines.append(
            SessionLine(
                appointment_id=row["id"],
                kind=row["kind"],
                booked_at=from_utc_text(row["starts_at"]),
                planned_minutes=row["planned_minutes"],
                label=label,
                status=value,
                status_label=text,
                session=session,
            )
        )
    for session in held.values():  # sessions started without a booking
        ended = session.state != RUNNING
        lines.append(
            SessionLine(
                appointment_id=None,
                kind=session.kind,
                booked_at=None,
                planned_minutes=session.planned_minutes,
                label=AppointmentKind(session.kind).label,
                status=AppointmentStatus.ATTENDED.value if ended else RUNNING,
                status_label=AppointmentStatus.ATTENDED.label if ended else "Running",
                session=session,
            )
        )
    return sorted(lines, key=lambda line: line.when)
