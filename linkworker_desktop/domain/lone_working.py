"""The lone-working rule for home visits, the same on a laptop and on the hub.

A visit is overdue once the worker is not back ``overdue_minutes`` after the end they expected
and has not checked out. The rule is one function so the team's Today and the duty manager's
``linkworker hub overdue-visits`` can never disagree about who to call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_OVERDUE_MINUTES = 15


def is_overdue(
    expected_end: datetime,
    checked_out: datetime | None,
    now: datetime,
    overdue_minutes: int = DEFAULT_OVERDUE_MINUTES,
) -> bool:
    """Overdue strictly after the allowance: at exactly 15 minutes past, not yet."""
    return checked_out is None and now > expected_end + timedelta(minutes=overdue_minutes)


def minutes_late(expected_end: datetime, now: datetime) -> int:
    """Whole minutes since the worker expected to be back (never negative)."""
    return max(0, int((now - expected_end).total_seconds() // 60))


@dataclass(frozen=True, slots=True)
class VisitCheckin:
    """One home visit's check-in: who went where, when they expected to be back."""

    id: str
    patient_id: str
    session_id: str | None
    appointment_id: str | None
    worker_id: str
    worker_name: str
    worker_contact: str
    place: str
    checked_in_at: datetime
    expected_end_at: datetime
    checked_out_at: datetime | None

    def overdue(self, now: datetime, overdue_minutes: int = DEFAULT_OVERDUE_MINUTES) -> bool:
        return is_overdue(self.expected_end_at, self.checked_out_at, now, overdue_minutes)
