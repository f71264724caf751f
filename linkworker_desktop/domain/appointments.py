"""Appointments and discharge: modes, outcomes and the rules that join them to a referral."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from linkworker_desktop.domain.choices import Labelled, register_labels


class AppointmentMode(Labelled):
    SURGERY = "surgery"
    HOME_VISIT = "home_visit"
    TELEPHONE = "telephone"
    VIDEO = "video"
    COMMUNITY_VENUE = "community_venue"


class AppointmentStatus(Labelled):
    BOOKED = "booked"
    ATTENDED = "attended"
    DID_NOT_ATTEND = "did_not_attend"
    CANCELLED = "cancelled"


class AppointmentKind(Labelled):
    INITIAL = "initial"
    FOLLOW_UP = "follow_up"


class DischargeReason(Labelled):
    GOALS_MET = "goals_met"
    OTHER_SERVICE = "other_service"
    DECLINED_FURTHER = "declined_further"
    DID_NOT_ENGAGE = "did_not_engage"
    MOVED_AWAY = "moved_away"
    DIED = "died"
    OTHER = "other"


register_labels(
    {
        AppointmentMode.SURGERY: "In the surgery",
        AppointmentMode.VIDEO: "Video call",
        AppointmentKind.INITIAL: "Initial session",
        AppointmentKind.FOLLOW_UP: "Follow-up",
        DischargeReason.OTHER_SERVICE: "Moved to another service",
        DischargeReason.DECLINED_FURTHER: "Declined further support",
        DischargeReason.DID_NOT_ENGAGE: "Did not engage after several attempts",
    }
)


@dataclass(frozen=True, slots=True)
class Slot:
    starts_at: datetime
    minutes: int

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    def overlaps(self, other: Slot) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


def session_label(kind: str, follow_up_number: int, cap: int) -> str:
    """How Today and the record name a session: "Initial session", "Follow-up 3 of 5"."""
    if kind == AppointmentKind.INITIAL:
        return "Initial session"
    if follow_up_number > cap:
        return f"Follow-up {follow_up_number} (beyond the {cap} offered)"
    return f"Follow-up {follow_up_number} of {cap}"
