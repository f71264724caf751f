"""Reading one spreadsheet row: codes or labels, consents, and a status that agrees with itself."""

from __future__ import annotations

from datetime import date, time

import pytest

from linkworker_desktop.domain.appointments import AppointmentMode, AppointmentStatus
from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ConsentToShare,
    ReferralSource,
    ReferralStatus,
)
from linkworker_desktop.domain.import_rows import (
    RowProblem,
    choice,
    header_key,
    read_contact,
    read_referral,
)

TODAY = date(2026, 11, 30)
GOOD = {
    "nhs_number": "999 308 0233",
    "given_name": "Ada",
    "family_name": "Example",
    "date_of_birth": "02/03/1950",
    "referral_date": "2026-01-05",
    "referral_source": "GP",
    "referrer": "Dr Khan",
    "reasons": "loneliness; Low mood",
}


def test_headers_match_whatever_their_case_and_spacing():
    assert [header_key(h) for h in ("NHS Number", " nhs-number ", "Date of birth")] == [
        "nhs_number",
        "nhs_number",
        "date_of_birth",
    ]


@pytest.mark.parametrize(
    ("text", "member"),
    [("gp", ReferralSource.GP), ("GP", ReferralSource.GP), ("Self-referral", ReferralSource.SELF),
     ("voluntary sector", ReferralSource.VOLUNTARY_SECTOR)],
)  # fmt: skip
def test_a_choice_is_its_code_or_its_label_in_any_case(text, member):
    assert choice(ReferralSource, text, "referral source") is member


def test_a_referral_row_reads_into_a_patient_and_a_referral():
    row = read_referral(dict(GOOD, consent_contact="Yes", consent_share_gp="codes only"), TODAY)
    assert row.patient.nhs_number == "9993080233"
    assert row.patient.date_of_birth == date(1950, 3, 2)
    assert row.patient.consent_to_contact is ConsentToContact.YES
    assert row.patient.consent_to_share is ConsentToShare.CODES_ONLY
    assert [r.value for r in row.referral.reasons] == ["loneliness", "low_mood"]
    assert row.referral.status is ReferralStatus.NEW
    assert row.discharged_on is None


def test_blank_consents_are_not_asked_yet_never_assumed():
    row = read_referral(GOOD, TODAY)
    assert row.patient.consent_to_contact is ConsentToContact.NOT_ASKED
    assert row.patient.consent_to_share is ConsentToShare.NOT_ASKED


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"status": "discharged"},
         "A discharged referral needs its discharge_date and discharge_reason."),
        ({"status": "active", "discharge_date": "2026-03-01"},
         "The referral's status is active, so it has no discharge date or reason: make the "
         "status discharged or leave both blank."),
        ({"discharge_date": "2026-01-01", "discharge_reason": "goals_met"},
         "The discharge date is before the referral date (5 Jan 2026); a referral is closed on "
         "or after the day it was made."),
        ({"consent_contact": "maybe"}, "Consent to contact is yes, no or blank, not 'maybe'."),
        ({"referrer": ""}, "Who referred? A name or role is needed unless it is a self-referral."),
    ],
)  # fmt: skip
def test_a_referral_row_that_disagrees_with_itself_is_refused(extra, reason):
    with pytest.raises(RowProblem) as refused:
        read_referral(dict(GOOD, **extra), TODAY)
    assert str(refused.value) == reason


def test_a_contact_row_reads_mode_and_outcome_by_label():
    row = read_contact(
        {"nhs_number": "9993080233", "date": "12/01/2026", "time": "2:30pm", "minutes": "",
         "mode": "Home visit", "outcome": "Did not attend"},
        TODAY,
    )  # fmt: skip
    assert (row.day, row.at, row.minutes, row.mode, row.outcome) == (
        date(2026, 1, 12),
        time(14, 30),
        None,
        AppointmentMode.HOME_VISIT,
        AppointmentStatus.DID_NOT_ATTEND,
    )


def test_a_booked_or_future_contact_is_not_history():
    base = {"nhs_number": "9993080233", "date": "2026-01-12", "time": "10:00", "mode": "video"}
    with pytest.raises(RowProblem) as booked:
        read_contact(dict(base, outcome="booked"), TODAY)
    assert str(booked.value) == "A contact's outcome is attended, did_not_attend or cancelled."
    with pytest.raises(RowProblem) as future:
        read_contact(dict(base, date="2026-12-01", outcome="attended"), TODAY)
    assert str(future.value) == (
        "The contact is in the future: only past contacts are imported; book it in the app."
    )
