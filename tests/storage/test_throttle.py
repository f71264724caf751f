"""The growing wait after wrong passphrases, kept on disk, driven by a fake clock."""

from __future__ import annotations

import pytest

from linkworker_desktop.storage.throttle import (
    FREE_ATTEMPTS,
    MAX_WAIT_SECONDS,
    UnlockThrottle,
    wait_after,
)


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def throttle(tmp_path, clock) -> UnlockThrottle:
    return UnlockThrottle(tmp_path / "unlock-attempts.json", clock)


def test_the_first_few_mistakes_cost_nothing():
    assert [wait_after(n) for n in range(FREE_ATTEMPTS)] == [0.0] * FREE_ATTEMPTS


def test_the_wait_grows_with_each_mistake_up_to_a_ceiling():
    waits = [wait_after(n) for n in range(FREE_ATTEMPTS, FREE_ATTEMPTS + 30)]
    assert waits[0] > 0
    growing = [w for w in waits if w < MAX_WAIT_SECONDS]
    assert growing == sorted(set(growing))
    assert waits[-1] == MAX_WAIT_SECONDS
    assert max(waits) == MAX_WAIT_SECONDS


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [
        (1, 0.0),
        (2, 0.0),
        (3, 2.0),  # the third wrong try in a row: 2 seconds
        (4, 4.0),
        (5, 8.0),
        (6, 16.0),
        (7, 32.0),
        (8, 64.0),
        (9, 128.0),
        (10, 256.0),
        (11, 300.0),  # 512 would be more than five minutes: never more than that
        (12, 300.0),
        (40, 300.0),
    ],
)
def test_the_exact_wait_after_each_wrong_try(failures, seconds):
    assert wait_after(failures) == seconds


def test_each_wrong_try_on_disk_gives_the_exact_wait(throttle, clock):
    waits = [throttle.record_failure() for _ in range(12)]
    assert waits == [
        (1, 0.0),
        (2, 0.0),
        (3, 2.0),
        (4, 4.0),
        (5, 8.0),
        (6, 16.0),
        (7, 32.0),
        (8, 64.0),
        (9, 128.0),
        (10, 256.0),
        (11, 300.0),
        (12, 300.0),
    ]
    assert throttle.seconds_to_wait() == 300.0
    clock.now += 299.5
    assert throttle.seconds_to_wait() == 0.5


def test_the_wait_counts_down_with_the_clock(throttle, clock):
    for _ in range(FREE_ATTEMPTS):
        failures, wait = throttle.record_failure()
    assert failures == FREE_ATTEMPTS
    assert throttle.seconds_to_wait() == wait
    clock.now += wait / 2
    assert throttle.seconds_to_wait() == pytest.approx(wait / 2)
    clock.now += wait / 2
    assert throttle.seconds_to_wait() == 0


def test_the_count_survives_a_restart(throttle, clock, tmp_path):
    throttle.record_failure()
    throttle.record_failure()
    again = UnlockThrottle(tmp_path / "unlock-attempts.json", clock)
    assert again.failures() == 2
    assert not (tmp_path / "unlock-attempts.json.tmp").exists()


def test_reset_forgets_the_mistakes(throttle):
    throttle.record_failure()
    throttle.reset()
    throttle.reset()  # twice is fine
    assert throttle.failures() == 0
    assert throttle.seconds_to_wait() == 0


@pytest.mark.parametrize("content", ["", "{", "[]", '{"failures": "x"}', '{"failures": 4}'])
def test_a_garbled_count_file_means_no_wait(throttle, content):
    throttle.path.write_text(content, "utf-8")
    assert throttle.failures() == 0
    assert throttle.seconds_to_wait() == 0


def test_a_folder_in_place_of_the_file_counts_as_no_record_and_is_left_alone(throttle, caplog):
    throttle.path.mkdir()
    (throttle.path / "kept.txt").write_text("made by a person", "utf-8")
    with caplog.at_level("WARNING", logger="linkworker_desktop.storage.throttle"):
        assert throttle.seconds_to_wait() == 0.0
        assert throttle.record_failure() == (1, 0.0)
        throttle.reset()
        assert throttle.failures() == 0
    assert [r.getMessage() for r in caplog.records] == [
        f"The record of wrong passphrases, {throttle.path}, cannot be used (it is a folder), "
        "so wrong tries are not slowed down until it is moved away."
    ]
    assert (throttle.path / "kept.txt").read_text("utf-8") == "made by a person"
    assert sorted(p.name for p in throttle.path.parent.iterdir()) == ["unlock-attempts.json"]


def test_the_record_is_readable_by_its_owner_only(throttle):
    throttle.record_failure()
    assert throttle.path.stat().st_mode & 0o777 == 0o600
