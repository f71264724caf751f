"""Dates and times as people in the UK type them, read exactly or refused with the reason.

A typed date must land as typed: "Sun 29 Nov 2026" is the 29th of November or an error, never
a nearby date a spin box rolled to. Day and month names are English whatever the laptop's
locale, because that is how referral letters and the app itself write them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = tuple(calendar.month_name[number].lower() for number in range(1, 13))

DATE_EXAMPLE = "29/11/2026 or 29 Nov 2026"
TIME_EXAMPLE = "16:30, 1630 or 4:30pm"

_NUMERIC = re.compile(r"(\d{1,2}) ?([/.\- ]) ?(\d{1,2}) ?\2 ?(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(?:([a-z]+)\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_CLOCK = re.compile(r"(\d{1,2})(?:\s*[:.]\s*(\d{2}))?")
_COMPACT = re.compile(r"(\d{1,2})(\d{2})")
_HALF = re.compile(r"(.*?)\s*([ap])\.?\s*m\.?")


class NotADate(ValueError):
    """The text is not a date; the message says why in a sentence."""


class NotATime(ValueError):
    """The text is not a time of day; the message says why in a sentence."""


def format_uk_date(day: date) -> str:
    """The one way the app shows a date to be checked: "Sun 29 Nov 2026"."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def format_uk_time(moment: time) -> str:
    """The one way the app shows a time: the 24-hour clock, "16:30"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _month_number(word: str, text: str) -> int:
    for number, name in enumerate(MONTH_NAMES, start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    raise NotADate(f"{text} is not a date: there is no month called {word!r}.")


def _weekday_number(word: str, text: str) -> int:
    for number, name in enumerate(DAY_NAMES):
        if len(word) >= 3 and name.startswith(word):
            return number
    raise NotADate(f"{text} is not a date: {word!r} is not a day of the week.")


def _real_date(year: int, month: int, day: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise NotADate(f"{text} is not a date: there is no month {month}.")
    if year < 1:
        raise NotADate(f"{text} is not a date: there is no year 0.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise NotADate(
            f"{text} is not a date: {calendar.month_name[month]} {year} has {days} days."
        )
    return date(year, month, day)


def parse_uk_date(text: str) -> date:
    """29/11/2026, 29/11/26, 29-11-2026, 29.11.2026, 2026-11-29, 29 Nov 2026, Sun 29 Nov 2026.

    A two-digit year is in this century. A day name that does not fit the date is refused,
    because one of the two was typed wrong and only the person knows which.
    """
    shown = " ".join(text.split())
    if not shown:
        raise NotADate(f"Type a date, like {DATE_EXAMPLE}.")
    lowered = shown.lower()
    iso = _ISO.fullmatch(lowered)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return _real_date(year, month, day, shown)
    numeric = _NUMERIC.fullmatch(lowered)
    if numeric:
        day, month, year = int(numeric[1]), int(numeric[3]), int(numeric[4])
        if len(numeric[4]) == 2:
            year += 2000
        return _real_date(year, month, day, shown)
    words = _WORDS.fullmatch(lowered)
    if not words:
        raise NotADate(f"{shown} is not a date: type it like {DATE_EXAMPLE}.")
    month = _month_number(words[3], shown)
    found = _real_date(int(words[4]), month, int(words[2]), shown)
    if words[1] is not None:
        weekday = _weekday_number(words[1], shown)
        if weekday != found.weekday():
            said = DAY_NAMES[found.weekday()].capitalize()
            typed = DAY_NAMES[weekday].capitalize()
            raise NotADate(
                f"{shown} is not a date: {found.day} {MONTHS[month - 1]} {found.year} is a "
                f"{said}, not a {typed}. Check which one you meant."
            )
    return found


def parse_uk_time(text: str) -> time:
    """16:30, 16.30, 1630, 930, 16, 4:30pm, 4.30pm, 4pm, 12am (midnight), 12pm (midday)."""
    shown = " ".join(text.split())
    if not shown:
        raise NotATime(f"Type a time, like {TIME_EXAMPLE}.")
    lowered = shown.lower()
    half = _HALF.fullmatch(lowered)
    body = half[1] if half else lowered
    clock = _CLOCK.fullmatch(body) or _COMPACT.fullmatch(body)
    if not clock:
        raise NotATime(f"{shown} is not a time: type it like {TIME_EXAMPLE}.")
    hour, minute = int(clock[1]), int(clock[2] or 0)
    if minute > 59:
        raise NotATime(f"{shown} is not a time: minutes run from 00 to 59.")
    if half:
        if not 1 <= hour <= 12:
            raise NotATime(f"{shown} is not a time: with am or pm, hours run from 1 to 12.")
        hour = hour % 12 + (12 if half[2] == "p" else 0)
    elif hour > 23:
        raise NotATime(f"{shown} is not a time: hours run from 00 to 23.")
    return time(hour, minute)
