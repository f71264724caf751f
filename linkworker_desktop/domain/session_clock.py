"""Time used per stage and overall, from a monotonic clock.

Wall-clock changes (a laptop's clock corrected, a time zone change) must not bend the time
used, so the clock is ``time.monotonic`` and only durations are kept. Durations persist with
each autosave, so a session resumed after a crash or a lock carries on from what was saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping


class SessionClock:
    def __init__(
        self,
        planned_minutes: Mapping[str, int],
        clock: Callable[[], float] = time.monotonic,
        already: Mapping[str, float] | None = None,
    ):
        self._planned = dict(planned_minutes)
        self._clock = clock
        self._seconds = {stage: 0.0 for stage in self._planned}
        for stage, seconds in (already or {}).items():
            if stage in self._seconds:
                self._seconds[stage] = float(seconds)
        self._stage: str | None = None
        self._since: float | None = None

    @property
    def current_stage(self) -> str | None:
        return self._stage

    @property
    def running(self) -> bool:
        return self._since is not None

    def _bank(self) -> None:
        if self._stage is not None and self._since is not None:
            now = self._clock()
            self._seconds[self._stage] += max(0.0, now - self._since)
            self._since = now

    def start(self, stage: str) -> None:
        """Start (or resume) timing ``stage``; the previous stage stops counting."""
        if stage not in self._planned:
            raise KeyError(stage)
        self._bank()
        self._stage = stage
        self._since = self._clock()

    def pause(self) -> None:
        self._bank()
        self._since = None

    def seconds_in(self, stage: str) -> float:
        self._bank()
        return self._seconds[stage]

    def total_seconds(self) -> float:
        self._bank()
        return sum(self._seconds.values())

    def planned_seconds(self, stage: str | None = None) -> float:
        if stage is None:
            return 60.0 * sum(self._planned.values())
        return 60.0 * self._planned[stage]

    def stage_over(self, stage: str) -> bool:
        return self.seconds_in(stage) > self.planned_seconds(stage)

    def session_over(self) -> bool:
        return self.total_seconds() > self.planned_seconds()

    def snapshot(self) -> dict[str, float]:
        """Seconds per stage, rounded, for saving beside the notes."""
        self._bank()
        return {stage: round(seconds, 1) for stage, seconds in self._seconds.items()}
