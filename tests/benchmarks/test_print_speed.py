"""How long one wellbeing plan takes, and a batch of 100 (targets: 300 ms and ~30 s)."""

from __future__ import annotations

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services import demo, printouts, profile
from linkworker_desktop.services.caseload import CaseloadService
from tests.conftest import FAST_KDF, PASSPHRASE


def _profile(tmp_path):
    opened, _ = profile.create_profile(
        profile.ProfileFiles(tmp_path / "p"), PASSPHRASE, "Bench", kdf=FAST_KDF
    )
    demo.add_demo_caseload(opened, 200)
    return opened


def test_one_plan(benchmark, tmp_path):
    opened = _profile(tmp_path)
    row = next(r for r in CaseloadService(opened).rows() if r.status == ReferralStatus.ACTIVE)
    pdf, _ = benchmark(printouts.plan_pdf, opened, row.patient_id)
    assert pdf.startswith(b"%PDF")
    opened.close()


def test_hundred_plans(benchmark, tmp_path):
    opened = _profile(tmp_path)
    ids = [r.patient_id for r in CaseloadService(opened).rows()[:100]]

    def batch() -> int:
        return sum(len(printouts.plan_pdf(opened, pid)[0]) for pid in ids)

    total = benchmark.pedantic(batch, rounds=1, iterations=1)
    assert total > 100 * 5000
    opened.close()
