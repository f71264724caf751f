"""Migration 11 numbers the goal ratings and measure results already stored, in a stable order."""

from __future__ import annotations

import shutil

from linkworker_desktop.storage.migrations import migrate
from tests.fixtures import make_fixture_databases as fixtures


def upgraded(tmp_path):
    target = tmp_path / "caseload.db"
    shutil.copyfile(fixtures.fixture_path(10), target)
    conn = fixtures.connect(target)
    assert migrate(conn, target=11) == [11]
    return conn


def test_stored_ratings_are_numbered_by_time_then_id(tmp_path):
    conn = upgraded(tmp_path)
    try:
        rows = conn.execute(
            "SELECT id, rating, sequence FROM goal_progress ORDER BY recorded_at, sequence, id"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [
        ("01900000-0000-7000-8000-000000000503", 2, 1),
        ("01900000-0000-7000-8000-000000000501", 6, 2),
        ("01900000-0000-7000-8000-000000000502", 5, 3),
    ]


def test_stored_measure_results_are_numbered_per_patient_and_measure(tmp_path):
    conn = upgraded(tmp_path)
    try:
        rows = conn.execute(
            "SELECT id, sequence FROM measure_results ORDER BY recorded_at, sequence, id"
        ).fetchall()
        coded = conn.execute("SELECT coded_on, decline_coded_on FROM referrals").fetchall()
    finally:
        conn.close()
    assert rows == [
        ("01900000-0000-7000-8000-000000000603", 1),
        ("01900000-0000-7000-8000-000000000601", 2),
        ("01900000-0000-7000-8000-000000000602", 3),
    ]
    assert coded == [(None, None)] * len(fixtures.PEOPLE)
