"""The caseload finds and orders names as people spell them, in a real encrypted caseload."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest

from tests.support.factories import make_patient

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PEOPLE = [
    ("Siân", "Pritchard"),
    (unicodedata.normalize("NFD", "Siân"), "Lloyd"),
    ("Susan", "Dŵr"),
    ("Łukasz", "Łukaszewicz"),
    ("Émile", "Éclair"),
    ("Ciara", "O'Neill"),
    ("Conor", "O’Neill"),
    ("Ada", "Adams"),
    ("Hamish", "McDonald"),
    ("Pieter", "van der Berg"),
    ("Zoë", "Zeller"),
    ("Zofia", "Żak"),
    ("Aroha", ""),
]


@pytest.fixture
def caseload(service):
    for given, family in PEOPLE:
        service.add_patient(make_patient(given_name=given, family_name=family))
    return service


def found(service, text: str) -> list[str]:
    return [row.name for row in service.search(text, now=NOW)]


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("sian", ["Lloyd, " + unicodedata.normalize("NFD", "Siân"), "Pritchard, Siân"]),
        ("siân", ["Lloyd, " + unicodedata.normalize("NFD", "Siân"), "Pritchard, Siân"]),
        ("dwr", ["Dŵr, Susan"]),
        ("lukasz", ["Łukaszewicz, Łukasz"]),
        ("emile", ["Éclair, Émile"]),
        ("oneill", ["O'Neill, Ciara", "O’Neill, Conor"]),
        ("o neill", ["O'Neill, Ciara", "O’Neill, Conor"]),
        ("o'neill", ["O'Neill, Ciara", "O’Neill, Conor"]),
        ("o’neill", ["O'Neill, Ciara", "O’Neill, Conor"]),
        ("conor oneill", ["O’Neill, Conor"]),
        ("oneill conor", ["O’Neill, Conor"]),
        ("aroha", ["Aroha"]),
    ],
)
def test_search_finds_names_as_people_type_them(caseload, typed, names):
    assert found(caseload, typed) == names


def test_search_does_not_find_a_different_name(caseload):
    assert found(caseload, "susan") == ["Dŵr, Susan"]
    assert found(caseload, "sian") != found(caseload, "susan")
    assert found(caseload, "oneal") == []


def test_names_are_kept_exactly_as_typed(caseload):
    decomposed = unicodedata.normalize("NFD", "Siân")
    row = next(r for r in caseload.rows(now=NOW) if r.name.endswith(decomposed))
    assert caseload.patient(row.patient_id).given_name == decomposed


def test_the_caseload_comes_in_name_order_with_accents_folded(caseload):
    assert [row.name for row in caseload.rows(now=NOW)] == [
        "Adams, Ada",
        "Aroha",
        "Dŵr, Susan",
        "Éclair, Émile",
        "Lloyd, " + unicodedata.normalize("NFD", "Siân"),
        "Łukaszewicz, Łukasz",
        "McDonald, Hamish",
        "O'Neill, Ciara",
        "O’Neill, Conor",
        "Pritchard, Siân",
        "van der Berg, Pieter",
        "Żak, Zofia",
        "Zeller, Zoë",
    ]
