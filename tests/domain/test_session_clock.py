"""The session clock: time per stage and overall from a monotonic clock, driven by a fake one."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.session_clock import SessionClock
from tests.support.session_factories import FakeClock

PLANNED = {"welcome": 5, "what_matters": 15, "next_steps": 5}  # 25 minutes in all


@pytest.fixture
def fake():
    return FakeClock()


@pytest.fixture
def clock(fake):
    return SessionClock(PLANNED, clock=fake)


def test_nothing_counts_before_the_first_stage_starts(clock, fake):
    fake.advance(600)
    assert clock.total_seconds() == 0
    assert not clock.running
    assert clock.current_stage is None


def test_time_goes_to_the_current_stage(clock, fake):
    clock.start("welcome")
    fake.advance(90)
    assert clock.seconds_in("welcome") == 90
    assert clock.seconds_in("what_matters") == 0
    assert clock.total_seconds() == 90


def test_switching_stages_stops_the_previous_one(clock, fake):
    clock.start("welcome")
    fake.advance(240)
    clock.start("what_matters")
    fake.advance(600)
    assert clock.current_stage == "what_matters"
    assert clock.seconds_in("welcome") == 240
    assert clock.seconds_in("what_matters") == 600
    assert clock.total_seconds() == 840  # 240 + 600


def test_going_back_to_a_stage_adds_to_its_time(clock, fake):
    clock.start("welcome")
    fake.advance(100)
    clock.start("what_matters")
    fake.advance(50)
    clock.start("welcome")
    fake.advance(20)
    assert clock.seconds_in("welcome") == 120  # 100 + 20
    assert clock.seconds_in("what_matters") == 50


def test_a_stage_runs_over_only_after_its_planned_minutes(clock, fake):
    clock.start("welcome")
    fake.advance(300)  # exactly the 5 minutes planned
    assert not clock.stage_over("welcome")
    fake.advance(1)
    assert clock.stage_over("welcome")
    assert not clock.session_over()


def test_the_session_runs_over_after_its_total(clock, fake):
    clock.start("what_matters")
    fake.advance(25 * 60)  # the whole 25 minutes in one stage
    assert clock.stage_over("what_matters")
    assert not clock.session_over()
    fake.advance(1)
    assert clock.session_over()
    assert clock.planned_seconds() == 1500
    assert clock.planned_seconds("what_matters") == 900


def test_pause_stops_the_count(clock, fake):
    clock.start("welcome")
    fake.advance(30)
    clock.pause()
    fake.advance(500)
    assert clock.total_seconds() == 30
    assert not clock.running


def test_a_clock_that_jumps_backwards_never_makes_time_negative(clock, fake):
    clock.start("welcome")
    fake.advance(100)
    assert clock.seconds_in("welcome") == 100
    fake.advance(-3600)  # the clock jumps an hour back
    assert clock.seconds_in("welcome") == 100
    assert clock.total_seconds() == 100
    fake.advance(10)  # and carries on from where it now is
    assert clock.seconds_in("welcome") == 110
    assert min(clock.snapshot().values()) >= 0


def test_resuming_from_a_snapshot_carries_on(fake):
    first = SessionClock(PLANNED, clock=fake)
    first.start("welcome")
    fake.advance(200.04)
    first.start("what_matters")
    fake.advance(61.26)
    snapshot = first.snapshot()
    assert snapshot == {"welcome": 200.0, "what_matters": 61.3, "next_steps": 0.0}

    resumed = SessionClock(PLANNED, clock=fake, already=snapshot)
    fake.advance(1000)  # time while the app was closed is not counted
    assert resumed.total_seconds() == pytest.approx(261.3)
    resumed.start("what_matters")
    fake.advance(40)
    assert resumed.seconds_in("what_matters") == pytest.approx(101.3)  # 61.3 + 40


def test_a_snapshot_ignores_stages_the_template_no_longer_has(fake):
    resumed = SessionClock(PLANNED, clock=fake, already={"welcome": 30, "old_stage": 500})
    assert resumed.total_seconds() == 30


def test_an_unknown_stage_is_refused(clock):
    with pytest.raises(KeyError):
        clock.start("lunch")
