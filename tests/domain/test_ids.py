"""Record ids are RFC 9562 version-7 UUIDs made on the laptop, ordered by creation."""

from __future__ import annotations

import time
import uuid
from datetime import datetime
from types import SimpleNamespace

from linkworker_desktop.domain import ids


def test_ids_are_version_7_with_the_rfc_variant():
    for _ in range(200):
        value = uuid.UUID(ids.uuid7())
        assert value.version == 7
        assert value.variant == uuid.RFC_4122


def test_ids_carry_the_time_they_were_made():
    before = time.time_ns() // 1_000_000
    value = uuid.UUID(ids.uuid7())
    after = time.time_ns() // 1_000_000
    assert before <= value.int >> 80 <= after + 1


def test_ids_made_one_after_another_sort_in_that_order():
    made = [ids.uuid7() for _ in range(5000)]
    assert len(set(made)) == len(made)
    assert made == sorted(made)


def test_ids_stay_ordered_when_the_clock_stands_still_or_goes_back(monkeypatch):
    readings = iter([5_000_000_000_000_000] * 5000 + [4_000_000_000_000_000] * 10)
    monkeypatch.setattr(ids, "time", SimpleNamespace(time_ns=lambda: next(readings)))
    made = [ids.uuid7() for _ in range(5010)]  # more than the 4096 a millisecond's counter holds
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert all(uuid.UUID(m).version == 7 for m in made)


def test_utc_now_is_sortable_iso_text_in_utc():
    stamp = ids.utc_now()
    parsed = datetime.fromisoformat(stamp)
    assert parsed.utcoffset().total_seconds() == 0
    assert stamp.endswith("+00:00")
