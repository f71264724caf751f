"""Community groups and services: when they meet, whether they need review, how a link went.

Shapes follow the Open Referral UK data standard, flattened to what a link worker uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from linkworker_desktop.domain.choices import Labelled, register_labels

REVIEW_AFTER_DAYS = 365
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class ConnectionKind(Labelled):
    SIGNPOSTED = "signposted"
    REFERRED = "referred"
    ACCOMPANIED = "accompanied"


class ConnectionOutcome(Labelled):
    ATTENDED = "attended"
    ATTENDING_REGULARLY = "attending_regularly"
    DID_NOT_ATTEND = "did_not_attend"
    NOT_SUITABLE = "not_suitable"
    SERVICE_FULL = "service_full"
    SERVICE_CLOSED = "service_closed"


register_labels(
    {
        ConnectionKind.SIGNPOSTED: "Signposted (information given)",
        ConnectionKind.REFERRED: "Referred (contact made for them)",
        ConnectionKind.ACCOMPANIED: "Accompanied",
    }
)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A regular meeting: weekly on some days, or monthly on a date or an nth weekday."""

    freq: str = "WEEKLY"
    interval: int = 1
    byday: tuple[str, ...] = ()  # "MO", or with an ordinal for monthly: "1FR", "-1MO"
    bymonthday: tuple[int, ...] = ()
    opens_at: time | None = None
    closes_at: time | None = None
    description: str = ""
    valid_from: date | None = None
    valid_to: date | None = None

    def occurs_on(self, day: date) -> bool:
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_to and day > self.valid_to:
            return False
        weekday = _DAYS[day.weekday()]
        if self.freq == "DAILY":
            return True
        if self.freq == "WEEKLY":
            return weekday in {d[-2:] for d in self.byday} if self.byday else False
        if self.freq == "MONTHLY":
            if self.bymonthday:
                return day.day in self.bymonthday
            for spec in self.byday:
                if spec[-2:] != weekday:
                    continue
                ordinal = spec[:-2]
                if not ordinal:
                    return True
                n = int(ordinal)
                if n > 0 and (day.day - 1) // 7 + 1 == n:
                    return True
                if n == -1 and (day + timedelta(days=7)).month != day.month:
                    return True
            return False
        return False

    def next_meeting(self, after: datetime, horizon_days: int = 62) -> datetime | None:
        """The next start at or after ``after`` (a service still on now counts as now)."""
        # Worked out for every search result on every keystroke: a weekly group is only asked
        # about the days of the week it meets.
        weekly = {d[-2:] for d in self.byday} if self.freq == "WEEKLY" else None
        for offset in range(horizon_days + 1):
            day = after.date() + timedelta(days=offset)
            if weekly is not None and _DAYS[day.weekday()] not in weekly:
                continue
            if not self.occurs_on(day):
                continue
            start = datetime.combine(day, self.opens_at or time(0, 0))
            end = datetime.combine(day, self.closes_at) if self.closes_at else start
            if offset == 0 and max(start, end) < after.replace(tzinfo=None):
                continue
            return start
        return None

    def describe(self) -> str:
        if self.description:
            return self.description
        days = ", ".join(_day_name(d) for d in self.byday) or "—"
        hours = ""
        if self.opens_at:
            hours = f" {self.opens_at:%H:%M}"
            if self.closes_at:
                hours += f" to {self.closes_at:%H:%M}"
        return f"{'Every ' if self.freq == 'WEEKLY' else 'Monthly: '}{days}{hours}"


def _day_name(spec: str) -> str:
    names = {
        "MO": "Monday",
        "TU": "Tuesday",
        "WE": "Wednesday",
        "TH": "Thursday",
        "FR": "Friday",
        "SA": "Saturday",
        "SU": "Sunday",
    }
    ordinal = spec[:-2]
    words = {"1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last"}
    name = names.get(spec[-2:], spec)
    return f"{words.get(ordinal, ordinal)} {name}".strip() if ordinal else name


@dataclass(frozen=True, slots=True)
class Location:
    name: str = ""
    address: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    accessibility: str = ""


@dataclass(slots=True)
class DirectoryService:
    name: str
    source_id: str
    source: str = "feed"
    organisation: str = ""
    alternate_name: str = ""
    description: str = ""
    url: str = ""
    email: str = ""
    phones: list[str] = field(default_factory=list)
    status: str = "active"
    free: bool | None = None
    cost_text: str = ""
    eligibility: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    application_process: str = ""
    accessibility: str = ""
    categories: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    service_area: str = ""
    last_confirmed: date | None = None
    modified_at: str | None = None
    id: str = ""

    def next_meeting(self, after: datetime) -> datetime | None:
        times = [t for t in (s.next_meeting(after) for s in self.schedules) if t is not None]
        return min(times) if times else None

    def needs_review(self, today: date) -> bool:
        """Unconfirmed for a year (or never): a worker should check it still runs."""
        return self.last_confirmed is None or (today - self.last_confirmed).days > REVIEW_AFTER_DAYS


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine): plenty for "within 3 miles" on a laptop."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def postcode_district(postcode: str) -> str:
    """LS6 2AB -> LS6 (the outward code), for the centroid table."""
    compact = "".join(postcode.split()).upper()
    return compact[:-3] if len(compact) > 4 else compact
