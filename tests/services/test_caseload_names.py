"""The caseload finds and orders names as people spell them, in a real encrypted caseload."""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, datetime

import pytest

from linkworker_desktop.domain import names, text_fold
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.storage.unit_of_work import UnitOfWork
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


def names_in_order(service) -> list[str]:
    return [row.name for row in service.rows(now=NOW)]


def test_the_order_follows_a_renamed_a_renumbered_and_a_removed_patient(caseload, open_profile):
    rows = {row.name: row for row in caseload.rows(now=NOW)}
    adams = caseload.patient(rows["Adams, Ada"].patient_id)
    adams.family_name = "Zwane"
    caseload.update_patient(adams)
    zeller = caseload.patient(rows["Zeller, Zoë"].patient_id)
    zeller.nhs_number = generate_test_number(random.Random(31))
    caseload.update_patient(zeller)
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.delete("patients", rows["McDonald, Hamish"].patient_id)

    ordered = names_in_order(caseload)
    assert ordered[:2] == ["Aroha", "Dŵr, Susan"]
    assert ordered[-3:] == ["Żak, Zofia", "Zeller, Zoë", "Zwane, Ada"]
    assert "McDonald, Hamish" not in ordered and "Adams, Ada" not in ordered
    assert len(ordered) == len(PEOPLE) - 1
    assert found(caseload, "zwane") == ["Zwane, Ada"]
    assert found(caseload, "adams") == []
    assert found(caseload, zeller.nhs_number) == ["Zeller, Zoë"]
    assert found(caseload, rows["Zeller, Zoë"].nhs_number) == []
    assert found(caseload, "mcdonald") == []


def test_listing_the_caseload_folds_and_sorts_no_name_in_python(caseload, monkeypatch):
    """The database keeps each name's sort and search text as it is written."""
    expected = names_in_order(caseload)

    def refuse(text: str) -> str:
        raise AssertionError(f"folded {text!r} while listing")

    monkeypatch.setattr(text_fold, "fold", refuse)
    monkeypatch.setattr(names, "fold", refuse)
    assert names_in_order(caseload) == expected
    assert len(expected) == len(PEOPLE)
