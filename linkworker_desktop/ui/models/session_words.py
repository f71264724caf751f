"""How Today and the patient record word dates, durations, attendance and change.

Kept apart from the widgets so the same words appear in tables, headers, charts and the
accessible text, and can be checked without a screen. Dates are built from their parts
(``f"{d.day} {d:%b}"``) because ``%-d`` does not work on Windows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from linkworker_desktop.domain.appointments import AppointmentStatus
from linkworker_desktop.domain.clock_changes import clock_text
from linkworker_desktop.domain.measures import Change

DASH = "–"


def number(value: float) -> str:
    """A score as people write it: 7, not 7.0; 23.5 stays 23.5."""
    return f"{value:g}"


def short_date(day: date) -> str:
    """3 Jun."""
    return f"{day.day} {day:%b}"


def medium_date(day: date) -> str:
    """3 Jun 2026."""
    return f"{day.day} {day:%b %Y}"


def long_date(day: date) -> str:
    """Wednesday 3 June 2026: the Today header."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_and_time(moment: datetime) -> str:
    """Wed 3 Jun 2026, 10:30."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def time_range(starts_at: datetime, minutes: int) -> str:
    """09:30–10:00; on a day the clocks change, 01:30 BST–02:00 GMT.

    The end is worked out on the instant, so a session across the change ends when it ends.
    """
    zone = starts_at.tzinfo
    if zone is None:
        ends_at = starts_at + timedelta(minutes=minutes)
        return f"{starts_at:%H:%M}{DASH}{ends_at:%H:%M}"
    ends_at = (starts_at.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(zone)
    return f"{clock_text(starts_at, zone)}{DASH}{clock_text(ends_at, zone)}"


def minutes_text(seconds: float | None) -> str:
    """A session's actual length in whole minutes, or a dash when it has none."""
    if seconds is None:
        return DASH
    return f"{round(seconds / 60)} min"


def relative_day(day: date, today: date) -> str:
    """Today, Tomorrow, Yesterday or nothing: said beside the full date, never instead of it."""
    offset = (day - today).days
    return {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get(offset, "")


def attendance_text(status: AppointmentStatus, cancel_reason: str = "") -> str:
    """Attended, Did not attend, Cancelled (reason), Booked."""
    if status == AppointmentStatus.CANCELLED and cancel_reason.strip():
        return f"Cancelled ({cancel_reason.strip()})"
    return status.label


def sessions_used_text(initial_done: bool, follow_ups: int, cap: int) -> str:
    """The counter against the cap, e.g. "Initial session and 3 of 5 follow-ups used"."""
    offered = f"{cap} follow-up{'s' if cap != 1 else ''}"
    if not initial_done and not follow_ups:
        return f"No sessions yet ({offered} offered after the initial session)"
    start = "Initial session and " if initial_done else ""
    if follow_ups > cap:
        return f"{start}{follow_ups} follow-ups used, beyond the {cap} offered"
    return f"{start}{follow_ups} of {offered} used"


def change_text(change: Change) -> str:
    """Direction in words, aware that less anxiety is better: Anxiety fell from 7 to 3 (better)."""
    before, after = number(change.before), number(change.after)
    if change.improved is None:
        return f"{change.label} stayed at {after} (no change)"
    verb = "rose" if change.delta > 0 else "fell"
    verdict = "better" if change.improved else "worse"
    return f"{change.label} {verb} from {before} to {after} ({verdict})"
