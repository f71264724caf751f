"""After locking, the data key's text does not pile up in the process's memory.

Reads this process's own memory (/proc/self/mem over the readable maps), as someone with a
memory dump would. Python strings cannot be wiped, so some freed copies may remain until
the memory is reused; what is asserted is what the code guarantees (see the README).
"""

from __future__ import annotations

import gc
import secrets

from linkworker_desktop.services import profile
from tests.conftest import PASSPHRASE

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


def test_locking_leaves_at_most_one_stray_copy_of_the_hex_data_key(created, profile_files):
    opened, _ = created
    hex_key = opened.data_key.hex().encode()
    control = secrets.token_hex(32).encode()  # held the same way: counts the search's own copies
    opened.close()
    for _ in range(UNLOCKS):
        again = profile.unlock(profile_files, PASSPHRASE)
        assert again.conn.execute("SELECT count(*) FROM patients").fetchone() == (0,)
        again.close()
        assert not again.is_open
    del again
    gc.collect()
    stray = copies_in_memory(hex_key) - copies_in_memory(control)
    # Through the statement cache, the key pragma often left four (it varies with reuse).
    assert stray <= 1, stray
