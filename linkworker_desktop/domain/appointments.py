"""Appointments and discharge: modes, outcomes and the rules that join them to a referral."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from linkworker_desktop.domain.choices import Labelled, register_labels
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import MONTHS

# A session booked within this long after its start counts as now, not as passed: the
# person who walks in is booked as their session begins, without a question about the past.
PAST_GRACE = timedelta(minutes=15)


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


# Said wherever a did-not-attend is recorded or the cap is shown: a missed session is not one of
# the follow-ups the service offers (only booked and attended sessions are numbered).
DNA_AND_THE_CAP = (
    "A did-not-attend does not use up one of the follow-ups the service offers: "
    "the next session booked takes its number."
)


class NeedsConfirmation(ValidationError):
    """Allowed, but only once the person has said yes to the question in ``problems``."""


def _short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def check_start(
    starts_at: datetime,
    now: datetime,
    referral_date: date | None,
    past_confirmed: bool = False,
    moving: bool = False,
) -> None:
    """Refuse a start that cannot be right; ask before one that has already passed.

    Times are compared on this laptop's clock (a naive time is local, as a worker types it).
    """
    moment, now = starts_at.astimezone(), now.astimezone()
    verb = "moved to" if moving else "booked"
    if referral_date is not None and moment.date() < referral_date:
        raise ValidationError(
            {
                "starts_at": f"A session can't be {verb} before the referral date, "
                f"{_short_date(referral_date)}."
            }
        )
    if moment > now + timedelta(days=366):
        raise ValidationError({"starts_at": "That is more than a year ahead; check the date."})
    if moment < now - timedelta(days=90):
        raise ValidationError({"starts_at": "That is more than 90 days ago; check the date."})
    if moment < now - PAST_GRACE and not past_confirmed:
        anyway = "Move it there anyway" if moving else "Book it anyway"
        raise NeedsConfirmation(
            {"starts_at": f"That time has passed. {anyway} (for a session that already happened)?"}
        )


def outcome_overdue(slot: Slot, now: datetime, started: bool) -> bool:
    """A booked session wants an outcome only once its booked end has passed.

    Until then it may simply be running late or under way; one whose session has been
    started is under way whatever the clock says, and ends through the session screen.
    """
    return not started and slot.ends_at < now


def check_outcome(starts_at: datetime, now: datetime, zone: tzinfo) -> None:
    """Only a session whose booked start has passed can be marked as not attended.

    A did-not-attend recorded ahead of time would drop the session out of the numbering and
    the follow-up count before anyone could know.
    """
    if starts_at > now:
        local = starts_at.astimezone(zone)
        raise ValidationError(
            {
                "status": "This session has not started yet (it is booked for "
                f"{_short_date(local.date())} at {local:%H:%M}). A did-not-attend can be "
                "recorded once the start time has passed; to call it off now, cancel it."
            }
        )
