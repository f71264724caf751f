"""Documents made from a real encrypted caseload: plan, discharge (with consent), session."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.choices import ConsentToShare, ReferralStatus
from linkworker_desktop.services import demo, printouts
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.settings import PAPER_SIZE, SERVICE_LOGO, SERVICE_NAME
from tests.support.pdf import reader, text


@pytest.fixture
def caseload(open_profile):
    demo.add_demo_caseload(open_profile, 60)
    return open_profile


def _patient(profile, status):
    rows = CaseloadService(profile).rows()
    return next(r for r in rows if r.status == status)


def test_plan_of_a_demo_patient_carries_their_goals_and_service_name(caseload):
    caseload.settings.set(SERVICE_NAME, "Riverside Social Prescribing")
    row = _patient(caseload, ReferralStatus.ACTIVE)
    pdf, warnings = printouts.plan_pdf(caseload, row.patient_id)
    words = text(pdf)
    assert "Riverside Social Prescribing" in words
    assert row.name.split(", ")[1] in words
    assert "My goals and my steps" in words
    assert warnings == []


def test_letter_paper_setting_is_used(caseload):
    caseload.settings.set(PAPER_SIZE, "Letter")
    row = _patient(caseload, ReferralStatus.ACTIVE)
    pdf, _ = printouts.plan_pdf(caseload, row.patient_id)
    assert round(float(reader(pdf).pages[0].mediabox.width)) == 612


def test_missing_logo_setting_gives_a_warning_not_a_crash(caseload, tmp_path):
    caseload.settings.set(SERVICE_LOGO, str(tmp_path / "gone.png"))
    row = _patient(caseload, ReferralStatus.ACTIVE)
    pdf, warnings = printouts.plan_pdf(caseload, row.patient_id)
    assert pdf.startswith(b"%PDF")
    assert "gone.png" in warnings[0]


def _with_consent(profile, status, consent):
    service = CaseloadService(profile)
    row = _patient(profile, status)
    patient = service.patient(row.patient_id)
    patient.consent_to_share = consent
    service.update_patient(patient)
    return patient


def test_discharge_summary_with_codes_only_consent_leaves_out_the_conversation(caseload):
    patient = _with_consent(caseload, ReferralStatus.DISCHARGED, ConsentToShare.CODES_ONLY)
    pdf, _ = printouts.discharge_pdf(caseload, patient.id)
    words = text(pdf)
    assert patient.family_name in words
    assert "871731000000106" in words
    assert "Goals and outcomes" not in words
    assert "Wellbeing measures" not in words


def test_discharge_summary_with_full_consent_has_goals_and_measures(caseload):
    patient = _with_consent(caseload, ReferralStatus.DISCHARGED, ConsentToShare.FULL_NOTES)
    pdf, _ = printouts.discharge_pdf(caseload, patient.id)
    words = text(pdf)
    assert "Goals and outcomes" in words
    assert "ONS4" in words


def test_no_consent_to_share_refuses_with_a_reason(caseload):
    patient = _with_consent(caseload, ReferralStatus.DISCHARGED, ConsentToShare.NOTHING)
    with pytest.raises(printouts.ConsentRefused, match="has not agreed to share"):
        printouts.discharge_pdf(caseload, patient.id)


def test_declined_referral_prints_the_declined_code(caseload):
    patient = _with_consent(caseload, ReferralStatus.DECLINED, ConsentToShare.CODES_ONLY)
    pdf, _ = printouts.discharge_pdf(caseload, patient.id)
    assert "871711000000103" in text(pdf)


def test_session_summary_has_the_stage_notes(caseload):
    session_id = caseload.conn.execute(
        "SELECT id FROM sessions WHERE state = 'ended' LIMIT 1"
    ).fetchone()[0]
    pdf, _ = printouts.session_pdf(caseload, session_id)
    words = text(pdf)
    assert "Session summary" in words
    assert "Notes" in words


def test_consent_to_share_not_asked_refuses_and_says_to_ask_first(caseload):
    patient = _with_consent(caseload, ReferralStatus.DISCHARGED, ConsentToShare.NOT_ASKED)
    with pytest.raises(printouts.ConsentNotAsked) as caught:
        printouts.discharge_pdf(caseload, patient.id)
    assert str(caught.value) == (
        "Ask the patient whether we may share with their GP first. "
        f"{patient.display_name} has not been asked yet, so no discharge summary was made."
    )
