"""Folding text for matching and ordering names the way people spell and expect them.

A worker types "sian" for Siân, "oneill" for O’Neill and "lukasz" for Łukasz, on whatever
keyboard produced the stored name (macOS writes â as a plus a combining circumflex). Search and
sort compare folded copies; what is stored, shown and printed is always the name as entered.
"""

from __future__ import annotations

import unicodedata

# Letters that carry no decomposition, so NFKD alone would keep them apart from their base.
_NO_DECOMPOSITION = {
    "ł": "l",
    "ø": "o",
    "æ": "ae",
    "đ": "d",
    "ı": "i",
    "œ": "oe",
    "þ": "th",
    "ð": "d",
    "ħ": "h",
    "ŧ": "t",
}
# Apostrophe look-alikes that Unicode files as letters (so a category test would keep them).
_APOSTROPHE_LETTERS = frozenset("ʼʻʽ")
# Accents of Latin, Greek and Cyrillic letters and Arabic and Hebrew vowel points. Marks of
# other scripts (Devanagari vowel signs, say) are part of the letter and stay.
_DROPPED_MARKS = (
    (0x0300, 0x036F),
    (0x0591, 0x05C7),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


def _fold_char(ch: str) -> str | None:
    """What one character (already decomposed and case-folded) becomes; None drops it."""
    if ch in _NO_DECOMPOSITION:
        return _NO_DECOMPOSITION[ch]
    if ch in _APOSTROPHE_LETTERS:
        return None
    kind = unicodedata.category(ch)[0]
    if kind in "LN":
        return ch
    if kind == "M":
        code = ord(ch)
        return None if any(low <= code <= high for low, high in _DROPPED_MARKS) else ch
    return None  # spaces, apostrophes, hyphens, dashes and other punctuation, symbols


class _FoldTable(dict[int, str | None]):
    """A ``str.translate`` table filled in as characters are first met, so folding runs in C."""

    def __missing__(self, code: int) -> str | None:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """The letters and digits of ``text`` without accents, case, spaces or punctuation.

    Two spellings of one name fold to the same string, so a search compares folded needle with
    folded name. Full-width digits become ASCII digits.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return decomposed.translate(_TABLE)


def fold_words(text: str | None) -> str:
    """Folded words for a word index: each word once whole and, if it was joined, in its parts.

    "O'Neill's drop-in" becomes "oneills o neill s dropin drop in", so a search for "oneill",
    "o neill" or "drop in" finds it.
    """
    words: list[str] = []
    for word in (text or "").split():
        whole = fold(word)
        if not whole:
            continue
        words.append(whole)
        parts = [fold(part) for part in _split_joins(word)]
        parts = [part for part in parts if part]
        if len(parts) > 1:
            words.extend(parts)
    return " ".join(words)


def _split_joins(word: str) -> list[str]:
    """A word cut at the apostrophes, hyphens and other punctuation that joined its parts."""
    parts: list[str] = []
    current: list[str] = []
    for ch in word:
        if ch in _APOSTROPHE_LETTERS or unicodedata.category(ch)[0] not in "LNM":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def collation_key(text: str) -> tuple[str, str, str]:
    """Sort key for names: letter by letter with accents folded, then case, then as typed.

    Éclair sorts with E, Łukaszewicz with L and Żak with Z. Mac and Mc, "van der" and "O'" get
    no special treatment: McDonald sorts as mcdonald and van der Berg under V, as in a phone book
    read letter by letter. The later parts only break ties, so the order is always the same.
    """
    return (fold(text), text.casefold(), text)
