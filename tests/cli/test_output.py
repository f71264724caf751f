"""How the CLI fits a name into a column: whole words and a visible mark, never a silent cut."""

from __future__ import annotations

from linkworker_desktop.cli.output import fit


def test_a_name_that_fits_is_left_alone():
    assert fit("Breathe Easy group", 18) == "Breathe Easy group"


def test_a_long_name_is_cut_after_a_whole_word():
    assert fit("Breathe Easy group, Riverside", 20) == "Breathe Easy group…"


def test_a_single_long_word_is_cut_with_the_mark():
    assert fit("Wolfeschlegelsteinhausenberger", 10) == "Wolfeschl…"
