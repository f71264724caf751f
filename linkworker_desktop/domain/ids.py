"""Record identities and time stamps that every record carries."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime

_last_ms = 0
_seq = 0


def uuid7() -> str:
    """A time-ordered UUID (RFC 9562 version 7), made on the laptop with no server round trip.

    Time order keeps the primary-key index compact and lets a merged caseload sort by creation.
    """
    global _last_ms, _seq
    ms = time.time_ns() // 1_000_000
    if ms <= _last_ms:
        ms = _last_ms
        _seq = (_seq + 1) & 0xFFF
        if _seq == 0:
            ms += 1
    else:
        _seq = int.from_bytes(os.urandom(2), "big") & 0x7FF
    _last_ms = ms
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= _seq << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


def utc_now() -> str:
    """Now, in UTC, as the ISO text every table stores (sortable, unambiguous)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")
