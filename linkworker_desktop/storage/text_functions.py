"""The app's text rules as SQL functions, so a migration can rebuild what Python would write
and a trigger can keep derived text (the caseload's names in order) as rows change."""

from __future__ import annotations

from typing import Any

from linkworker_desktop.domain.names import filed_name, name_search_key, name_sort_text
from linkworker_desktop.domain.text_fold import fold_words


def _filed(given: str | None, family: str | None, preferred: str | None) -> str:
    return filed_name(given or "", family or "", preferred or "")


def _sort_text(given: str | None, family: str | None, preferred: str | None) -> str:
    return name_sort_text(given or "", family or "", preferred or "")


def _search_text(
    given: str | None, family: str | None, preferred: str | None, nhs_number: str | None
) -> str:
    return name_search_key(given or "", family or "", preferred or "", nhs_number or "")


def register(conn: Any) -> None:
    """Make the text rules callable from SQL on this connection (sqlite3 or SQLCipher).

    Every connection that opens a caseload registers them (:func:`migrate` does, on every
    open), since the caseload's triggers call them whenever a patient is written.
    """
    conn.create_function("fold_words", 1, fold_words, deterministic=True)
    conn.create_function("filed_name", 3, _filed, deterministic=True)
    conn.create_function("name_sort_text", 3, _sort_text, deterministic=True)
    conn.create_function("name_search_text", 4, _search_text, deterministic=True)
