"""A backup that stops half way through writing, to be killed: run by the kill test.

Usage: python -m tests.support.backup_child PROFILE_FOLDER BACKUP_FOLDER
The passphrase comes on standard input. Once a megabyte of the backup file is on disk it prints
``writing`` and waits (at most a minute, so a failed test never leaves it running).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import IO, Any

from linkworker_desktop.services import backups, profile
from linkworker_desktop.storage import backup_file

STALL_AFTER = 1024 * 1024


class _Stalling:
    """A file that stalls once STALL_AFTER bytes have gone to disk."""

    def __init__(self, fh: IO[bytes]):
        self._fh = fh
        self._written = 0

    def write(self, data: Any) -> int:
        written = self._fh.write(data)
        self._written += written
        if self._written >= STALL_AFTER:
            self._fh.flush()
            print("writing", flush=True)
            time.sleep(60)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


def main(profile_folder: str, backup_folder: str) -> int:
    opened = profile.unlock(
        profile.ProfileFiles(Path(profile_folder)), sys.stdin.readline().strip()
    )
    original = backup_file.write
    backup_file.write = lambda fh, *args: original(_Stalling(fh), *args)  # type: ignore[assignment]
    backups.make_backup(opened, Path(backup_folder))
    print("finished", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
