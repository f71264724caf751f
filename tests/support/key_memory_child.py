"""Unlock and lock a caseload ten times, then count the data key's text left in memory.

Usage: python -m tests.support.key_memory_child PROFILE_FOLDER
The passphrase comes on standard input. Run as its own process so the count sees only this
work, not what earlier tests in the same interpreter left behind. Prints ``stray N``: copies of
the hex data key found, less those of a control string held the same way (the search's own).
"""

from __future__ import annotations

import gc
import secrets
import sys
from pathlib import Path

from linkworker_desktop.services import profile

UNLOCKS = 10


def copies_in_memory(needle: bytes) -> int:
    total = 0
    with open("/proc/self/maps") as maps_file:
        maps = maps_file.read().splitlines()
    with open("/proc/self/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            if not fields[1].startswith("r") or line.endswith(("[vvar]", "[vsyscall]")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(start)
                total += mem.read(end - start).count(needle)
            except (OSError, ValueError, OverflowError):
                continue
    return total


def main(folder: str) -> int:
    files = profile.ProfileFiles(Path(folder))
    passphrase = sys.stdin.readline().rstrip("\n")
    first = profile.unlock(files, passphrase)
    hex_key = first.data_key.hex().encode()
    control = secrets.token_hex(32).encode()  # held the same way: counts the search's own copies
    first.close()
    for _ in range(UNLOCKS):
        again = profile.unlock(files, passphrase)
        again.conn.execute("SELECT count(*) FROM patients").fetchone()
        again.close()
    del again, first
    gc.collect()
    print(f"stray {copies_in_memory(hex_key) - copies_in_memory(control)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
