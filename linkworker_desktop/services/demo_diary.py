"""The demo worker's diary: each booking on a weekday, in working hours, never two at once.

A link worker sees people Monday to Friday, in hour-long slots around lunch. A 45-minute session
ends a quarter of an hour before the next slot, so two bookings in different slots never overlap.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

# Local wall-clock starts: the last one ends at 16:15 even for a 45-minute initial session.
SLOTS = (time(9, 30), time(10, 30), time(11, 30), time(13, 30), time(14, 30), time(15, 30))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def working_day_from(day: date) -> date:
    """``day`` itself on a weekday, otherwise the Monday after."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def as_stored(day: date, slot: time) -> str:
    """A local wall-clock start as the UTC text the appointments table holds."""
    local = datetime.combine(day, slot).astimezone()
    return local.astimezone(UTC).isoformat(timespec="seconds")


class Diary:
    """Free slots on the working days between ``first`` and ``last``, handed out once each.

    Days with a free slot are kept sorted, so finding the nearest one stays quick however
    many patients a demo caseload has; when the diary is full, :meth:`book` says so.
    """

    def __init__(self, first: date, last: date):
        self._free: dict[int, list[int]] = {}
        day = first
        while day <= last:
            if is_working_day(day):
                self._free[day.toordinal()] = list(range(len(SLOTS)))
            day += timedelta(days=1)
        self._days = sorted(self._free)
        self.overbooked = 0

    def take_day(self, day: date) -> list[str]:
        """Every free slot of one day, for the day the demo fills for the Today view."""
        slots = self._free.get(day.toordinal(), [])
        taken = [as_stored(day, SLOTS[i]) for i in slots]
        if slots:
            self._drop(day.toordinal())
        return taken

    def take(
        self,
        wanted: date,
        earliest: date,
        latest: date,
        slot: int = 0,
        avoid: Collection[date] = (),
    ) -> str | None:
        """Book the slot nearest ``wanted`` between ``earliest`` and ``latest``; its start.

        Later days are tried before earlier ones, skipping the days in ``avoid`` (the patient's
        other sessions); None when every slot in the range is taken.
        """
        if earliest > latest:
            return None
        wanted = min(max(wanted, earliest), latest)
        skip = {day.toordinal() for day in avoid}
        found = self._nearest_free(wanted.toordinal(), latest.toordinal(), skip, 1)
        if found is None:
            found = self._nearest_free(wanted.toordinal() - 1, earliest.toordinal(), skip, -1)
        if found is None:
            return None
        free = self._free[found]
        index = slot if slot in free else free[0]
        free.remove(index)
        if not free:
            self._drop(found)
        return as_stored(date.fromordinal(found), SLOTS[index])

    def overbook(
        self,
        wanted: date,
        earliest: date,
        latest: date,
        slot: int = 0,
        avoid: Collection[date] = (),
    ) -> str | None:
        """A weekday start in the range even though the diary is full there.

        Only a demo caseload bigger than one worker could see (the benchmarks' thousands)
        gets here; thinning it out instead would lose the shape of real use.
        """
        if earliest > latest:
            return None
        day = min(max(wanted, earliest), latest)
        for step in (1, -1):
            near = day
            while earliest <= near <= latest:
                if is_working_day(near) and near not in avoid:
                    self.overbooked += 1
                    return as_stored(near, SLOTS[slot])
                near += timedelta(days=step)
        return None

    def _nearest_free(self, start: int, stop: int, skip: set[int], step: int) -> int | None:
        """The first day with a free slot from ``start`` towards ``stop`` (inclusive)."""
        if step > 0:
            at = bisect.bisect_left(self._days, start)
            while at < len(self._days) and self._days[at] <= stop:
                if self._days[at] not in skip:
                    return self._days[at]
                at += 1
        else:
            at = bisect.bisect_right(self._days, start) - 1
            while at >= 0 and self._days[at] >= stop:
                if self._days[at] not in skip:
                    return self._days[at]
                at -= 1
        return None

    def _drop(self, day: int) -> None:
        del self._free[day]
        self._days.pop(bisect.bisect_left(self._days, day))
