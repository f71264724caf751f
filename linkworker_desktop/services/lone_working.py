"""Lone working on home visits: check-in when the session starts, check-out when it ends.

The check-in is a synced record under the patient, so it reaches the worker's team (who hold
the patient's records) and the hub. A colleague's Today shows a visit once it is overdue; the
worker's own Today lets them check out a visit whose session was not ended in the app.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.lone_working import VisitCheckin
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import (
    LONE_WORKING_OVERDUE_MINUTES,
    WORKER_CONTACT,
    Settings,
)
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork

HOME_VISIT = "home_visit"


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def place_of_visit(conn: Any, appointment: dict[str, Any]) -> str:
    """Where the worker went: the place as booked, else the patient's address on the record."""
    booked = str(appointment.get("place") or "").strip()
    if booked:
        return booked
    row = conn.execute(
        "SELECT address_line1, address_line2, town, postcode FROM patients WHERE id = ?",
        (appointment["patient_id"],),
    ).fetchone()
    return ", ".join(part.strip() for part in (row or ()) if part and part.strip())


def check_in(
    uow: UnitOfWork,
    profile: OpenProfile,
    appointment: dict[str, Any],
    session_id: str,
    started_at: datetime,
) -> str | None:
    """Check the worker in on a home visit (inside the session's start); None for other modes."""
    if appointment.get("mode") != HOME_VISIT:
        return None
    conn = profile.conn
    worker_id = profile.actor.worker_id
    name = conn.execute("SELECT display_name FROM workers WHERE id = ?", (worker_id,)).fetchone()
    started_at = started_at.astimezone(UTC)
    expected = started_at + timedelta(minutes=int(appointment["planned_minutes"]))
    return uow.insert(
        "visit_checkins",
        {
            "session_id": session_id,
            "appointment_id": appointment["id"],
            "patient_id": appointment["patient_id"],
            "worker_id": worker_id,
            "worker_name": name[0] if name else "",
            "worker_contact": Settings(conn, profile.actor).get(WORKER_CONTACT),
            "place": place_of_visit(conn, appointment),
            "checked_in_at": started_at.isoformat(timespec="seconds"),
            "expected_end_at": expected.isoformat(timespec="seconds"),
        },
    )


def check_out_session(uow: UnitOfWork, session_id: str, at: datetime) -> None:
    """Ending a home visit's session checks the worker out (if still checked in)."""
    for row in uow.conn.execute(
        "SELECT id FROM visit_checkins WHERE session_id = ? AND checked_out_at IS NULL"
        " AND deleted = 0",
        (session_id,),
    ).fetchall():
        uow.update("visit_checkins", row[0], {"checked_out_at": at.isoformat(timespec="seconds")})


class LoneWorkingService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    def overdue_minutes(self) -> int:
        value: int = Settings(self.profile.conn, self.profile.actor).get(
            LONE_WORKING_OVERDUE_MINUTES
        )
        return value

    def _checkins(self, where: str, params: tuple[Any, ...] = ()) -> list[VisitCheckin]:
        rows = fetch_dicts(
            self.profile.conn,
            "SELECT * FROM visit_checkins WHERE deleted = 0 AND "
            f"{where} ORDER BY expected_end_at, id",
            params,
        )
        return [
            VisitCheckin(
                id=r["id"],
                patient_id=r["patient_id"],
                session_id=r["session_id"],
                appointment_id=r["appointment_id"],
                worker_id=r["worker_id"],
                worker_name=r["worker_name"],
                worker_contact=r["worker_contact"],
                place=r["place"],
                checked_in_at=datetime.fromisoformat(r["checked_in_at"]),
                expected_end_at=datetime.fromisoformat(r["expected_end_at"]),
                checked_out_at=_when(r["checked_out_at"]),
            )
            for r in rows
        ]

    def checkins(self) -> list[VisitCheckin]:
        return self._checkins("1 = 1")

    def my_open(self) -> list[VisitCheckin]:
        """The worker's own visits still checked in: Today offers "Checked out safe"."""
        return self._checkins(
            "checked_out_at IS NULL AND worker_id = ?", (self.profile.actor.worker_id,)
        )

    def open_for_session(self, session_id: str) -> VisitCheckin | None:
        found = self._checkins("checked_out_at IS NULL AND session_id = ?", (session_id,))
        return found[0] if found else None

    def team_overdue(self, now: datetime) -> list[VisitCheckin]:
        """Colleagues' visits overdue now (the worker's own open visit is shown as their own)."""
        minutes = self.overdue_minutes()
        return [
            c
            for c in self._checkins(
                "checked_out_at IS NULL AND worker_id != ?", (self.profile.actor.worker_id,)
            )
            if c.overdue(now, minutes)
        ]

    def check_out(self, checkin_id: str, now: datetime) -> None:
        """The worker says they are out and safe (the session was not ended in the app)."""
        mine = {c.id for c in self.my_open()}
        if checkin_id not in mine:
            raise ValidationError(
                {"visit": "That visit is not open under your name, so it cannot be checked out."}
            )
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            uow.update(
                "visit_checkins", checkin_id, {"checked_out_at": now.isoformat(timespec="seconds")}
            )
