"""A person with one name is printed by it alone on the plan and the GP summary."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.choices import ConsentToShare, ReferralStatus
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services import demo, printouts
from linkworker_desktop.services.caseload import CaseloadService
from tests.support.pdf import text


@pytest.fixture
def one_name(open_profile):
    """A discharged demo patient whose record holds one name, in the family name field."""
    demo.add_demo_caseload(open_profile, 30)
    service = CaseloadService(open_profile)
    row = next(r for r in service.rows() if r.status == ReferralStatus.DISCHARGED)
    patient = service.patient(row.patient_id)
    patient.given_name, patient.preferred_name, patient.family_name = "", "", "Aroha"
    patient.consent_to_share = ConsentToShare.FULL_NOTES
    service.update_patient(patient)
    return open_profile, patient


def name_lines(pdf: bytes) -> list[str]:
    return [line for line in text(pdf).splitlines() if "Aroha" in line]


def test_the_gp_summary_prints_the_one_name_alone(one_name):
    profile, patient = one_name
    pdf, _ = printouts.discharge_pdf(profile, patient.id)
    heading = f"Aroha, NHS {format_nhs_number(patient.nhs_number)}"
    assert name_lines(pdf) == [heading, "Aroha", heading]


def test_the_plan_prints_the_one_name_alone(one_name):
    profile, patient = one_name
    pdf, _ = printouts.plan_pdf(profile, patient.id)
    assert name_lines(pdf) == ["Plan for Aroha"]
