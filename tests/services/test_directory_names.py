"""Directory word search folds names as the caseload does: accents, ł, apostrophes, hyphens."""

from __future__ import annotations

from datetime import datetime

import pytest

from linkworker_desktop.domain.directory import DirectoryService, Location
from linkworker_desktop.services.directory import Directory, fts_query

NOW = datetime(2026, 3, 2, 10, 0)
SERVICES = [
    DirectoryService("Łukasz's Polish conversation café", ""),
    DirectoryService("O’Neill Drop-in", "", organisation="Cymdeithas Dŵr Glân"),
    DirectoryService(
        "Walking group",
        "",
        locations=[Location(name="Siân's garden", address="1 Émile Street")],
    ),
    DirectoryService("Lucas Street allotment", ""),
    DirectoryService("Susan's knit and natter", ""),
]


@pytest.fixture
def directory(open_profile):
    directory = Directory(open_profile)
    for service in SERVICES:
        directory.add_local(service)
    return directory


def found(directory: Directory, text: str) -> list[str]:
    return [hit.service.name for hit in directory.search(text, now=NOW)]


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("lukasz", ["Łukasz's Polish conversation café"]),
        ("łukasz", ["Łukasz's Polish conversation café"]),
        ("cafe", ["Łukasz's Polish conversation café"]),
        ("oneill", ["O’Neill Drop-in"]),
        ("o'neill", ["O’Neill Drop-in"]),
        ("o neill", ["O’Neill Drop-in"]),
        ("dropin", ["O’Neill Drop-in"]),
        ("drop in", ["O’Neill Drop-in"]),
        ("dwr", ["O’Neill Drop-in"]),
        ("sian", ["Walking group"]),
        ("emile", ["Walking group"]),
    ],
)
def test_words_are_found_however_they_are_spelt(directory, typed, names):
    assert found(directory, typed) == names


def test_a_different_word_is_not_found(directory):
    assert found(directory, "lucas") == ["Lucas Street allotment"]
    assert found(directory, "susan") == ["Susan's knit and natter"]
    assert found(directory, "oneal") == []


def test_the_query_is_folded_word_by_word():
    assert fts_query("Łukasz O’Neill") == '"lukasz" "oneill"*'
    assert fts_query(" ' - ") == ""
