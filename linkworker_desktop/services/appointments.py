"""Booking, moving, cancelling and recording attendance; the Today list; the session cap.

Booking beyond the cap is allowed with a recorded reason (a warning, never a block), and the
referral's status follows the contact: a first booking makes it contacted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from linkworker_desktop.domain.alerts import HomeVisitNeedsConfirmation
from linkworker_desktop.domain.appointments import (
    AppointmentKind,
    AppointmentMode,
    AppointmentStatus,
    Slot,
    check_outcome,
    check_start,
    session_label,
)
from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.clock_changes import local_instant
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.names import shown_name
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import FOLLOW_UP_CAP, FOLLOW_UP_MINUTES, INITIAL_MINUTES
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork

_LIVE = ("booked", "attended")


def to_utc_text(moment: datetime) -> str:
    """Appointments are stored in UTC; a naive time is taken as this laptop's local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


@dataclass(frozen=True, slots=True)
class Booking:
    """What the worker is told before saving: what the session will be, and any warnings."""

    kind: AppointmentKind
    follow_up_number: int
    cap: int
    label: str
    over_cap: bool
    overlaps: tuple[str, ...]

    @property
    def warnings(self) -> list[str]:
        found = []
        if self.over_cap:
            found.append(
                f"This would be follow-up {self.follow_up_number}, beyond the {self.cap} the "
                "service offers. You can still book it; say why."
            )
        found.extend(self.overlaps)
        return found


@dataclass(frozen=True, slots=True)
class TodayEntry:
    appointment_id: str
    patient_id: str
    referral_id: str | None
    patient_name: str
    nhs_number: str
    starts_at: datetime
    planned_minutes: int
    mode: AppointmentMode
    place: str
    label: str
    prepare_notes: str
    status: AppointmentStatus
    has_session: bool
    alerts: tuple[tuple[str, str], ...] = ()  # (alert, reason) in force on the patient's record

    def as_json(self) -> dict[str, Any]:
        return {
            "appointment_id": self.appointment_id,
            "patient_id": self.patient_id,
            "patient": self.patient_name,
            "nhs_number": self.nhs_number,
            "starts_at": self.starts_at.isoformat(),
            "minutes": self.planned_minutes,
            "mode": self.mode.value,
            "place": self.place,
            "session": self.label,
            "prepare": self.prepare_notes,
            "status": self.status.value,
            "alerts": [label for label, _reason in self.alerts],
        }


def _name(row: dict[str, Any]) -> str:
    return shown_name(row["given_name"], row["family_name"], row["preferred_name"])


class AppointmentService:
    def __init__(self, profile: OpenProfile, zone: tzinfo | None = None):
        self.profile = profile
        self.zone = zone or local_zone()

    def instant(self, starts_at: datetime) -> datetime:
        """A typed (naive) wall-clock start as one instant in this laptop's zone.

        Raises NonexistentTime or AmbiguousTime on the days the clocks change, so the worker
        is asked; an aware time (the answer to that question) is taken as it is.
        """
        if starts_at.tzinfo is not None:
            return starts_at
        return local_instant(starts_at.date(), starts_at.time(), self.zone)

    @property
    def _conn(self) -> Any:
        return self.profile.conn

    # --- the cap and the numbering ------------------------------------------------------------

    def _referral_appointments(self, referral_id: str) -> list[dict[str, Any]]:
        return fetch_dicts(
            self._conn,
            "SELECT * FROM appointments WHERE referral_id = ? AND deleted = 0 ORDER BY starts_at",
            (referral_id,),
        )

    def numbering(self, referral_id: str) -> dict[str, tuple[str, int]]:
        """(kind, follow-up number) of each booked or attended appointment, in time order."""
        result: dict[str, tuple[str, int]] = {}
        follow_ups = 0
        for row in self._referral_appointments(referral_id):
            if row["status"] not in _LIVE:
                continue
            if row["kind"] == AppointmentKind.FOLLOW_UP:
                follow_ups += 1
            result[row["id"]] = (row["kind"], follow_ups)
        return result

    def sessions_used(self, referral_id: str) -> int:
        return sum(1 for r in self._referral_appointments(referral_id) if r["status"] == "attended")

    def plan_booking(
        self,
        referral_id: str,
        starts_at: datetime,
        minutes: int | None = None,
        ignore_id: str | None = None,
    ) -> Booking:
        """Work out the kind and number of a new session and what to warn about."""
        rows = [r for r in self._referral_appointments(referral_id) if r["id"] != ignore_id]
        live = [r for r in rows if r["status"] in _LIVE]
        cap = self.profile.settings.get(FOLLOW_UP_CAP)
        has_initial = any(r["kind"] == AppointmentKind.INITIAL for r in live)
        kind = AppointmentKind.FOLLOW_UP if has_initial else AppointmentKind.INITIAL
        number = sum(1 for r in live if r["kind"] == AppointmentKind.FOLLOW_UP) + (
            1 if kind == AppointmentKind.FOLLOW_UP else 0
        )
        if minutes is None:
            setting = INITIAL_MINUTES if kind == AppointmentKind.INITIAL else FOLLOW_UP_MINUTES
            minutes = self.profile.settings.get(setting)
        overlaps = tuple(self._overlaps(Slot(starts_at.astimezone(), minutes), ignore_id))
        return Booking(
            kind=kind,
            follow_up_number=number,
            cap=cap,
            label=session_label(kind, number, cap),
            over_cap=kind == AppointmentKind.FOLLOW_UP and number > cap,
            overlaps=overlaps,
        )

    def _overlaps(self, slot: Slot, ignore_id: str | None) -> list[str]:
        window_start = to_utc_text(slot.starts_at - timedelta(hours=4))
        window_end = to_utc_text(slot.ends_at)
        rows = fetch_dicts(
            self._conn,
            "SELECT a.id, a.starts_at, a.planned_minutes, p.given_name, p.family_name"
            " FROM appointments a JOIN patients p ON p.id = a.patient_id"
            " WHERE a.deleted = 0 AND a.status = 'booked' AND a.worker_id = ?"
            " AND a.starts_at >= ? AND a.starts_at < ?",
            (self.profile.actor.worker_id, window_start, window_end),
        )
        found = []
        for row in rows:
            if row["id"] == ignore_id:
                continue
            other = Slot(from_utc_text(row["starts_at"]), row["planned_minutes"])
            if slot.overlaps(other):
                found.append(
                    f"You already have {shown_name(row['given_name'], row['family_name'])} at "
                    f"{other.starts_at:%H:%M} that day; the two would overlap."
                )
        return found

    # --- changes ------------------------------------------------------------------------------

    def book(
        self,
        referral_id: str,
        starts_at: datetime,
        mode: AppointmentMode = AppointmentMode.SURGERY,
        place: str = "",
        minutes: int | None = None,
        prepare_notes: str = "",
        over_cap_reason: str = "",
        past_confirmed: bool = False,
        now: datetime | None = None,
        home_visit_confirmed: bool = False,
    ) -> str:
        """Book a session; raises ValidationError if it is beyond the cap and no reason is given.

        A start that has passed raises NeedsConfirmation unless ``past_confirmed``: recording a
        session that already happened is fine, booking one in the past by a slip is not. A home
        visit to someone with an alert such as "Do not visit alone" raises
        HomeVisitNeedsConfirmation unless ``home_visit_confirmed``.
        """
        referral = self._referral(referral_id)
        if AppointmentMode(mode) == AppointmentMode.HOME_VISIT and not home_visit_confirmed:
            warnings = AlertService(self.profile).home_visit_warnings(referral["patient_id"])
            if warnings:
                raise HomeVisitNeedsConfirmation(warnings)
        starts_at = self.instant(starts_at)
        check_start(
            starts_at,
            now or datetime.now(),
            date.fromisoformat(referral["referral_date"]),
            past_confirmed,
        )
        plan = self.plan_booking(referral_id, starts_at, minutes)
        if plan.over_cap and not over_cap_reason.strip():
            raise ValidationError({"over_cap_reason": plan.warnings[0]})
        if minutes is None:
            setting = INITIAL_MINUTES if plan.kind == AppointmentKind.INITIAL else FOLLOW_UP_MINUTES
            minutes = self.profile.settings.get(setting)
        if not 5 <= minutes <= 180:
            raise ValidationError({"minutes": "A session lasts from 5 to 180 minutes."})
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            appointment_id = uow.insert(
                "appointments",
                {
                    "patient_id": referral["patient_id"],
                    "referral_id": referral_id,
                    "starts_at": to_utc_text(starts_at),
                    "planned_minutes": minutes,
                    "kind": plan.kind.value,
                    "mode": AppointmentMode(mode).value,
                    "place": place.strip(),
                    "status": "booked",
                    "worker_id": self.profile.actor.worker_id,
                    "prepare_notes": prepare_notes.strip(),
                    "over_cap_reason": over_cap_reason.strip() if plan.over_cap else "",
                },
            )
            if referral["status"] == ReferralStatus.NEW:
                uow.update("referrals", referral_id, {"status": ReferralStatus.CONTACTED.value})
        return appointment_id

    def move(
        self,
        appointment_id: str,
        starts_at: datetime,
        past_confirmed: bool = False,
        now: datetime | None = None,
    ) -> None:
        """Move a booked session; the same rules as booking, asked about as a move."""
        row = self._appointment(appointment_id)
        if row["status"] != "booked":
            raise ValidationError({"status": "Only a booked session can be moved."})
        self._refuse_if_started(appointment_id)
        starts_at = self.instant(starts_at)
        check_start(
            starts_at,
            now or datetime.now(),
            self._referral_date(row["referral_id"]),
            past_confirmed,
            moving=True,
        )
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            uow.update("appointments", appointment_id, {"starts_at": to_utc_text(starts_at)})

    def cancel(self, appointment_id: str, reason: str = "") -> None:
        self._set_outcome(appointment_id, AppointmentStatus.CANCELLED, reason)

    def did_not_attend(self, appointment_id: str, now: datetime | None = None) -> None:
        """Record a did-not-attend, once the booked start has passed (never ahead of time).

        It does not use up one of the follow-ups the service offers: only booked and attended
        sessions are numbered and counted toward the cap.
        """
        row = self._appointment(appointment_id)
        if row["status"] == "booked":
            check_outcome(from_utc_text(row["starts_at"]), now or datetime.now(UTC), self.zone)
        self._set_outcome(appointment_id, AppointmentStatus.DID_NOT_ATTEND, "")

    def _set_outcome(self, appointment_id: str, status: AppointmentStatus, reason: str) -> None:
        row = self._appointment(appointment_id)
        if row["status"] != "booked":
            raise ValidationError({"status": "This session already has an outcome recorded."})
        self._refuse_if_started(appointment_id)
        values: dict[str, Any] = {"status": status.value}
        if status == AppointmentStatus.CANCELLED:
            values["cancel_reason"] = reason.strip()
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            uow.update("appointments", appointment_id, values)

    def _refuse_if_started(self, appointment_id: str) -> None:
        """A session under way ends through the runner (which records it as attended)."""
        started = self._conn.execute(
            "SELECT 1 FROM sessions WHERE appointment_id = ? AND deleted = 0", (appointment_id,)
        ).fetchone()
        if started:
            raise ValidationError(
                {"status": "This session has started; resume it and end it instead."}
            )

    # --- reading ------------------------------------------------------------------------------

    def day(self, day: date | None = None) -> list[TodayEntry]:
        """The worker's sessions on one day, in order (cancelled ones left out)."""
        day = day or date.today()
        start = datetime.combine(day, time.min, tzinfo=self.zone)
        rows = fetch_dicts(
            self._conn,
            "SELECT a.*, p.given_name, p.family_name, p.preferred_name, p.nhs_number,"
            " EXISTS (SELECT 1 FROM sessions s WHERE s.appointment_id = a.id AND s.deleted = 0)"
            " AS has_session"
            " FROM appointments a JOIN patients p ON p.id = a.patient_id"
            " WHERE a.deleted = 0 AND p.deleted = 0 AND a.status != 'cancelled'"
            " AND a.worker_id = ? AND a.starts_at >= ? AND a.starts_at < ?"
            " ORDER BY a.starts_at",
            (
                self.profile.actor.worker_id,
                to_utc_text(start),
                to_utc_text(start + timedelta(days=1)),
            ),
        )
        cap = self.profile.settings.get(FOLLOW_UP_CAP)
        alerts = AlertService(self.profile).active_by_patient({r["patient_id"] for r in rows})
        entries = []
        numbering_cache: dict[str, dict[str, tuple[str, int]]] = {}
        for row in rows:
            referral_id = row["referral_id"]
            if referral_id and referral_id not in numbering_cache:
                numbering_cache[referral_id] = self.numbering(referral_id)
            kind, number = numbering_cache.get(referral_id or "", {}).get(
                row["id"], (row["kind"], 0)
            )
            entries.append(
                TodayEntry(
                    appointment_id=row["id"],
                    patient_id=row["patient_id"],
                    referral_id=referral_id,
                    patient_name=_name(row),
                    nhs_number=row["nhs_number"],
                    starts_at=from_utc_text(row["starts_at"]).astimezone(self.zone),
                    planned_minutes=row["planned_minutes"],
                    mode=AppointmentMode(row["mode"]),
                    place=row["place"],
                    label=session_label(kind, number, cap),
                    prepare_notes=row["prepare_notes"],
                    status=AppointmentStatus(row["status"]),
                    has_session=bool(row["has_session"]),
                    alerts=tuple(
                        (a.kind.label, a.reason) for a in alerts.get(row["patient_id"], [])
                    ),
                )
            )
        return entries

    def for_patient(self, patient_id: str) -> list[dict[str, Any]]:
        return fetch_dicts(
            self._conn,
            "SELECT * FROM appointments WHERE patient_id = ? AND deleted = 0 ORDER BY starts_at",
            (patient_id,),
        )

    def _appointment(self, appointment_id: str) -> dict[str, Any]:
        rows = fetch_dicts(
            self._conn, "SELECT * FROM appointments WHERE id = ? AND deleted = 0", (appointment_id,)
        )
        if not rows:
            raise ValidationError({"appointment": "That session is not in the caseload."})
        return rows[0]

    def _referral(self, referral_id: str) -> dict[str, Any]:
        rows = fetch_dicts(
            self._conn, "SELECT * FROM referrals WHERE id = ? AND deleted = 0", (referral_id,)
        )
        if not rows:
            raise ValidationError({"referral": "That referral is not in the caseload."})
        if not ReferralStatus(rows[0]["status"]).is_open:
            raise ValidationError(
                {"referral": "This referral is closed; reopen it or add a new referral to book."}
            )
        return rows[0]

    def _referral_date(self, referral_id: str | None) -> date | None:
        row = self._conn.execute(
            "SELECT referral_date FROM referrals WHERE id = ?", (referral_id,)
        ).fetchone()
        return date.fromisoformat(row[0]) if row else None
