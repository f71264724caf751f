"""The caseload query seeks stored indexes: nothing built or sorted aside on every load."""

from __future__ import annotations

from datetime import date

from linkworker_desktop.services import demo
from linkworker_desktop.storage.records import CASELOAD_SQL, caseload_rows


def test_the_caseload_query_builds_no_index_and_sorts_nothing_aside(open_profile):
    demo.add_demo_caseload(open_profile, 40, seed=7, today=date(2026, 3, 2))
    open_profile.conn.execute("ANALYZE")
    plan = [row[3] for row in open_profile.conn.execute("EXPLAIN QUERY PLAN " + CASELOAD_SQL)]

    assert any("referrals_latest" in step for step in plan)
    assert any("appointments_referral_live" in step for step in plan)
    assert [step for step in plan if "AUTOMATIC" in step or "TEMP B-TREE" in step] == []
    # Only the patients are read through; everything else is a seek per patient.
    assert [step.split()[:2] for step in plan if step.startswith("SCAN")] == [["SCAN", "p"]]
    assert len(caseload_rows(open_profile.conn)) == 40
