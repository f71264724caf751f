"""The GP summary honours the latest consent recorded and prints when, how and by whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.domain.choices import ConsentToShare
from linkworker_desktop.domain.consent import ConsentKind, GivenBy, GivenHow
from linkworker_desktop.services import printouts
from linkworker_desktop.services.consent import ConsentService
from tests.support.pdf import text
from tests.support.session_factories import add_patient

SHARE = ConsentKind.SHARE_WITH_GP
MORNING = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)


def words(pdf: bytes) -> str:
    return " ".join(text(pdf).split())


def test_the_summary_prints_the_latest_answer_with_when_how_and_by_whom(open_profile):
    patient, _referral = add_patient(open_profile)
    consent = ConsentService(open_profile)
    consent.record(patient, {SHARE: ConsentToShare.FULL_NOTES}, GivenBy(), now=MORNING)
    consent.record(
        patient,
        {SHARE: ConsentToShare.CODES_ONLY},
        GivenBy(GivenHow.PHONE, "Jo Testfield", "Lasting power of attorney: daughter"),
        now=MORNING + timedelta(days=1),
    )
    pdf, _warnings = printouts.discharge_pdf(open_profile, patient)
    printed = words(pdf)
    assert (
        "Consent to share Codes only — by phone, by Jo Testfield (Lasting power of attorney: "
        "daughter), 1 Dec 2026, recorded by Sam Patel"
    ) in printed
    assert "Full notes" not in printed
    assert "Goals and outcomes" not in printed  # codes only, the answer now in force


def test_a_later_refusal_stops_the_summary_however_the_record_began(open_profile):
    patient, _referral = add_patient(open_profile)
    consent = ConsentService(open_profile)
    consent.record(patient, {SHARE: ConsentToShare.FULL_NOTES}, GivenBy(), now=MORNING)
    consent.record(patient, {SHARE: ConsentToShare.NOTHING}, GivenBy(GivenHow.WRITTEN), now=MORNING)
    with pytest.raises(printouts.ConsentRefused, match="has not agreed to share anything"):
        printouts.discharge_pdf(open_profile, patient)


def test_the_plan_says_what_the_gp_practice_may_see_from_the_latest_answer(open_profile):
    patient, _referral = add_patient(open_profile)
    not_asked = words(printouts.plan_pdf(open_profile, patient)[0])
    assert (
        "Who I agreed this plan can be shared with My GP practice: I have not been asked yet, "
        "so nothing is shared with them. I have not agreed to share this plan with anyone."
    ) in not_asked
    consent = ConsentService(open_profile)
    consent.record(patient, {SHARE: ConsentToShare.FULL_NOTES}, GivenBy(), now=MORNING)
    consent.record(
        patient, {SHARE: ConsentToShare.CODES_ONLY}, GivenBy(), now=MORNING + timedelta(days=2)
    )
    codes_only = (
        "My GP practice: only the dates I was seen and the codes for why, not what we talk "
        "about. I agreed on 2 December 2026."
    )
    printed = words(printouts.plan_pdf(open_profile, patient)[0])
    nobody_else = "I have not agreed to share this plan with anyone."
    assert printed.index(codes_only) < printed.index(nobody_else)  # may fall on the next page
    assert "what we talk about and this plan" not in printed
    page = " ".join(printouts.plan_html(open_profile, patient).split())
    assert f"<p>{codes_only}</p>" in page
