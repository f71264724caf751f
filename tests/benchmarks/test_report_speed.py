"""A whole report (every figure family, and grouped by practice) at 1k and 10k patients.

Target: a 10k-patient caseload's report in under 2 s, so the Reports screen answers a change of
period without a wait worth a progress bar.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from linkworker_desktop.reports.period import Period
from linkworker_desktop.services import profile
from linkworker_desktop.services.reports import caseload_report
from tests.benchmarks.conftest import built

TARGET_SECONDS = 2.0
YEAR = Period(date(2025, 4, 1), date(2026, 11, 30))
MADE = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.fixture(scope="module", params=(1_000, 10_000), ids=("1k", "10k"))
def opened(request, tmp_path_factory):
    generated = built(request.param, tmp_path_factory)
    opened = profile.open_profile(generated.proven())
    yield opened
    opened.close()


@pytest.mark.parametrize("by", [None, "practice"], ids=["total", "by-practice"])
def test_report_speed(benchmark, opened, by):
    report = benchmark.pedantic(
        caseload_report, args=(opened, YEAR, MADE, by), rounds=3, iterations=1, warmup_rounds=1
    )
    assert report.figures["referrals"]["received"] > 0
    assert benchmark.stats.stats.max < TARGET_SECONDS
