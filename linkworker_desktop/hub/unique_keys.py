"""The laptop schema's unique keys, read from its migrations, and the hub's match key for them.

A laptop cannot hold two records that share a UNIQUE column (a measure's ``measure_id``, one
note per session stage, one local copy of a directory service), whatever their ids. The hub
finds such pairs by a match key and settles them itself, so no laptop trips on them in a pull.
Patients' NHS number is a partial index (live records only), settled by the patient merge.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from linkworker_desktop.hub import validation


@cache
def unique_key(entity: str) -> tuple[str, ...]:
    """The columns of ``entity``'s one whole-table UNIQUE key on a laptop, or () if it has none."""
    conn = validation.template()
    found: list[tuple[str, ...]] = []
    for _seq, name, unique, origin, partial in conn.execute(
        f"PRAGMA index_list({entity})"
    ).fetchall():
        if unique and not partial and origin != "pk":
            columns = conn.execute(f"PRAGMA index_info({name})").fetchall()
            found.append(tuple(str(c[2]) for c in sorted(columns)))
    if len(found) > 1:
        raise RuntimeError(f"{entity} has more than one unique key; the hub settles only one")
    return found[0] if found else ()


def match_key(entity: str, data: dict[str, Any]) -> str | None:
    """What two records clashing on the unique key share (a hash: keys may be long), or None."""
    columns = unique_key(entity)
    values = [data.get(c) for c in columns]
    if not columns or any(v is None for v in values):
        return None
    text = json.dumps([entity, *values], separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()
