"""Record identities and time stamps that every record carries."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

_last_ms = 0
_seq = 0


def uuid7() -> str:
    """A time-ordered UUID (RFC 9562 version 7), made on the laptop with no server round trip.

    Time order keeps the primary-key index compact and lets a merged caseload sort by creation.
    """
    return uuid7_many(1)[0]


def uuid7_many(count: int) -> list[str]:
    """``count`` ids as :func:`uuid7` makes them, reading the clock and the random source once.

    Each read is a system call, which lets another thread take Python's lock: a demo caseload
    of hundreds of thousands of records takes its ids a thousand at a time.
    """
    global _last_ms, _seq
    now_ms = time.time_ns() // 1_000_000
    random_bits = os.urandom(8 * count)
    made = []
    for number in range(count):
        ms = now_ms
        if ms <= _last_ms:
            ms = _last_ms
            _seq = (_seq + 1) & 0xFFF
            if _seq == 0:
                ms += 1
        else:
            _seq = int.from_bytes(os.urandom(2), "big") & 0x7FF
        _last_ms = ms
        rand_b = int.from_bytes(random_bits[8 * number : 8 * number + 8], "big")
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= _seq << 64
        value |= 0b10 << 62
        value |= rand_b & ((1 << 62) - 1)
        # uuid.UUID's own text, without making a UUID object for each of a demo's 300,000 ids.
        text = f"{value:032x}"
        made.append(f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}")
    return made


def utc_now() -> str:
    """Now, in UTC, as the ISO text every table stores (sortable, unambiguous)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")
