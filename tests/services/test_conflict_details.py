"""Open conflicts described for a person: whose patient, which field, which value is mine."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.services import conflicts
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage.unit_of_work import UnitOfWork


@pytest.fixture
def patient_id(open_profile):
    patient = Patient(
        nhs_number=nhs_number.generate_test_number(random.Random(7)),
        given_name="Ann",
        family_name="Bee",
        date_of_birth=date(1958, 3, 14),
    )
    return CaseloadService(open_profile).add_patient(patient)


def _conflict(profile, entity, entity_id, field, kept, other, kept_worker_id):
    """A conflict as the hub makes it and a pull stores it."""
    with UnitOfWork(profile.conn, profile.actor) as uow:
        return uow.insert(
            "conflicts",
            {
                "entity": entity,
                "entity_id": entity_id,
                "field": field,
                "kept_value": json.dumps(kept),
                "other_value": json.dumps(other),
                "kept_worker_id": kept_worker_id,
            },
        )


def _colleague(profile, name="Sam Okafor"):
    with UnitOfWork(profile.conn, profile.actor) as uow:
        return uow.insert("workers", {"display_name": name})


def test_my_value_is_mine_whichever_the_hub_kept(open_profile, patient_id):
    colleague = _colleague(open_profile)
    _conflict(
        open_profile, "patients", patient_id, "mobile", "07700 900222", "07700 900111", colleague
    )
    [detail] = conflicts.open_details(open_profile)
    assert detail.title == "Mobile number of Ann Bee"
    assert (detail.mine.heading, detail.mine.text, detail.mine.kept) == (
        "Mine",
        "07700 900111",
        False,
    )
    assert (detail.theirs.heading, detail.theirs.text, detail.theirs.kept) == (
        "Theirs (Sam Okafor)",
        "07700 900222",
        True,
    )
    assert detail.mergeable


def test_when_i_pushed_last_the_kept_value_is_mine(open_profile, patient_id):
    me = open_profile.actor.worker_id
    _conflict(open_profile, "patients", patient_id, "email", "ann@example.org", "", me)
    [detail] = conflicts.open_details(open_profile)
    assert detail.title == "Email address of Ann Bee"
    assert detail.mine.kept and detail.mine.text == "ann@example.org"
    assert detail.theirs.heading == "Theirs (a colleague)"
    assert detail.theirs.text == "(empty)"


def test_a_goal_conflict_names_the_patient_and_the_record(open_profile, patient_id):
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        goal_id = uow.insert("goals", {"patient_id": patient_id, "description": "Walk daily"})
    _conflict(open_profile, "goals", goal_id, "description", "Walk", "Swim", None)
    [detail] = conflicts.open_details(open_profile)
    assert detail.title == "Description in a goal of Ann Bee"


def test_coded_values_read_as_words_and_cannot_be_merged(open_profile, patient_id):
    _conflict(
        open_profile, "patients", patient_id, "consent_to_share", "full_notes", "nothing", None
    )
    [detail] = conflicts.open_details(open_profile)
    assert {detail.mine.text, detail.theirs.text} == {"Full notes", "Nothing"}
    assert not detail.mergeable


def test_a_delete_against_an_edit_says_what_each_choice_does(open_profile, patient_id):
    _conflict(open_profile, "patients", patient_id, "deleted", False, True, None)
    [detail] = conflicts.open_details(open_profile)
    assert detail.title == (
        "Deleted on one laptop, edited on another: the patient details of Ann Bee"
    )
    assert (detail.mine.heading, detail.mine.kept) == ("Keep the record", True)
    assert (detail.theirs.heading, detail.theirs.text) == ("Delete the record", "Deleted.")
    assert not detail.mergeable


def test_a_record_no_longer_here_is_said_plainly(open_profile):
    _conflict(open_profile, "patients", "gone-id", "mobile", "1", "2", None)
    [detail] = conflicts.open_details(open_profile)
    assert detail.title == "Mobile number of a record no longer on this laptop"


def test_a_consent_not_asked_yet_reads_as_such_not_as_no_or_empty():
    assert conflicts.value_text("consent_to_contact", None) == "Not asked yet"
    assert conflicts.value_text("consent_to_contact", 0) == "No"
    assert conflicts.value_text("consent_to_contact", 1) == "Yes"
    assert conflicts.value_text("consent_to_share", "not_asked") == "Not asked yet"
    assert conflicts.value_text("consent_to_share", "codes_only") == "Codes only"
