"""The caseload is read in the order its table and indexes keep: no sort, no row looked up."""

from __future__ import annotations

import pytest

from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.storage import records


@pytest.mark.parametrize(
    ("read", "uses"),
    [
        (records._CASELOAD_NAMES, ["SCAN caseload_names"]),
        (records._LATEST_REFERRALS, ["SCAN referrals USING COVERING INDEX referrals_latest"]),
        (
            records._CASELOAD_VISITS,
            [
                "SCAN a USING COVERING INDEX appointments_caseload",
                "SEARCH s USING COVERING INDEX sessions_appointment_live (appointment_id=?)",
            ],
        ),
    ],
)
@pytest.mark.parametrize("analysed", [False, True], ids=["fresh", "analysed"])
def test_each_caseload_read_walks_one_small_index_in_its_own_order(
    open_profile, read, uses, analysed
):
    add_demo_caseload(open_profile, 30, seed=5)
    if analysed:  # statistics gathered must not change the plan
        open_profile.conn.execute("ANALYZE")
    plan = [row[3] for row in open_profile.conn.execute(f"EXPLAIN QUERY PLAN {read}")]
    assert [step for step in plan if "SCAN" in step or "SEARCH" in step] == uses
    assert not [step for step in plan if "TEMP B-TREE" in step or "AUTOMATIC" in step]


def test_the_caseload_rows_come_in_name_order_one_a_live_patient(open_profile):
    add_demo_caseload(open_profile, 30, seed=5)
    rows = records.caseload_rows(open_profile.conn)
    live = open_profile.conn.execute("SELECT COUNT(*) FROM patients WHERE deleted = 0")
    assert len(rows) == live.fetchone()[0] == 30
    assert [row[4] for row in rows] == sorted(row[4] for row in rows)
    assert len({row[0] for row in rows}) == 30
