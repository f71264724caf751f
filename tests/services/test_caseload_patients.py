"""Adding, changing and opening patients and referrals through the caseload service."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare, ReferralStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.nhs_number import InvalidNhsNumber, format_nhs_number
from linkworker_desktop.services.caseload import DuplicatePatient, PatientNotFound
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.support.factories import fresh_nhs_number, make_patient, make_referral


def count(conn, table: str, where: str = "1", *args) -> int:
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", args).fetchone()[0]


def totals(conn) -> tuple[int, ...]:
    return tuple(count(conn, t) for t in ("patients", "referrals", "audit_log", "outbox"))


def test_a_patient_and_their_first_referral_are_added_together(service, open_profile):
    conn = open_profile.conn
    patient, referral = make_patient(family_name="Newcombe"), make_referral()
    patient_id = service.add_patient(patient, referral)
    assert patient.id == patient_id
    assert referral.patient_id == patient_id
    saved = service.patient(patient_id)
    assert (saved.family_name, saved.nhs_number) == ("Newcombe", patient.nhs_number)
    assert saved.owner_worker_id == open_profile.actor.worker_id
    assert saved.team_id  # the worker's team
    (stored_referral,) = service.referrals(patient_id)
    assert stored_referral.id == referral.id
    assert stored_referral.reasons == referral.reasons
    for entity, entity_id in (("patients", patient_id), ("referrals", referral.id)):
        assert count(conn, "audit_log", "action = 'create' AND entity_id = ?", entity_id) == 1
        assert count(conn, "outbox", "entity = ? AND entity_id = ?", entity, entity_id) == 1


def test_a_patient_can_be_added_without_a_referral(service):
    patient_id = service.add_patient(make_patient())
    assert service.referrals(patient_id) == []
    (row,) = service.rows()
    assert row.status is None
    assert row.days_waiting is None


def test_problems_in_the_patient_and_the_referral_are_reported_together(service, open_profile):
    before = totals(open_profile.conn)
    with pytest.raises(ValidationError) as caught:
        service.add_patient(
            make_patient(nhs_number="9434765918", given_name="", family_name=""),
            make_referral(referral_date=date.today() + timedelta(days=5)),
        )
    assert {"nhs_number", "given_name", "referral_date"} <= set(caught.value.problems)
    assert totals(open_profile.conn) == before


def test_a_second_record_with_the_same_nhs_number_points_at_the_first(service, open_profile):
    first = make_patient(given_name="Robin", family_name="Original")
    first_id = service.add_patient(first, make_referral())
    before = totals(open_profile.conn)
    typed_differently = format_nhs_number(first.nhs_number).replace(" ", "-")
    with pytest.raises(DuplicatePatient) as caught:
        service.add_patient(make_patient(nhs_number=typed_differently), make_referral())
    assert caught.value.patient_id == first_id
    assert "Robin Original" in str(caught.value)
    assert totals(open_profile.conn) == before


def test_a_removed_patients_nhs_number_can_be_used_again(service, open_profile):
    patient = make_patient()
    old_id = service.add_patient(patient)
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.delete("patients", old_id)
    new_id = service.add_patient(make_patient(nhs_number=patient.nhs_number))
    assert new_id != old_id
    assert [row.patient_id for row in service.rows()] == [new_id]
    with pytest.raises(PatientNotFound):
        service.patient(old_id)


def test_editing_a_patient_saves_only_what_changed(service, open_profile):
    patient = make_patient(town="Leeds")
    service.add_patient(patient)
    patient.town = "Wakefield"
    patient.contact_notes = "Prefers mornings"
    assert service.update_patient(patient) == ["contact_notes", "town"]
    assert service.patient(patient.id).town == "Wakefield"
    assert service.update_patient(patient) == []
    changes = json.loads(
        open_profile.conn.execute(
            "SELECT changes FROM outbox WHERE entity_id = ? ORDER BY mutation_id DESC LIMIT 1",
            (patient.id,),
        ).fetchone()[0]
    )
    assert set(changes) == {"town", "contact_notes", "updated_at", "author_id"}


def test_editing_a_patient_to_another_patients_nhs_number_is_refused(service):
    first, second = make_patient(), make_patient()
    first_id = service.add_patient(first)
    service.add_patient(second)
    second.nhs_number = first.nhs_number
    with pytest.raises(DuplicatePatient) as caught:
        service.update_patient(second)
    assert caught.value.patient_id == first_id
    assert service.patient(second.id).nhs_number != first.nhs_number


def test_an_unsaved_patient_cannot_be_updated(service):
    with pytest.raises(ValueError):
        service.update_patient(make_patient())


def test_a_referral_is_added_to_an_existing_patient_and_its_status_changed(service):
    patient_id = service.add_patient(make_patient(), make_referral())
    later = make_referral(patient_id=patient_id, referral_date=date.today())
    service.add_referral(later)
    later.status = ReferralStatus.CONTACTED
    assert service.update_referral(later) == ["status"]
    referrals = service.referrals(patient_id)
    assert [r.id for r in referrals][0] == later.id  # newest first
    assert referrals[0].status == ReferralStatus.CONTACTED


def test_a_referral_must_belong_to_a_patient(service, open_profile):
    before = totals(open_profile.conn)
    with pytest.raises(ValidationError) as caught:
        service.add_referral(make_referral(patient_id="no-such-patient"))
    assert set(caught.value.problems) == {"patient_id"}
    assert totals(open_profile.conn) == before


def test_opening_a_record_is_written_to_the_audit_log(service, open_profile):
    patient_id = service.add_patient(make_patient())
    conn = open_profile.conn
    assert count(conn, "audit_log", "action = 'view'") == 0
    service.patient(patient_id)
    rows = conn.execute(
        "SELECT worker_id, entity, entity_id FROM audit_log WHERE action = 'view'"
    ).fetchall()
    assert rows == [(open_profile.actor.worker_id, "patients", patient_id)]
    assert not conn.in_transaction


def test_finding_by_nhs_number_accepts_spaces_and_audits_the_view(service, open_profile):
    patient = make_patient()
    patient_id = service.add_patient(patient)
    found = service.patient_by_nhs_number(format_nhs_number(patient.nhs_number))
    assert found.id == patient_id
    assert (
        count(open_profile.conn, "audit_log", "action = 'view' AND entity_id = ?", patient_id) == 1
    )


def test_an_nhs_number_not_in_the_caseload_is_not_found(service):
    number = fresh_nhs_number()
    with pytest.raises(PatientNotFound, match=format_nhs_number(number)):
        service.patient_by_nhs_number(number)


def test_an_invalid_nhs_number_is_explained(service):
    with pytest.raises(InvalidNhsNumber):
        service.patient_by_nhs_number("123")


def test_a_new_patient_is_stored_with_both_consents_not_asked(service, open_profile):
    patient_id = service.add_patient(make_patient(), make_referral())
    saved = service.patient(patient_id)
    assert saved.consent_to_contact is ConsentToContact.NOT_ASKED
    assert saved.consent_to_share is ConsentToShare.NOT_ASKED
    stored = open_profile.conn.execute(
        "SELECT consent_to_contact, consent_to_share FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()
    assert tuple(stored) == (None, "not_asked")
    (changes,) = open_profile.conn.execute(
        "SELECT changes FROM outbox WHERE entity = 'patients' AND entity_id = ?", (patient_id,)
    ).fetchone()
    sent = json.loads(changes)
    assert (sent["consent_to_contact"], sent["consent_to_share"]) == (None, "not_asked")


@pytest.mark.parametrize(
    ("contact", "column"),
    [(ConsentToContact.YES, 1), (ConsentToContact.NO, 0), (ConsentToContact.NOT_ASKED, None)],
)
def test_each_answer_to_consent_to_contact_is_kept_as_given(service, open_profile, contact, column):
    patient_id = service.add_patient(make_patient())
    patient = service.patient(patient_id)
    patient.consent_to_contact = contact
    patient.consent_to_share = ConsentToShare.CODES_ONLY
    service.update_patient(patient)
    reread = service.patient(patient_id)
    assert (reread.consent_to_contact, reread.consent_to_share) == (
        contact,
        ConsentToShare.CODES_ONLY,
    )
    stored = open_profile.conn.execute(
        "SELECT consent_to_contact FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()[0]
    assert stored == column
