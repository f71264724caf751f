"""Fixed days for tests that read the demo caseload's working day, whatever day they run on.

The demo books its worker Monday to Friday only, so a test that looked at the real today would
find nothing at a weekend. Tests that can be given a day use these; tests that must make the
demo with the real clock look at ``working_day_from(date.today())`` from the demo's own diary.
"""

from __future__ import annotations

from datetime import date, datetime, time

DEMO_DAY = date(2026, 11, 25)  # a Wednesday
DEMO_SATURDAY = date(2026, 11, 28)
DEMO_MONDAY = date(2026, 11, 30)  # the working day a demo made on DEMO_SATURDAY fills


def morning_of(day: date) -> datetime:
    """Eight o'clock local time on ``day``: before the demo's first session at half past nine."""
    return datetime.combine(day, time(8, 0)).astimezone()
