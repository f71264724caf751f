"""Characters the bundled font cannot draw are printed by name, never dropped without a word."""

from __future__ import annotations

import unicodedata

from linkworker_desktop.printing.fonts import noting_unprintable, printable, unprintable_note


def test_what_the_font_draws_is_kept_as_typed():
    typed = "Zoë Wiśniewska-Дмитриева, Siân, Ø, 10 £ € — “quoted” ✓ ☺\ttab"
    with noting_unprintable() as noted:
        assert printable(typed) == typed
    assert noted == []
    assert unprintable_note(noted) is None


def test_a_decomposed_accent_is_joined_so_it_prints():
    typed = unicodedata.normalize("NFD", "Siân")
    assert len(typed) == 5
    assert printable(typed) == "Siân"


def test_emoji_are_named_and_their_joiners_and_skin_tones_go_with_them():
    with noting_unprintable() as noted:
        assert printable("Family 👨‍👩‍👧 and a wave 👋🏽 ❤️") == (
            "Family [man][woman][girl] and a wave [waving hand sign] ❤️"
        )
    assert noted == ["👨", "👩", "👧", "👋"]


def test_a_character_with_no_name_shows_a_box():
    private_use = "\ue000"
    with noting_unprintable() as noted:
        assert printable(f"a{private_use}b") == "a□b"
    assert unprintable_note(noted) == (
        "1 character (such as emoji) cannot be printed with the app's font, so is printed "
        "by name in brackets: □."
    )


def test_the_note_names_three_and_counts_each_character_once():
    with noting_unprintable() as noted:
        printable("🌻🌻 🐕 🐈 🦔")
    assert unprintable_note(noted) == (
        "4 characters (such as emoji) cannot be printed with the app's font, so are printed "
        "by name in brackets: [sunflower], [dog], [cat] and others."
    )


def test_outside_a_document_nothing_is_collected():
    assert printable("🌻") == "[sunflower]"


def test_an_emoji_the_font_has_beyond_u_ffff_is_named_so_readers_keep_it():
    assert printable("Smiling 😀") == "Smiling [grinning face]"
