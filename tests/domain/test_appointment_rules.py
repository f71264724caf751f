"""Appointment rules with no storage: session labels and overlapping slots."""

from __future__ import annotations

from datetime import datetime

import pytest

from linkworker_desktop.domain.appointments import Slot, session_label


@pytest.mark.parametrize(
    ("kind", "number", "cap", "label"),
    [
        ("initial", 0, 5, "Initial session"),
        ("follow_up", 1, 5, "Follow-up 1 of 5"),
        ("follow_up", 3, 5, "Follow-up 3 of 5"),
        ("follow_up", 5, 5, "Follow-up 5 of 5"),
        ("follow_up", 6, 5, "Follow-up 6 (beyond the 5 offered)"),
        ("follow_up", 2, 3, "Follow-up 2 of 3"),
    ],
)
def test_session_labels(kind, number, cap, label):
    assert session_label(kind, number, cap) == label


def slot(hour: int, minute: int, minutes: int) -> Slot:
    return Slot(datetime(2026, 5, 11, hour, minute), minutes)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (slot(10, 0, 30), slot(10, 15, 30), True),  # 10:15 starts inside 10:00-10:30
        (slot(10, 0, 45), slot(10, 30, 30), True),  # initial until 10:45
        (slot(10, 0, 30), slot(10, 30, 30), False),  # back to back: 10:30 end, 10:30 start
        (slot(10, 0, 30), slot(9, 30, 30), False),  # ends just as the first begins
        (slot(10, 0, 30), slot(11, 0, 30), False),
        (slot(10, 0, 60), slot(10, 15, 15), True),  # wholly inside
    ],
)
def test_slots_overlap_only_when_they_share_time(first, second, overlap):
    assert first.overlaps(second) is overlap
    assert second.overlaps(first) is overlap
