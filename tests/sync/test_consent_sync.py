"""Consent answers travel through a real hub: a colleague reads the same current consent and
history, and a later answer from their laptop is the one both honour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from linkworker_desktop.domain.choices import ConsentToShare
from linkworker_desktop.domain.consent import ConsentKind, GivenBy, GivenHow
from linkworker_desktop.services.consent import ConsentService
from tests.support.laptop import fresh_nhs_number

SHARE = ConsentKind.SHARE_WITH_GP
MORNING = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def test_answers_reach_a_colleague_with_how_and_by_whom_and_never_another_team(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    south = org.laptop("South", "Sol")
    patient = a.add_patient(given_name="Ann", family_name="Bee")
    ConsentService(a.profile).record(
        patient,
        {SHARE: ConsentToShare.CODES_ONLY},
        GivenBy(GivenHow.PHONE, "Cy Bee", "Lasting power of attorney: son"),
        now=MORNING,
    )
    assert a.sync().error == ""
    assert b.sync().error == ""
    assert ConsentService(b.profile).share(patient).line() == (
        "Share with GP: codes only — by phone, by Cy Bee (Lasting power of attorney: son), "
        "30 Nov 2026, recorded by Asha"
    )
    ConsentService(b.profile).record(
        patient, {SHARE: ConsentToShare.FULL_NOTES}, GivenBy(), now=MORNING + timedelta(days=1)
    )
    assert b.sync().error == ""
    assert a.sync().error == ""
    assert south.sync().error == ""
    history = [r.line() for r in ConsentService(a.profile).history(patient) if r.kind is SHARE]
    assert history == [
        "Share with GP: full notes — in person, by the patient, 1 Dec 2026, recorded by Ben",
        "Share with GP: codes only — by phone, by Cy Bee (Lasting power of attorney: son), "
        "30 Nov 2026, recorded by Asha",
    ]
    assert a.record("patients", patient)["consent_to_share"] == "full_notes"
    assert south.ids("consent_records") == set()
    assert len(a.ids("consent_records")) == 2


def test_answers_given_to_a_duplicate_record_move_to_the_record_kept(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    a.sync()
    b.sync()
    number = fresh_nhs_number()
    first = a.add_patient(nhs_number=number, given_name="Ann", family_name="Bee")
    second = b.add_patient(nhs_number=number, given_name="Anne", family_name="Bee")
    (answer,) = ConsentService(b.profile).record(
        second, {SHARE: ConsentToShare.CODES_ONLY}, GivenBy(GivenHow.PHONE), now=MORNING
    )
    a.sync()
    b.sync()
    a.sync()
    for laptop in (a, b):  # the merge moves the answer; what it says is kept as recorded
        row = laptop.record("consent_records", answer)
        assert (row["patient_id"], row["value"], row["given_how"]) == (
            first,
            "codes_only",
            "phone",
        )
        assert ConsentService(laptop.profile).share(first).id == answer
