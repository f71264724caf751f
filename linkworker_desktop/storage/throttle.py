"""A growing wait after wrong passphrases, kept on disk so restarting the app does not reset it.

The file holds only a count and a time; it sits beside the key file and is never the key file,
so a burst of wrong guesses cannot damage anything that opens the caseload.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300.0
OWNER_ONLY = 0o600
log = logging.getLogger(__name__)
_told: set[Path] = set()


def wait_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row: none at first, then doubling."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS + 1))


class UnlockThrottle:
    """The count of wrong tries. If its file cannot be used, unlocking still works, unthrottled.

    A folder or an unreadable file in its place is never removed (a person may have made it);
    the problem is logged once per file, and the count is taken as none.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time):
        self.path = path
        self.clock = clock

    def _unusable(self, exc: OSError) -> None:
        if self.path not in _told:
            _told.add(self.path)
            why = "it is a folder" if self.path.is_dir() else (exc.strerror or str(exc)).lower()
            log.warning(
                "The record of wrong passphrases, %s, cannot be used (%s), so wrong tries are "
                "not slowed down until it is moved away.",
                self.path,
                why,
            )

    def _read(self) -> tuple[int, float]:
        try:
            doc = json.loads(self.path.read_text("utf-8"))
            return int(doc["failures"]), float(doc["last_failure"])
        except FileNotFoundError:
            return 0, 0.0
        except OSError as exc:
            self._unusable(exc)
            return 0, 0.0
        except (ValueError, KeyError, TypeError):
            return 0, 0.0

    def seconds_to_wait(self) -> float:
        failures, last = self._read()
        return max(0.0, last + wait_after(failures) - self.clock())

    def failures(self) -> int:
        return self._read()[0]

    def record_failure(self) -> tuple[int, float]:
        failures = self._read()[0] + 1
        tmp = self.path.with_name(self.path.name + ".tmp")
        text = json.dumps({"failures": failures, "last_failure": self.clock()})
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                if hasattr(os, "fchmod"):  # an old .tmp file keeps its mode through O_CREAT
                    os.fchmod(fh.fileno(), OWNER_ONLY)
                fh.write(text)
            os.replace(tmp, self.path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            self._unusable(exc)
        return failures, wait_after(failures)

    def reset(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self._unusable(exc)
