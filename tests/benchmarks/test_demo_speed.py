"""``demo-data --patients 10000`` (target under 10 s): the caseload every trainer starts from."""

from __future__ import annotations

from datetime import date

from linkworker_desktop.services import demo, profile
from tests.conftest import FAST_KDF, PASSPHRASE


def test_demo_caseload_of_10000(benchmark, tmp_path):
    made = []

    def fresh_profile():
        folder = tmp_path / f"profile{len(made)}"
        opened, _ = profile.create_profile(
            profile.ProfileFiles(folder), PASSPHRASE, "Bench", "Team", kdf=FAST_KDF
        )
        made.append(opened)
        return (opened,), {}

    def add(opened: profile.OpenProfile) -> int:
        return demo.add_demo_caseload(opened, 10_000, seed=10_000, today=date(2026, 3, 2))

    added = benchmark.pedantic(add, setup=fresh_profile, rounds=2, iterations=1)
    assert added == 10_000
    for opened in made:
        opened.close()
