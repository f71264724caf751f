"""Consent is recorded with when, how and by whom; a change is a new record and history stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare
from linkworker_desktop.domain.consent import ConsentKind, GivenBy, GivenHow
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.consent import ConsentService
from linkworker_desktop.storage.database import IntegrityError
from tests.support.session_factories import add_patient

SHARE = ConsentKind.SHARE_WITH_GP
MORNING = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


@pytest.fixture
def consent(open_profile):
    return ConsentService(open_profile)


@pytest.fixture
def patient(open_profile):
    return add_patient(open_profile)[0]  # consent to contact yes (how not recorded), share unasked


def columns(profile, patient_id):
    return profile.conn.execute(
        "SELECT consent_to_contact, consent_to_share FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()


def test_two_changes_keep_three_answers_and_the_latest_wins(consent, open_profile, patient):
    consent.record(patient, {SHARE: ConsentToShare.FULL_NOTES}, GivenBy(), now=MORNING)
    consent.record(
        patient,
        {SHARE: ConsentToShare.CODES_ONLY},
        GivenBy(GivenHow.PHONE),
        now=MORNING + timedelta(days=2),
    )
    consent.record(
        patient,
        {SHARE: ConsentToShare.NOTHING},
        GivenBy(GivenHow.WRITTEN, "Jo Testfield", "Lasting power of attorney: daughter"),
        now=MORNING + timedelta(days=5),
    )
    shares = [r for r in consent.history(patient) if r.kind is SHARE]
    assert [r.line() for r in shares] == [
        "Share with GP: nothing — in writing, by Jo Testfield (Lasting power of attorney: "
        "daughter), 5 Dec 2026, recorded by Sam Patel",
        "Share with GP: codes only — by phone, by the patient, 2 Dec 2026, recorded by Sam Patel",
        "Share with GP: full notes — in person, by the patient, 30 Nov 2026, recorded by Sam Patel",
    ]
    assert consent.share(patient).value is ConsentToShare.NOTHING
    assert columns(open_profile, patient) == (1, "nothing")


def test_the_same_answer_again_is_not_a_new_record(consent, patient):
    first = consent.record(patient, {SHARE: ConsentToShare.CODES_ONLY}, GivenBy(), now=MORNING)
    again = consent.record(patient, {SHARE: ConsentToShare.CODES_ONLY}, GivenBy(), now=MORNING)
    assert len(first) == 1
    assert again == []
    assert [r.value for r in consent.history(patient) if r.kind is SHARE] == [
        ConsentToShare.CODES_ONLY
    ]


def test_answers_of_the_same_moment_settle_by_id(consent, patient):
    consent.record(patient, {SHARE: ConsentToShare.FULL_NOTES}, GivenBy(), now=MORNING)
    consent.record(patient, {SHARE: ConsentToShare.NOTHING}, GivenBy(), now=MORNING)
    assert consent.share(patient).value is ConsentToShare.NOTHING


def test_a_representative_needs_a_name_and_a_relationship_and_nothing_is_written(
    consent, open_profile, patient
):
    with pytest.raises(ValidationError) as caught:
        consent.record(
            patient, {SHARE: ConsentToShare.CODES_ONLY}, GivenBy(GivenHow.PHONE, "Jo Testfield")
        )
    assert caught.value.problems == {
        "given_by_relationship": "Say how Jo Testfield may answer for them, for example "
        "“Lasting power of attorney: daughter”."
    }
    assert consent.share(patient) is None
    assert columns(open_profile, patient) == (1, "not_asked")


def test_the_database_refuses_to_change_a_recorded_answer(consent, open_profile, patient):
    (record_id,) = consent.record(patient, {SHARE: ConsentToShare.CODES_ONLY}, GivenBy())
    for column, value in (("value", "full_notes"), ("given_how", "phone"), ("deleted", 1)):
        with pytest.raises(IntegrityError, match="a consent record is never changed"):
            open_profile.conn.execute(
                f"UPDATE consent_records SET {column} = ? WHERE id = ?", (value, record_id)
            )
    assert consent.share(patient).value is ConsentToShare.CODES_ONLY


def test_an_edit_of_the_record_records_the_changed_answer_only(open_profile, consent, patient):
    service = CaseloadService(open_profile)
    edited = service.patient(patient)
    edited.consent_to_contact = ConsentToContact.NO
    edited.mobile = "07700 900123"
    service.update_patient(edited, GivenBy(GivenHow.VIDEO))
    contact = [r for r in consent.history(patient) if r.kind is ConsentKind.CONTACT]
    assert [(r.value, r.given.how) for r in contact] == [
        (ConsentToContact.NO, GivenHow.VIDEO),
        (ConsentToContact.YES, GivenHow.NOT_RECORDED),  # given when the patient was added
    ]
    assert [r.kind for r in consent.history(patient)] == [ConsentKind.CONTACT] * 2


def test_an_answer_from_a_laptop_before_records_reads_as_such(consent, open_profile, patient):
    open_profile.conn.execute("DELETE FROM consent_records")
    (contact,) = consent.current(patient).values()
    assert contact.line().startswith(
        "Consent to contact: yes — how not recorded (from before consent records), "
    )
    assert consent.share(patient) is None
