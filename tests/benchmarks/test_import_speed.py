"""Importing a caseload from spreadsheets: 1k and 10k referrals, each with a contact and a measure.

Target at 10k: the whole import (read, check, write in one transaction with its audit and
outbox rows) in under 30 s, so a service's history comes in while the worker makes a tea.
Each round imports into a fresh caseload, so every row is added, none matched.
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, date, datetime, timedelta

import pytest

from linkworker_desktop.domain.import_rows import COLUMNS
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.services import profile
from linkworker_desktop.services.caseload_import import CaseloadImport
from tests.conftest import FAST_KDF, PASSPHRASE

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
SIZES = (1_000, 10_000)


def write_files(folder, size: int) -> None:
    rng = random.Random(size)
    numbers: set[str] = set()
    while len(numbers) < size:
        numbers.add(generate_test_number(rng))
    folder.mkdir()
    files = {t: (folder / f"{t}.csv").open("w", newline="", encoding="utf-8") for t in COLUMNS}
    writers = {t: csv.writer(fh) for t, fh in files.items()}
    for table, writer in writers.items():
        writer.writerow(COLUMNS[table])
    for index, number in enumerate(sorted(numbers)):
        referred = date(2025, 1, 6) + timedelta(days=index % 600)
        writers["referrals"].writerow(
            [number, "Kit", f"Sample{index}", "1960-05-01", "female", "A", "LS6 2AB", "B86001",
             referred.isoformat(), "gp", "Dr Shah", "loneliness", "active", "", "", "yes",
             "full_notes", ""]
        )  # fmt: skip
        seen = referred + timedelta(days=7)
        writers["contacts"].writerow([number, seen.isoformat(), "10:00", "45", "surgery",
                                      "attended"])  # fmt: skip
        writers["measures"].writerow([number, seen.isoformat(), "ons4", "6 7 5 4"])
    for fh in files.values():
        fh.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda n: f"{n // 1000}k")
def test_import_referrals(benchmark, tmp_path, size):
    source = tmp_path / "sheets"
    write_files(source, size)
    rounds = iter(range(100))

    def fresh() -> tuple[tuple[profile.OpenProfile], dict]:
        files = profile.ProfileFiles(tmp_path / f"profile{next(rounds)}")
        opened, _ = profile.create_profile(files, PASSPHRASE, "Bench", "Team", kdf=FAST_KDF)
        return (opened,), {}

    results = []

    def run(opened: profile.OpenProfile) -> None:
        results.append(CaseloadImport(opened).run_path(source, now=NOW))
        opened.close()

    benchmark.pedantic(run, setup=fresh, rounds=3, iterations=1)
    assert results and all(r.referrals_added == size and not r.rejected for r in results)
    assert all(r.contacts_added == size and r.measures_added == size for r in results)
