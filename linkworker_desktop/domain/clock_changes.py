"""Wall-clock times on the days the clocks change, in a named zone (Europe/London for the UK).

A typed "01:30" is a wall-clock time, not an instant. On the last Sunday of March it names no
instant at all (the clocks jump from 01:00 to 02:00), and on the last Sunday of October it names
two (01:00-02:00 happens once in BST, then again in GMT). Booking either silently stores a time
nobody typed, so both are refused here with the question to put to the person.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import format_uk_time

LONDON = ZoneInfo("Europe/London")
_FULL_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _long_date(day: date) -> str:
    return f"{day.day} {_FULL_MONTHS[day.month - 1]} {day.year}"


class NonexistentTime(ValidationError):
    """The clocks skip this time; ``instead`` is the same moment read after the change."""

    def __init__(self, wanted: datetime, jump: time, instead: datetime):
        self.instead = instead
        super().__init__(
            {
                "starts_at": f"{format_uk_time(wanted.time())} doesn't exist on "
                f"{_long_date(wanted.date())}: the clocks go forward at {format_uk_time(jump)}. "
                f"Book {format_uk_time(instead.time())} instead?"
            }
        )


class AmbiguousTime(ValidationError):
    """The time happens twice; ``choices`` are the first (summer time) and second instants."""

    def __init__(self, first: datetime, second: datetime):
        self.choices = (first, second)
        super().__init__(
            {
                "starts_at": f"{format_uk_time(first.time())} happens twice on "
                f"{_long_date(first.date())}, because the clocks go back. Which one: "
                f"{choice_label(first, 'first')} or {choice_label(second, 'second')}?"
            }
        )


def choice_label(moment: datetime, which: str) -> str:
    """ "01:30 BST (first)": how the question names each of the two times."""
    return f"{format_uk_time(moment.time())} {moment.tzname()} ({which})"


def _exists(naive: datetime, zone: tzinfo) -> bool:
    placed = naive.replace(tzinfo=zone)
    return placed.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def local_instant(day: date, clock: time, zone: tzinfo) -> datetime:
    """The one instant a wall-clock time names in ``zone``, or the question to ask instead.

    Raises :class:`NonexistentTime` in the spring gap and :class:`AmbiguousTime` in the autumn
    repeat; otherwise returns an aware time in ``zone``.
    """
    naive = datetime.combine(day, clock)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    if not _exists(naive, zone):
        jump = naive
        while not _exists(jump - timedelta(minutes=1), zone):
            jump -= timedelta(minutes=1)
        instead = first.astimezone(UTC).astimezone(zone)
        raise NonexistentTime(naive, jump.time(), instead)
    raise AmbiguousTime(first, second)


def clocks_change_on(day: date, zone: tzinfo) -> bool:
    """True on a day whose midnight and next midnight have different UTC offsets."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start.utcoffset() != end.utcoffset()


def clock_text(moment: datetime, zone: tzinfo) -> str:
    """A start time as shown: "14:30", or "01:30 BST" / "01:30 GMT" on a day the clocks change."""
    local = moment.astimezone(zone)
    text = format_uk_time(local.time())
    if clocks_change_on(local.date(), zone):
        text = f"{text} {local.tzname()}"
    return text
