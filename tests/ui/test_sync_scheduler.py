"""The sync scheduler against a real hub on loopback: off the GUI thread, backoff, revoke, lock."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from linkworker_desktop.services import sync_service
from linkworker_desktop.sync import state
from linkworker_desktop.ui.sync_scheduler import (
    FIRST_RETRY_MS,
    INTERVAL_MS,
    REVOKED_MESSAGE,
    SyncScheduler,
)
from tests.support.hub import HubServer
from tests.ui import sync_support

WAIT_MS = 20_000


@pytest.fixture
def loopback_hub(tmp_path):
    yield from sync_support.serve_hub(tmp_path)


@pytest.fixture
def org(loopback_hub, tmp_path):
    yield from sync_support.organisation(loopback_hub, tmp_path)


@pytest.fixture
def laptop(org):
    made = org.laptop(sync_support.TEAM, "Jo Fielding")
    made.add_patient(given_name="Ann", family_name="Bee")
    return made


@pytest.fixture
def pool(org):
    yield from sync_support.thread_pool()


@pytest.fixture
def scheduler(qtbot, pool):
    made = SyncScheduler(pool=pool)
    yield made
    made.set_profile(None)
    pool.waitForDone(sync_support.POOL_TIMEOUT_MS)


@pytest.fixture
def round_threads(monkeypatch):
    """Record the thread of every round and how many ran at once."""
    seen: dict[str, list] = {"threads": [], "overlap": [0], "active": [0]}
    lock = threading.Lock()
    real = sync_service.run_round

    def watched(target, transport=None):
        with lock:
            seen["threads"].append(QThread.currentThread())
            seen["active"][0] += 1
            seen["overlap"][0] = max(seen["overlap"][0], seen["active"][0])
        try:
            return real(target, transport)
        finally:
            with lock:
                seen["active"][0] -= 1

    monkeypatch.setattr(sync_service, "run_round", watched)
    return seen


def test_a_round_runs_off_the_gui_thread_and_reports(qtbot, scheduler, laptop, round_threads):
    states: list[str] = []
    scheduler.state_changed.connect(states.append)
    with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS) as finished:
        scheduler.set_profile(laptop.profile)
    result = finished.args[0]
    assert result["pushed"] >= 1 and result["error"] is None
    assert round_threads["threads"] and all(
        thread is not QThread.currentThread() for thread in round_threads["threads"]
    )
    assert states[-2:] == ["syncing", "online"]
    assert scheduler.next_delay_ms == INTERVAL_MS
    assert laptop.pending() == 0


def test_the_status_bar_hears_the_new_counts_after_a_round(qtbot, scheduler, laptop):
    statuses = []
    scheduler.status_changed.connect(statuses.append)
    with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS):
        scheduler.set_profile(laptop.profile)
    assert statuses[0].pending >= 1  # read at unlock, before the round
    assert statuses[-1].pending == 0 and statuses[-1].last_good_sync


def test_hub_down_fails_and_backs_off_longer_each_time(qtbot, scheduler, laptop, loopback_hub):
    loopback_hub.stop()
    delays = []
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS) as failed:
        scheduler.set_profile(laptop.profile)
    assert "cannot be reached" in failed.args[0]
    assert scheduler.state == "offline"
    delays.append(scheduler.next_delay_ms)
    for _ in range(2):
        with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS):
            scheduler.request_sync()  # what the retry timer does when it fires
        delays.append(scheduler.next_delay_ms)
    assert delays == [FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS]
    assert scheduler.failures == 3


def test_the_backoff_doubles_up_to_half_an_hour():
    scheduler = SyncScheduler()
    minutes = [scheduler.retry_delay_ms(n) / 60_000 for n in range(1, 10)]
    assert minutes == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]


def test_success_after_failures_resets_the_backoff(qtbot, scheduler, laptop, loopback_hub):
    loopback_hub.stop()
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS):
        scheduler.set_profile(laptop.profile)
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS):
        scheduler.request_sync()
    assert scheduler.next_delay_ms == 2 * FIRST_RETRY_MS
    with HubServer(loopback_hub.database_url) as back:
        # The hub is back (at a new port on loopback): point this laptop at it.
        conn = laptop.profile.conn
        conn.execute("BEGIN IMMEDIATE")
        state.put(conn, "hub_url", back.url)
        conn.execute("COMMIT")
        with qtbot.waitSignal(scheduler.round_finished, timeout=WAIT_MS):
            scheduler.request_sync()
        assert scheduler.failures == 0
        assert scheduler.state == "online"
        assert scheduler.next_delay_ms == INTERVAL_MS


def test_a_revoked_laptop_says_so_and_stops_retrying(qtbot, scheduler, laptop, org, round_threads):
    org.revoke(laptop)
    with qtbot.waitSignal(scheduler.round_failed, timeout=WAIT_MS) as failed:
        scheduler.set_profile(laptop.profile)
    assert failed.args[0] == REVOKED_MESSAGE
    assert failed.args[0].startswith("This laptop's access to the hub was revoked")
    assert scheduler.state == "revoked"
    assert scheduler.next_delay_ms is None
    scheduler.request_sync()
    assert not scheduler.is_running
    assert len(round_threads["threads"]) == 1


def test_locking_stops_scheduling_and_ignores_the_round_in_flight(qtbot, scheduler, laptop, pool):
    finished: list[dict] = []
    scheduler.round_finished.connect(finished.append)
    scheduler.set_profile(laptop.profile)
    assert scheduler.is_running
    with qtbot.waitSignal(scheduler.state_changed, timeout=WAIT_MS) as changed:
        scheduler.set_profile(None)
    assert changed.args == ["offline"]
    pool.waitForDone(WAIT_MS)
    qtbot.waitUntil(lambda: not scheduler.is_running, timeout=WAIT_MS)
    assert finished == []
    assert scheduler.next_delay_ms is None
    scheduler.request_sync()
    assert not scheduler.is_running


def test_requests_during_a_round_make_one_more_round_never_two_at_once(
    qtbot, scheduler, laptop, round_threads
):
    finished: list[dict] = []
    scheduler.round_finished.connect(finished.append)
    scheduler.set_profile(laptop.profile)
    scheduler.request_sync()
    scheduler.request_sync()  # a session ended, and the worker pressed Sync now
    qtbot.waitUntil(lambda: len(finished) == 2 and not scheduler.is_running, timeout=WAIT_MS)
    assert len(round_threads["threads"]) == 2
    assert round_threads["overlap"][0] == 1


def test_rounds_repeat_on_the_timer(qtbot, pool, laptop):
    scheduler = SyncScheduler(pool=pool, interval_ms=50)
    finished: list[dict] = []
    scheduler.round_finished.connect(finished.append)
    scheduler.set_profile(laptop.profile)
    qtbot.waitUntil(lambda: len(finished) >= 3, timeout=WAIT_MS)
    scheduler.set_profile(None)
    pool.waitForDone(WAIT_MS)


def test_a_laptop_not_enrolled_waits_for_enrolment(qtbot, scheduler, open_profile):
    scheduler.set_profile(open_profile)
    assert scheduler.state == "not_enrolled"
    assert not scheduler.is_running
    assert scheduler.next_delay_ms is None
