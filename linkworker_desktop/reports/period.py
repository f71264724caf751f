"""The reporting period: two inclusive dates, and the presets a manager picks from.

Every preset is worked out from a ``today`` passed in, so a report of "last month" is the same
on any machine and in any test, whatever the clock says.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import MONTHS

PRESETS = ("this_month", "last_month", "quarter", "financial_year", "custom")
PRESET_LABELS = {
    "this_month": "This month",
    "last_month": "Last month",
    "quarter": "This quarter",
    "financial_year": "Financial year (April to March)",
    "custom": "Custom dates",
}


def day_text(day: date) -> str:
    """ "1 Apr 2026": short enough for a report's heading and footnotes."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValidationError(
                {
                    "period": f"The period starts on {day_text(self.start)}, after it ends "
                    f"on {day_text(self.end)}; the start must be on or before the end."
                }
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"{day_text(self.start)} to {day_text(self.end)} (both days included)"


def _month(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]))


def this_month(today: date) -> Period:
    return _month(today.year, today.month)


def last_month(today: date) -> Period:
    if today.month == 1:
        return _month(today.year - 1, 12)
    return _month(today.year, today.month - 1)


def quarter(today: date) -> Period:
    """The quarter holding today (January–March, April–June, …: the financial quarters too)."""
    first = (today.month - 1) // 3 * 3 + 1
    return Period(date(today.year, first, 1), _month(today.year, first + 2).end)


def financial_year(today: date) -> Period:
    """1 April to 31 March: the NHS financial year holding today."""
    year = today.year if today.month >= 4 else today.year - 1
    return Period(date(year, 4, 1), date(year + 1, 3, 31))


def preset(name: str, today: date) -> Period:
    """A named preset; "custom" has no dates of its own, so it is built with Period(start, end)."""
    makers = {
        "this_month": this_month,
        "last_month": last_month,
        "quarter": quarter,
        "financial_year": financial_year,
    }
    if name not in makers:
        raise ValidationError(
            {"period": f"There is no period called {name!r}; use one of {', '.join(makers)}."}
        )
    return makers[name](today)
