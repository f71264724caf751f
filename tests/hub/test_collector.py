"""The cycle collector is held off while pushes are worked on, and only while they are."""

from __future__ import annotations

import gc
import threading

import pytest

from linkworker_desktop.hub import collector
from linkworker_desktop.hub.records import RecordCache


@pytest.fixture
def collecting():
    """Collection on at the start of each test, and as it was afterwards."""
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_collection_is_off_inside_and_on_again_after(collecting):
    with collector.held_off():
        assert not gc.isenabled()
        assert collector.holding() == 1
    assert gc.isenabled()
    assert collector.holding() == 0


def test_collection_stays_off_until_the_last_of_two_overlapping_pushes_ends(collecting):
    first_in, second_done, first_may_end = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector.held_off():
            first_in.set()
            first_may_end.wait(10)
            seen["first, at its end"] = gc.isenabled()

    thread = threading.Thread(target=first)
    thread.start()
    assert first_in.wait(10)
    with collector.held_off():
        assert collector.holding() == 2
    second_done.set()
    seen["after the second ended"] = gc.isenabled()
    first_may_end.set()
    thread.join(10)
    assert seen == {"first, at its end": False, "after the second ended": False}
    assert gc.isenabled()
    assert collector.holding() == 0


def test_collection_turned_off_by_someone_else_is_left_off(collecting):
    gc.disable()
    with collector.held_off():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_collection_comes_back_when_the_push_fails(collecting):
    with pytest.raises(RuntimeError), collector.held_off():
        raise RuntimeError("the push failed")
    assert gc.isenabled()
    assert collector.holding() == 0


def test_pushes_that_never_pause_still_collect_once_objects_pile_up(collecting, monkeypatch):
    """Two pushes overlapping: when one ends with more new objects than the backlog, a pass runs."""
    monkeypatch.setattr(collector, "BACKLOG", 1000)
    passes: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        with collector.held_off():
            with collector.held_off():
                kept = [[n] for n in range(500)]  # under the backlog: no pass
            assert passes == []
            with collector.held_off():
                kept += [[n] for n in range(2000)]  # over it: one young pass
            assert passes == [0]
            assert not gc.isenabled()
    finally:
        gc.callbacks.remove(seen)
    assert len(kept) == 2500


def test_a_push_leaves_no_record_cache_for_the_cycle_collector(org, collecting):
    """Records read light link back to their cache; the push unlinks them when it ends, so the
    cache and its records are freed as the push ends, not at the collector's next pass."""
    laptop = org.laptop("North", "Asha")
    pid = laptop.add_patient()
    laptop.add_referral(pid)
    laptop.sync()
    laptop.add_referral(pid)  # its patient is read light from the hub's table
    gc.collect()
    gc.disable()
    result = laptop.sync()
    left = [o for o in gc.get_objects() if isinstance(o, RecordCache)]
    gc.enable()
    assert result.pushed == 1
    assert left == []
