"""Checks a patient record must pass before it is saved, each with a reason a person can act on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from linkworker_desktop.domain.choices import ContactMethod
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.patient import (
    MAX_AGE_YEARS,
    check_date_of_birth,
    validate_patient,
)
from linkworker_desktop.domain.postcode import normalise_postcode
from tests.support.factories import make_patient

TODAY = date(2025, 6, 10)


def problems_of(patient, today=TODAY) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_patient(patient, today)
    return caught.value.problems


def test_a_complete_patient_passes_and_comes_back_cleaned():
    patient = make_patient(
        nhs_number="943 476 5919",
        given_name="  Alexa ",
        family_name=" Testworth",
        postcode="ls14ap",
    )
    cleaned = validate_patient(patient, TODAY)
    assert cleaned.nhs_number == "9434765919"
    assert (cleaned.given_name, cleaned.family_name) == ("Alexa", "Testworth")
    assert cleaned.postcode == "LS1 4AP"


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_name_is_needed(blank):
    problems = problems_of(make_patient(given_name=blank, family_name=blank))
    needed = "A name is needed: a given name, a family name or both."
    assert problems == {"given_name": needed, "family_name": needed}


def test_every_wrong_field_is_named_at_once():
    patient = make_patient(
        nhs_number="9434765918",
        given_name="",
        family_name="",
        date_of_birth=TODAY + timedelta(days=1),
        postcode="12345",
        email="not-an-address",
        phone="call me",
    )
    problems = problems_of(patient)
    assert set(problems) == {
        "nhs_number",
        "given_name",
        "family_name",
        "date_of_birth",
        "postcode",
        "email",
        "phone",
    }
    assert all(reason.strip() for reason in problems.values())


def test_a_date_of_birth_in_the_future_is_refused():
    problems = problems_of(make_patient(date_of_birth=TODAY + timedelta(days=1)))
    assert problems == {"date_of_birth": "The date of birth is in the future."}


def test_someone_born_today_is_accepted():
    assert validate_patient(make_patient(date_of_birth=TODAY), TODAY).date_of_birth == TODAY


def test_exactly_the_oldest_age_is_accepted_and_a_day_older_is_not():
    oldest = TODAY.replace(year=TODAY.year - MAX_AGE_YEARS)
    assert check_date_of_birth(oldest, TODAY) is None
    reason = check_date_of_birth(oldest - timedelta(days=1), TODAY)
    assert reason is not None
    assert str(MAX_AGE_YEARS) in reason


def test_a_date_of_birth_is_needed():
    assert check_date_of_birth(None, TODAY) == "A date of birth is needed."


def test_on_29_february_the_age_limit_falls_back_to_28_february():
    # 2020-02-29 minus 120 years would be 1900-02-29, which never existed (1900 was no leap year).
    today = date(2020, 2, 29)
    assert check_date_of_birth(date(1900, 2, 28), today) is None
    assert check_date_of_birth(date(1900, 2, 27), today) is not None


def test_on_29_february_in_a_leap_year_the_limit_is_that_same_day():
    today = date(2024, 2, 29)  # 1904 was a leap year, so 1904-02-29 existed
    assert check_date_of_birth(date(1904, 2, 29), today) is None
    assert check_date_of_birth(date(1904, 2, 28), today) is not None


def test_someone_born_on_29_february_turns_a_year_older_on_1_march_in_other_years():
    patient = make_patient(date_of_birth=date(2000, 2, 29))
    assert patient.age_on(date(2001, 2, 28)) == 0
    assert patient.age_on(date(2001, 3, 1)) == 1
    assert patient.age_on(date(2004, 2, 29)) == 4
    assert validate_patient(patient, TODAY).date_of_birth == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("LS1 4AP", "LS1 4AP"),
        ("ls14ap", "LS1 4AP"),
        ("SW1A1AA", "SW1A 1AA"),
        ("m1 1ae", "M1 1AE"),
        ("gir 0aa", "GIR 0AA"),
        ("bfpo 825", "BFPO 825"),
    ],
)
def test_uk_postcodes_are_accepted_and_spaced(typed, stored):
    assert validate_patient(make_patient(postcode=typed), TODAY).postcode == stored


@pytest.mark.parametrize("typed", ["12345", "LS1", "LS1 4A", "ABC 123", "LS1 4APX"])
def test_things_that_are_not_postcodes_are_refused(typed):
    assert set(problems_of(make_patient(postcode=typed))) == {"postcode"}


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("Q1 1AA", "A postcode never starts with Q, V or X."),
        ("BB12 7CA", "The last part of a postcode never uses C, I, K, M, O or V."),
    ],
)
def test_postcodes_shaped_right_but_impossible_are_refused_with_the_rule(typed, reason):
    assert problems_of(make_patient(postcode=typed)) == {"postcode": reason}


def test_no_postcode_is_fine():
    assert validate_patient(make_patient(postcode=""), TODAY).postcode == ""


def test_normalise_postcode_leaves_short_text_alone():
    assert normalise_postcode(" e1 ") == "E1"


@pytest.mark.parametrize("email", ["sam@example.org", "a.b+c@mail.example.co.uk"])
def test_email_addresses_are_accepted(email):
    assert validate_patient(make_patient(email=email), TODAY).email == email


@pytest.mark.parametrize("email", ["sam", "sam@example", "sam @example.org", "@example.org"])
def test_things_that_are_not_email_addresses_are_refused(email):
    assert set(problems_of(make_patient(email=email))) == {"email"}


@pytest.mark.parametrize("phone", ["0113 496 0000", "+44 (0)113 496 0000", "07700-900123"])
def test_phone_numbers_are_accepted(phone):
    assert validate_patient(make_patient(phone=phone), TODAY).phone == phone


def test_email_as_preferred_contact_needs_an_email_address():
    problems = problems_of(make_patient(preferred_contact=ContactMethod.EMAIL, email=""))
    assert set(problems) == {"email"}
    assert "preferred contact" in problems["email"]


def test_text_as_preferred_contact_needs_a_mobile_number():
    problems = problems_of(make_patient(preferred_contact=ContactMethod.TEXT, mobile=" "))
    assert set(problems) == {"mobile"}
    assert "preferred contact" in problems["mobile"]


def test_preferred_contact_is_satisfied_by_the_matching_detail():
    by_email = make_patient(preferred_contact=ContactMethod.EMAIL, email="sam@example.org")
    by_text = make_patient(preferred_contact=ContactMethod.TEXT, mobile="07700 900456")
    assert validate_patient(by_email, TODAY).preferred_contact == ContactMethod.EMAIL
    assert validate_patient(by_text, TODAY).preferred_contact == ContactMethod.TEXT


def test_display_name_prefers_the_preferred_name():
    assert make_patient(preferred_name="Lexi").display_name == "Lexi Testworth"
    assert make_patient(preferred_name="").display_name == "Alexa Testworth"
