"""A 10k-patient caseload backed up and restored: the time, the file's size, and equal rows."""

from __future__ import annotations

import time

from linkworker_desktop.services import backups, profile
from tests.benchmarks.conftest import built
from tests.conftest import PASSPHRASE
from tests.services.backup_support import rows_by_table

# A restore gives the caseload a new client id, no enrolment and a record of where it came from.
RESTORE_CHANGES = {"profile", "sync_state", "outbox"}


def test_backup_and_restore_10k(benchmark, tmp_path_factory):
    caseload = built(10_000, tmp_path_factory)
    folder = tmp_path_factory.mktemp("backups")
    opened = profile.open_profile(caseload.proven())
    before = rows_by_table(opened.conn)
    restored_files: list[profile.ProfileFiles] = []
    timings: dict[str, float] = {}

    def round_trip() -> backups.BackupInfo:
        started = time.perf_counter()
        info = backups.make_backup(opened, folder)
        timings["backup"] = time.perf_counter() - started
        files = profile.ProfileFiles(tmp_path_factory.mktemp("restored") / "profile")
        started = time.perf_counter()
        backups.restore_backup(info.path, files, PASSPHRASE).close()
        timings["restore"] = time.perf_counter() - started
        restored_files.append(files)
        return info

    try:
        info = benchmark.pedantic(round_trip, rounds=1, iterations=1)
    finally:
        opened.close()
    restored = profile.unlock(restored_files[-1], PASSPHRASE)
    try:
        after = rows_by_table(restored.conn)
    finally:
        restored.close()
    assert info.counts["patients"] == 10_000
    assert sorted(after) == sorted(before)
    compared = [table for table in before if table not in RESTORE_CHANGES]
    for table in compared:
        assert after[table] == before[table], table
    assert len(compared) >= 20
    size = info.path.stat().st_size
    benchmark.extra_info.update(
        size_bytes=size,
        backup_seconds=round(timings["backup"], 2),
        restore_seconds=round(timings["restore"], 2),
        tables_compared=len(compared),
        rows_compared=sum(len(before[t]) for t in compared),
    )
    print(
        f"\n10k backup: {timings['backup']:.2f} s, restore: {timings['restore']:.2f} s, "
        f"file {size / 1_000_000:.1f} MB, {len(compared)} tables and "
        f"{sum(len(before[t]) for t in compared)} rows equal"
    )
