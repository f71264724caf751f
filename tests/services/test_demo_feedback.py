"""The demo caseload has Friends and Family Test answers and GP counts, so reports are not empty."""

from __future__ import annotations

import json
from datetime import date, timedelta

from linkworker_desktop.services.demo import add_demo_caseload
from tests.support.demo_day import DEMO_DAY


def test_each_discharge_has_an_fft_answer_and_gp_counts(open_profile):
    add_demo_caseload(open_profile, 60, seed=77, today=DEMO_DAY)
    conn = open_profile.conn
    closed = {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT id, discharged_on FROM referrals WHERE status = 'discharged'"
        )
    }
    assert len(closed) >= 5
    fft = dict(
        conn.execute("SELECT referral_id, answers FROM measure_results WHERE measure_id = 'fft'")
    )
    assert set(fft) == set(closed)
    assert {json.loads(a)["experience"] for a in fft.values()} <= {1, 2, 3, 4, 5, 6}
    counts = {
        referral_id: (json.loads(answers), recorded_at[:10])
        for referral_id, answers, recorded_at in conn.execute(
            "SELECT referral_id, answers, recorded_at FROM measure_results"
            " WHERE measure_id = 'gp_appointments'"
        )
    }
    assert set(counts) == set(closed)
    for referral_id, (answers, recorded_on) in counts.items():
        assert 2 <= answers["before_referral"] <= 12
        if answers["after_discharge"] is not None:
            assert recorded_on < DEMO_DAY.isoformat()  # never a count from the future
            assert recorded_on >= (
                (date.fromisoformat(closed[referral_id]) + timedelta(days=183)).isoformat()
            )
