"""Discharge: close the referral with a reason; booked sessions after it are cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.referral import check_discharge_date
from linkworker_desktop.domain.typed_dates import format_uk_date
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class DischargeDetails:
    """Why and when a referral was closed, for the record's summary."""

    reason: DischargeReason
    notes: str
    on: date | None


def discharge_details(profile: OpenProfile, referral_id: str) -> DischargeDetails | None:
    """The recorded discharge of a referral, or None while it has none."""
    rows = fetch_dicts(
        profile.conn,
        "SELECT discharge_reason, discharge_notes, discharged_on FROM referrals WHERE id = ?",
        (referral_id,),
    )
    if not rows or not rows[0]["discharge_reason"]:
        return None
    row = rows[0]
    on = date.fromisoformat(row["discharged_on"]) if row["discharged_on"] else None
    return DischargeDetails(DischargeReason(row["discharge_reason"]), row["discharge_notes"], on)


def discharge_of(conn: Any, referral_id: str) -> tuple[DischargeReason, date | None] | None:
    """The reason and date a referral was discharged with, or None if it has no discharge."""
    row = conn.execute(
        "SELECT discharge_reason, discharged_on FROM referrals WHERE id = ?", (referral_id,)
    ).fetchone()
    if row is None or not row[0]:
        return None
    return DischargeReason(row[0]), date.fromisoformat(row[1]) if row[1] else None


def reopened_line(reason: DischargeReason, on: date | None, today: date) -> str:
    """The line a re-opened referral keeps in its notes, so the earlier discharge is not lost."""
    when = f" on {format_uk_date(on)}" if on else ""
    return f"Discharged{when} ({reason.label}); re-opened on {format_uk_date(today)}."


def discharge(
    profile: OpenProfile,
    referral_id: str,
    reason: DischargeReason,
    notes: str = "",
    on: date | None = None,
) -> list[str]:
    """Discharge a referral; returns the ids of the booked sessions it cancelled."""
    rows = fetch_dicts(
        profile.conn,
        "SELECT status, referral_date FROM referrals WHERE id = ? AND deleted = 0",
        (referral_id,),
    )
    if not rows:
        raise ValidationError({"referral": "That referral is not in the caseload."})
    if not ReferralStatus(rows[0]["status"]).is_open:
        raise ValidationError({"referral": "This referral is already closed."})
    reason = DischargeReason(reason)
    if reason == DischargeReason.OTHER and not notes.strip():
        raise ValidationError({"notes": "Say why the patient is being discharged."})
    on = on or date.today()
    check_discharge_date(on, date.fromisoformat(rows[0]["referral_date"]), date.today())
    booked = [
        r["id"]
        for r in fetch_dicts(
            profile.conn,
            # A session already under way (the last one, discharging at its end) is kept.
            "SELECT id FROM appointments a"
            " WHERE referral_id = ? AND status = 'booked' AND deleted = 0 AND NOT EXISTS"
            " (SELECT 1 FROM sessions s WHERE s.appointment_id = a.id AND s.deleted = 0)",
            (referral_id,),
        )
    ]
    with UnitOfWork(profile.conn, profile.actor) as uow:
        for appointment_id in booked:
            uow.update(
                "appointments",
                appointment_id,
                {"status": "cancelled", "cancel_reason": "Patient discharged"},
            )
        status = (
            ReferralStatus.DID_NOT_ENGAGE
            if reason == DischargeReason.DID_NOT_ENGAGE
            else ReferralStatus.DECLINED
            if reason == DischargeReason.DECLINED_FURTHER
            else ReferralStatus.DISCHARGED
        )
        uow.update(
            "referrals",
            referral_id,
            {
                "status": status.value,
                "discharge_reason": reason.value,
                "discharge_notes": notes.strip(),
                "discharged_on": on.isoformat(),
            },
        )
    return booked
