"""A growing wait after wrong passphrases, kept on disk so restarting the app does not reset it.

The file holds only a count and a time; it sits beside the key file and is never the key file,
so a burst of wrong guesses cannot damage anything that opens the caseload.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300.0


def wait_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row: none at first, then doubling."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS + 1))


class UnlockThrottle:
    def __init__(self, path: Path, clock: Callable[[], float] = time.time):
        self.path = path
        self.clock = clock

    def _read(self) -> tuple[int, float]:
        try:
            doc = json.loads(self.path.read_text("utf-8"))
            return int(doc["failures"]), float(doc["last_failure"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    def seconds_to_wait(self) -> float:
        failures, last = self._read()
        return max(0.0, last + wait_after(failures) - self.clock())

    def failures(self) -> int:
        return self._read()[0]

    def record_failure(self) -> tuple[int, float]:
        failures = self._read()[0] + 1
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"failures": failures, "last_failure": self.clock()}), "utf-8")
        os.replace(tmp, self.path)
        return failures, wait_after(failures)

    def reset(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
