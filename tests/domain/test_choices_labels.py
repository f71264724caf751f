"""Labels belong to their own enum, even when two enums share a stored value."""

from __future__ import annotations

from datetime import date

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare, ReferralStatus
from linkworker_desktop.domain.patient import Patient


def test_a_shared_value_keeps_each_enums_own_label():
    assert ReferralStatus.DID_NOT_ENGAGE.value == DischargeReason.DID_NOT_ENGAGE.value
    assert ReferralStatus.DID_NOT_ENGAGE.label == "Did not engage"
    assert DischargeReason.DID_NOT_ENGAGE.label == "Did not engage after several attempts"


def test_both_consents_read_not_asked_yet_and_only_yes_permits_contact():
    assert ConsentToContact.NOT_ASKED.label == "Not asked yet"
    assert ConsentToShare.NOT_ASKED.label == "Not asked yet"
    assert [c.label for c in ConsentToContact] == ["Not asked yet", "Yes", "No"]
    assert [c for c in ConsentToContact if c.permits] == [ConsentToContact.YES]


def test_a_new_patient_has_been_asked_nothing():
    patient = Patient("9990000000", "Ada", "Example", date(1980, 1, 1))
    assert patient.consent_to_contact is ConsentToContact.NOT_ASKED
    assert patient.consent_to_share is ConsentToShare.NOT_ASKED
