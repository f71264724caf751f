"""How dates and numbers read on screen, fixed here so every table and form agrees.

Month names come from a table rather than ``strftime`` because Qt sets the C locale from the
environment, and a caseload should not change its date format with the laptop's language pack.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: date | None) -> str:
    """``05 Mar 2026``: unambiguous for UK and US readers alike."""
    if day is None:
        return ""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def format_datetime(moment: datetime | None) -> str:
    """A stored UTC time as the laptop's local date and time, for example ``05 Mar 2026 14:30``."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def format_count(count: int, singular: str, plural: str | None = None) -> str:
    """``1 patient`` / ``1,204 patients``."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"
