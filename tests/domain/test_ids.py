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


def test_ids_made_many_at_once_are_the_same_kind_and_keep_the_order(monkeypatch):
    readings = iter([5_000_000_000_000_000] * 3 + [4_000_000_000_000_000] * 3)
    monkeypatch.setattr(ids, "time", SimpleNamespace(time_ns=lambda: next(readings)))
    made = [ids.uuid7(), *ids.uuid7_many(5000), ids.uuid7(), *ids.uuid7_many(3), ids.uuid7()]
    assert len(made) == 5006
    assert made == sorted(made)  # across a millisecond's 4096 and a clock that went back
    assert len(set(made)) == len(made)
    values = [uuid.UUID(m) for m in made]
    assert {(v.version, v.variant) for v in values} == {(7, uuid.RFC_4122)}
    # More than a millisecond's counter holds: the last ids run over into the next millisecond.
    assert (values[-1].int >> 80) - (values[0].int >> 80) >= 1


def test_ids_made_many_at_once_carry_the_time_they_were_made():
    before = time.time_ns() // 1_000_000
    made = ids.uuid7_many(3)
    after = time.time_ns() // 1_000_000
    assert len(made) == 3
    assert all(before <= uuid.UUID(m).int >> 80 <= after + 1 for m in made)


def test_ids_are_written_as_uuid_writes_them():
    made = [ids.uuid7(), *ids.uuid7_many(300)]
    assert len(made) == 301
    for text in made:
        assert text == str(uuid.UUID(text))  # lower-case hex, hyphens at 8-4-4-4-12
        assert len(text) == 36 and text[14] == "7"
