"""How sync times, counts and states read on screen, fixed here so the status bar and view agree.

Month names come from a table rather than ``strftime`` so the wording does not change with the
laptop's language pack.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

STATE_TEXT = {
    "online": "Online",
    "offline": "Offline",
    "syncing": "Syncing…",
    "not_enrolled": "Not connected to a hub",
    "revoked": "Hub access revoked",
    "update_needed": "Update needed",
}


def local_time(stored: str | None) -> datetime | None:
    """A stored UTC ISO time as the laptop's local time (None for empty or unreadable text)."""
    if not stored:
        return None
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return None
    return moment.astimezone() if moment.tzinfo else moment


def short_time(stored: str | None, today: date | None = None) -> str:
    """``10:42`` today, ``05 Mar 10:42`` this year, ``05 Mar 2025 10:42`` before."""
    moment = local_time(stored)
    if moment is None:
        return ""
    today = today or date.today()
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if moment.date() == today:
        return clock
    day = f"{moment.day:02d} {MONTHS[moment.month - 1]}"
    if moment.year != today.year:
        day += f" {moment.year}"
    return f"{day} {clock}"


def last_synced(stored: str | None, today: date | None = None) -> str:
    when = short_time(stored, today)
    return f"Last synced {when}" if when else "Never synced"


def count_words(count: int, singular: str, plural: str | None = None) -> str:
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"


def changes_waiting(count: int) -> str:
    return "No changes waiting" if count == 0 else f"{count_words(count, 'change')} waiting"


def conflicts_to_settle(count: int) -> str:
    return count_words(count, "conflict")
