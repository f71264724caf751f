"""The caseload query reads referrals and appointments through stored indexes, sorting nothing.

Each patient's latest referral is ranked by reading ``referrals_latest`` in order (no temporary
B-tree for the window), and only live appointments are read (``appointments_referral_live``).
The two per-patient results are still joined through indexes SQLite builds for the query: at
50,000 patients that measured twice as fast as seeking each patient's rows in the encrypted file.
"""

from __future__ import annotations

from datetime import date

from linkworker_desktop.services import demo
from linkworker_desktop.storage.records import CASELOAD_SQL, caseload_rows


def test_the_caseload_query_reads_its_indexes_in_order_and_sorts_nothing(open_profile):
    demo.add_demo_caseload(open_profile, 40, seed=7, today=date(2026, 3, 2))
    plan = [row[3] for row in open_profile.conn.execute("EXPLAIN QUERY PLAN " + CASELOAD_SQL)]

    assert "SCAN referrals USING INDEX referrals_latest" in plan
    assert "SCAN a USING INDEX appointments_referral_live" in plan
    assert [step for step in plan if "TEMP B-TREE" in step] == []
    assert len(caseload_rows(open_profile.conn)) == 40
