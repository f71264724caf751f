"""What Today says about home visits: a colleague overdue, or the worker's own visit still open.

A duty colleague needs who to call, where they went as booked, when they were due back and the
number to ring; not the patient's name, which they may not need and the worker may not want on
another screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from linkworker_desktop.domain.lone_working import VisitCheckin, minutes_late

PROCEDURE = "Call them; follow your lone-working procedure."


def _ago(minutes: int) -> str:
    return f"{minutes} minute{'' if minutes == 1 else 's'} ago"


def overdue_line(visit: VisitCheckin, now: datetime) -> str:
    back = visit.expected_end_at.astimezone(now.tzinfo)
    where = visit.place or "a place not recorded"
    phone = f"; phone {visit.worker_contact}" if visit.worker_contact else ""
    return (
        f"Home visit overdue: {visit.worker_name or 'a colleague'} at {where}, expected back by "
        f"{back:%H:%M} ({_ago(minutes_late(visit.expected_end_at, now))}){phone}."
    )


def overdue_text(visits: Sequence[VisitCheckin], now: datetime) -> str:
    """One line for each overdue colleague, then what to do."""
    return "\n".join([*(overdue_line(v, now) for v in visits), PROCEDURE])


def still_open_text(visits: Sequence[VisitCheckin], now: datetime) -> str:
    """The worker's own visits past their end and not checked out: their team will be told."""
    lines = []
    for visit in visits:
        back = visit.expected_end_at.astimezone(now.tzinfo)
        lines.append(
            f"You are still checked in at {visit.place or 'a home visit'} (expected back by "
            f"{back:%H:%M}). Your team sees it as overdue once the time passes: end the "
            "session, or choose the visit below and press Checked out safe."
        )
    return "\n".join(lines)
