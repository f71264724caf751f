"""How a person's name is shown, filed, sorted and searched, including people with one name.

NHS systems hold people with a single name (common in Indonesia and Myanmar, for example):
either part may be blank, so nothing here adds a stray comma or space.
"""

from __future__ import annotations

from linkworker_desktop.domain.text_fold import collation_key, fold

# Between the parts of a sort text: below every character a name or its folded form can hold,
# so "Ann" sorts before "Anna" and before "Ann-Marie" exactly as the tuple key orders them.
_SORT_SEPARATOR = "\x01"
# Between the parts of a search key; a folded search never contains it, so a search cannot
# match across two parts ("annab" does not find Anna Bell).
_SEPARATOR = "\n"


def shown_name(given: str, family: str, preferred: str = "") -> str:
    """The name as said and printed: "Siân Jones", or "Aroha" for a person with one name."""
    first = (preferred or given).strip()
    return " ".join(part for part in (first, family.strip()) if part)


def filed_name(given: str, family: str, preferred: str = "") -> str:
    """The name as a list files it: "Jones, Siân", or "Aroha" alone."""
    first = (preferred or given).strip()
    return ", ".join(part for part in (family.strip(), first) if part)


def name_sort_key(given: str, family: str, preferred: str = "") -> tuple[tuple[str, ...], ...]:
    """Order by family name then the name used, letter by letter with accents folded.

    A person with one name files under that name, as if it were the family name.
    """
    first = (preferred or given).strip()
    family = family.strip()
    if not family:
        family, first = first, ""
    return (collation_key(family), collation_key(first))


def name_sort_text(given: str, family: str, preferred: str = "") -> str:
    """:func:`name_sort_key` as one string that orders the same way compared code point by code
    point, as SQLite's binary collation does, so the caseload can be kept in order in a table."""
    return _SORT_SEPARATOR.join(
        part.replace(_SORT_SEPARATOR, "")
        for key in name_sort_key(given, family, preferred)
        for part in key
    )


def name_search_key(given: str, family: str, preferred: str = "", *extra: str) -> str:
    """Folded text a folded search is looked for in: the name in either order, with or without
    the preferred name, then any extra identifiers (the NHS number)."""
    spellings = [given + family, family + given]
    if preferred:
        spellings += [preferred + family, family + preferred]
    return _SEPARATOR.join([*(fold(s) for s in spellings), *(fold(x) for x in extra)])
