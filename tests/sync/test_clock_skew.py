"""A laptop whose clock runs a day ahead does not win by its time stamps: arrival order does."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.storage import unit_of_work


def _a_day_ahead() -> str:
    return (datetime.now(UTC) + timedelta(days=1)).isoformat(timespec="milliseconds")


@pytest.fixture
def skewed_pair(org, monkeypatch):
    """Ahmed's laptop clock is a day fast; Bea's is right. Both hold the patient."""
    ahmed, bea = org.laptop("North", "Ahmed"), org.laptop("North", "Bea")
    pid = ahmed.add_patient(town="Leeds")
    ahmed.sync()
    bea.sync()

    def edit_ahead(**values):
        with monkeypatch.context() as patch:
            patch.setattr(unit_of_work, "utc_now", _a_day_ahead)
            ahmed.edit("patients", pid, **values)

    return ahmed, bea, pid, edit_ahead


def test_a_fast_clock_arriving_first_loses_to_a_later_arrival(org, skewed_pair):
    ahmed, bea, pid, edit_ahead = skewed_pair
    edit_ahead(town="Ahead Town")
    assert ahmed.record("patients", pid)["updated_at"] > datetime.now(UTC).isoformat()
    bea.edit("patients", pid, town="Right Town")
    ahmed.sync()
    bea.sync()
    ahmed.sync()
    for laptop in (ahmed, bea):
        assert laptop.record("patients", pid)["town"] == "Right Town"
        [conflict] = laptop.conflicts()
        assert json.loads(conflict["other_value"]) == "Ahead Town"


def test_a_fast_clock_arriving_last_wins_because_it_arrived_last(org, skewed_pair):
    ahmed, bea, pid, edit_ahead = skewed_pair
    bea.edit("patients", pid, town="Right Town")
    edit_ahead(town="Ahead Town")
    bea.sync()
    ahmed.sync()
    bea.sync()
    for laptop in (ahmed, bea):
        assert laptop.record("patients", pid)["town"] == "Ahead Town"
        [conflict] = laptop.conflicts()
        assert json.loads(conflict["other_value"]) == "Right Town"


def test_a_fast_clock_does_not_stop_later_edits_from_others(org, skewed_pair):
    ahmed, bea, pid, edit_ahead = skewed_pair
    edit_ahead(town="Ahead Town")
    ahmed.sync()
    bea.sync()
    bea.edit("patients", pid, town="Next Town")  # made after Ahmed's, stamped before it
    assert bea.sync().conflicts == 0
    ahmed.sync()
    assert ahmed.record("patients", pid)["town"] == "Next Town"
    assert ahmed.conflicts() == []
