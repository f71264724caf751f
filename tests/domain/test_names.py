"""Names shown, filed and sorted, including people with one name."""

from __future__ import annotations

from datetime import date

import pytest

from linkworker_desktop.domain.names import filed_name, name_sort_key, name_sort_text, shown_name
from linkworker_desktop.domain.patient import validate_patient
from tests.support.factories import make_patient

TODAY = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("given", "family", "preferred", "shown", "filed"),
    [
        ("Siân", "Jones", "", "Siân Jones", "Jones, Siân"),
        ("Robert", "O’Neill", "Bob", "Bob O’Neill", "O’Neill, Bob"),
        ("Aroha", "", "", "Aroha", "Aroha"),
        ("", "Aroha", "", "Aroha", "Aroha"),
        ("", "Aroha", "Ro", "Ro Aroha", "Aroha, Ro"),
        (" Aroha ", "  ", "", "Aroha", "Aroha"),
    ],
)
def test_a_name_is_shown_and_filed_without_a_stray_comma_or_space(
    given, family, preferred, shown, filed
):
    assert shown_name(given, family, preferred) == shown
    assert filed_name(given, family, preferred) == filed


@pytest.mark.parametrize(("given", "family"), [("Aroha", ""), ("", "Aroha")])
def test_a_person_with_one_name_is_accepted_and_kept_as_typed(given, family):
    patient = validate_patient(make_patient(given_name=given, family_name=family), TODAY)
    assert (patient.given_name, patient.family_name) == (given, family)
    assert patient.display_name == "Aroha"


def test_a_person_with_one_name_files_under_it_among_family_names():
    people = [("Ben", "Zeller"), ("Aroha", ""), ("Amy", "Adams"), ("", "Budi")]
    ordered = sorted(people, key=lambda p: name_sort_key(*p))
    assert [filed_name(*p) for p in ordered] == ["Adams, Amy", "Aroha", "Budi", "Zeller, Ben"]


SORTED_APART = [
    ("Ann", "Lee", ""),
    ("Anna", "Lee", ""),
    ("Ann-Marie", "Lee", ""),
    ("ann", "Lee", ""),
    ("Ánn", "Lee", ""),
    ("Zoë", "Ann", ""),
    ("Bo", "Anna", ""),
    ("Aroha", "", ""),
    ("", "Aroha", "Ro"),
    ("Robert", "O’Neill", "Bob"),
    ("Ciara", "O'Neill", ""),
    ("Łukasz", "Łukaszewicz", ""),
    ("Luke", "Lukaszewicz", ""),
    ("Émile", "Éclair", ""),
    ("Emile", "Eclair", ""),
    ("Pieter", "van der Berg", ""),
    ("Piet", "Van der Berg", ""),
    ("9", "Ng", ""),
]


def test_the_sort_text_orders_every_name_as_the_sort_key_does():
    by_key = sorted(SORTED_APART, key=lambda p: name_sort_key(*p))
    by_text = sorted(SORTED_APART, key=lambda p: name_sort_text(*p))
    assert by_text == by_key
    assert by_text != SORTED_APART  # the list starts out of order
    texts = [name_sort_text(*p) for p in SORTED_APART]
    assert len(set(texts)) == len(SORTED_APART)  # no two people tie by accident


def test_the_sort_text_compares_as_utf8_bytes_the_way_sqlite_does():
    texts = [name_sort_text(*p) for p in SORTED_APART]
    assert sorted(texts) == sorted(texts, key=lambda t: t.encode("utf-8"))
