"""``demo-data --patients 10000`` (target under 10 s): the caseload every trainer starts from.

Times what the command does once the caseload is unlocked: make the demo people, write them,
and close the caseload (which folds the write-ahead log back in). 1k and 50k show how it grows.
"""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.services import demo, profile
from tests.conftest import FAST_KDF, PASSPHRASE

COMMAND_SEED = 2026  # demo-data's own seed, so the benchmark makes the command's caseload


@pytest.mark.parametrize(
    ("size", "rounds"), [(1_000, 5), (10_000, 3), (50_000, 1)], ids=["1k", "10k", "50k"]
)
def test_demo_data(benchmark, tmp_path, size, rounds):
    made = []

    def fresh_profile():
        folder = tmp_path / f"profile{len(made)}"
        opened, _ = profile.create_profile(
            profile.ProfileFiles(folder), PASSPHRASE, "Bench", "Team", kdf=FAST_KDF
        )
        made.append(opened)
        return (opened,), {}

    def demo_data(opened: profile.OpenProfile) -> int:
        try:
            return demo.add_demo_caseload(opened, size, seed=COMMAND_SEED, today=date(2026, 3, 2))
        finally:
            opened.close()

    added = benchmark.pedantic(demo_data, setup=fresh_profile, rounds=rounds, iterations=1)
    assert added == size
    assert len(made) == rounds
