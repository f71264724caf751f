"""Folding for search: every spelling a worker might type finds the name as it was entered."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linkworker_desktop.domain.names import name_search_key
from linkworker_desktop.domain.text_fold import collation_key, fold, fold_words


@pytest.mark.parametrize(
    ("stored", "folded"),
    [
        ("Siân", "sian"),
        (unicodedata.normalize("NFD", "Siân"), "sian"),
        ("Dŵr", "dwr"),
        ("Łukasz", "lukasz"),
        ("Émile", "emile"),
        ("O'Neill", "oneill"),
        ("O’Neill", "oneill"),
        ("O‘Neill", "oneill"),
        ("OʼNeill", "oneill"),
        ("O`Neill", "oneill"),
        ("Smith-Jones", "smithjones"),
        ("Smith–Jones", "smithjones"),
        ("van der Berg", "vanderberg"),
        ("Straße", "strasse"),
        ("Søren Ærø", "sorenaero"),
        ("Đorđe", "dorde"),
        ("Ýr Þórsdóttir", "yrthorsdottir"),
        ("Œuvre", "oeuvre"),
        ("Yıldız", "yildiz"),
        ("İlkay", "ilkay"),
        ("９９９ １２３ ４５６７", "9991234567"),
        ("999–123–4567", "9991234567"),
        ("অমিত", "অমিত"),
        ("मोहन", "मोहन"),
    ],
)
def test_each_spelling_folds_to_plain_letters(stored, folded):
    assert fold(stored) == folded


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("sian", "Siân"),
        ("siân", unicodedata.normalize("NFD", "Siân")),
        (unicodedata.normalize("NFD", "siân"), "Siân"),
        ("dwr", "Dŵr"),
        ("lukasz", "Łukasz"),
        ("emile", "Émile"),
        ("oneill", "O'Neill"),
        ("o neill", "O'Neill"),
        ("o'neill", "O’Neill"),
        ("o’neill", "O'Neill"),
        ("O NEILL", "O’Neill"),
    ],
)
def test_what_people_type_finds_the_name(typed, stored):
    assert fold(typed) in name_search_key("", stored)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("sian", "Susan"), ("lukasz", "Lucas"), ("oneill", "O'Neal"), ("emile", "Emily")],
)
def test_a_different_name_is_not_found(typed, stored):
    assert fold(typed) not in name_search_key("", stored)


def test_the_key_holds_the_name_both_ways_round_and_never_across_parts():
    key = name_search_key("Anna", "Bell", "Annie", "9991234567")
    assert key.split("\n") == ["annabell", "bellanna", "anniebell", "bellannie", "9991234567"]
    assert fold("anna bell") in key
    assert fold("Bell, Anna") in key
    assert fold("bell9") not in key


def test_words_for_the_index_keep_each_word_whole_and_in_its_parts():
    assert fold_words("O’Neill's drop-in Café, Łódź") == (
        "oneills o neill s dropin drop in cafe lodz"
    )
    assert fold_words("") == ""
    assert fold_words(None) == ""


_ACCENTS = ["\u0300", "\u0301", "\u0302", "\u0308", "\u0327", "\u030c", "\u0323"]
_APOSTROPHES = ["'", "’", "‘", "ʼ", "`"]
_LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@st.composite
def name_and_variant(draw):
    """A name of plain letters and a way a person might write it: accents, apostrophes, case."""
    words = draw(st.lists(_LETTERS, min_size=1, max_size=3))
    stored: list[str] = []
    for word in words:
        letters = []
        for letter in word:
            letters.append(letter.upper() if draw(st.booleans()) else letter)
            if draw(st.integers(0, 4)) == 0:
                letters.append(draw(st.sampled_from(_ACCENTS)))
        stored.append("".join(letters))
    joiners = st.sampled_from([" ", "-", *_APOSTROPHES])
    text = stored[0] + "".join(draw(joiners) + word for word in stored[1:])
    form = draw(st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
    return "".join(words), unicodedata.normalize(form, text)


@given(name_and_variant())
def test_a_name_always_finds_itself_through_any_spelling(pair):
    plain, written = pair
    assert fold(written) == plain
    assert fold(plain) in name_search_key(written, "")
    assert fold(written) in name_search_key("", plain.upper())


@given(st.text(max_size=30))
def test_folding_is_stable_and_leaves_nothing_to_fold(text):
    once = fold(text)
    assert fold(once) == once
    assert once == once.casefold()
    assert not any(ch.isspace() for ch in once)


def test_names_sort_letter_by_letter_with_accents_folded():
    names = ["Żak", "van der Berg", "Zeller", "O'Neill", "Łukaszewicz", "McDonald", "Éclair"]
    names.append("Adams")
    assert sorted(names, key=collation_key) == [
        "Adams",
        "Éclair",
        "Łukaszewicz",
        "McDonald",
        "O'Neill",
        "van der Berg",
        "Żak",
        "Zeller",
    ]


def test_mac_and_mc_sort_as_spelt():
    names = ["McDonald", "Macdonald", "MacAllister", "Mabbott", "Mcintosh"]
    assert sorted(names, key=collation_key) == [
        "Mabbott",
        "MacAllister",
        "Macdonald",
        "McDonald",
        "Mcintosh",
    ]


def test_spellings_that_fold_alike_still_sort_in_one_order():
    names = ["Emile", "Émile", "emile", "EMILE"]
    assert sorted(names, key=collation_key) == ["EMILE", "Emile", "emile", "Émile"]
    assert sorted(reversed(names), key=collation_key) == ["EMILE", "Emile", "emile", "Émile"]
