"""The GP discharge summary shows outcome measures only: feedback and GP counts stay in reports."""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import ConsentToShare
from linkworker_desktop.services import printouts
from tests.support.pdf import text
from tests.support.report_caseload import Caseload, london, ons4


@pytest.fixture
def caseload(open_profile, monkeypatch) -> Caseload:
    return Caseload(open_profile, monkeypatch)


def test_only_outcome_measures_reach_the_gp(caseload, open_profile):
    person = caseload.refer(date(2026, 4, 1), share=ConsentToShare.FULL_NOTES)
    caseload.measure(person, "ons4", ons4(3, 4, 5, 8), london(date(2026, 4, 2)), "baseline")
    caseload.measure(person, "ons4", ons4(6, 6, 7, 4), london(date(2026, 6, 2)))
    caseload.measure(person, "fft", {"experience": 3}, london(date(2026, 6, 3)))
    caseload.measure(person, "fft", {"experience": 1}, london(date(2026, 6, 4)))
    counts = {"before_referral": 9, "after_discharge": 4}
    caseload.measure(person, "gp_appointments", counts, london(date(2026, 6, 5)))
    caseload.measure(person, "gp_appointments", counts, london(date(2026, 6, 6)))
    caseload.discharge(person, date(2026, 6, 10), DischargeReason.GOALS_MET)
    words = text(printouts.discharge_pdf(open_profile, person[0])[0])
    assert "ONS4" in words and "Life satisfaction" in words
    assert "FFT" not in words and "Experience of the service" not in words
    assert "GP appointments" not in words
