"""UK postcodes: tidy what was typed, and refuse one Royal Mail could never have issued.

The rules are the published format (ONS and Royal Mail): an outward code shaped A9, A99, AA9,
AA99, A9A or AA9A, a space, and an inward code of a digit and two letters, with some letters
never used in some places. GIR 0AA (the old Girobank code) and BFPO numbers for forces
addresses are real postcodes outside that pattern, so they are allowed too.
"""

from __future__ import annotations

import re
import unicodedata

EXAMPLE = "LS1 4AP"
_SHAPE = re.compile(r"^([A-Z][0-9][0-9]?|[A-Z][A-Z][0-9][0-9]?|[A-Z][0-9][A-Z]|[A-Z]{2}[0-9][A-Z])"
                    r" ([0-9][A-Z]{2})$")  # fmt: skip
_BFPO = re.compile(r"^BFPO ?([0-9]{1,4})$")
GIROBANK = "GIR 0AA"
NOT_FIRST = "QVX"
NOT_SECOND = "IJZ"
THIRD_OF_A9A = "ABCDEFGHJKPSTUW"
FOURTH_OF_AA9A = "ABEHMNPRVWXY"
NOT_INWARD = "CIKMOV"


def normalise_postcode(text: str) -> str:
    """Capitals with one space before the inward code ("ls14ap" -> "LS1 4AP").

    Full-width letters and digits are read as the plain ones; text too short to be a whole
    postcode is only tidied, so a person sees what they typed.
    """
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).upper()
    bfpo = _BFPO.match(compact)
    if bfpo:
        return f"BFPO {bfpo.group(1)}"
    if len(compact) >= 5:  # the shortest whole postcode, such as M1 1AE
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


def _listed(letters: str) -> str:
    return ", ".join(letters[:-1]) + " or " + letters[-1]


def postcode_problem(postcode: str) -> str | None:
    """Why a tidied postcode (see :func:`normalise_postcode`) cannot be real, or None."""
    if postcode == GIROBANK or _BFPO.match(postcode):
        return None
    shape = _SHAPE.match(postcode)
    if shape is None:
        return f"This does not look like a UK postcode (for example {EXAMPLE})."
    outward, inward = shape.groups()
    if outward[0] in NOT_FIRST:
        return f"A postcode never starts with {_listed(NOT_FIRST)}."
    if outward[1].isalpha() and outward[1] in NOT_SECOND:
        return f"A postcode's second letter is never {_listed(NOT_SECOND)}."
    if len(outward) == 3 and outward[2].isalpha() and outward[2] not in THIRD_OF_A9A:
        return (
            f"In a postcode like {outward[:2]}A, the letter after the digit is one of "
            f"{_listed(THIRD_OF_A9A)}."
        )
    if len(outward) == 4 and outward[3].isalpha() and outward[3] not in FOURTH_OF_AA9A:
        return (
            f"In a postcode like {outward[:3]}A, the last letter before the space is one of "
            f"{_listed(FOURTH_OF_AA9A)}."
        )
    if any(letter in NOT_INWARD for letter in inward[1:]):
        return f"The last part of a postcode never uses {_listed(NOT_INWARD)}."
    return None
