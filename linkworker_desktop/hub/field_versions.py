"""How the hub stores who wrote each field of a record last, and at which version.

In memory a record's fields map to ``{"v": version, "c": client}``. Stored that way the client
id was repeated for every field (most of a record's bytes, and most of the JSON work of a push),
so the stored form names each writer once::

    {"w": ["client-a", "hub"], "f": {"phone": 12, "town": [15, 1]}}

A field written by the first writer keeps just its version; another writer's field keeps
``[version, writer's place in "w"]``. Schema 6 rewrote the older form in place.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import from_json, to_json

Fields = dict[str, dict[str, Any]]


def encode(fields: Fields) -> str:
    entries = list(fields.values())
    if entries and entries.count(entries[0]) == len(entries):
        # A new record: every field has the same entry (one write), so one version for all.
        return to_json(
            {"w": [entries[0]["c"]], "f": dict.fromkeys(fields, entries[0]["v"])}
        ).decode()
    writers: dict[str, int] = {}
    compact: dict[str, Any] = {}
    for name, entry in fields.items():
        place = writers.setdefault(entry["c"], len(writers))
        compact[name] = entry["v"] if place == 0 else [entry["v"], place]
    return to_json({"w": list(writers), "f": compact}).decode()


def decode(stored: str | bytes) -> Fields:
    parsed = from_json(stored)
    if not is_compact(parsed):
        return dict(parsed)  # the form before schema 6
    writers = parsed["w"]
    fields: Fields = {}
    for name, value in parsed["f"].items():
        if isinstance(value, list):
            fields[name] = {"v": value[0], "c": writers[value[1]]}
        else:
            fields[name] = {"v": value, "c": writers[0]}
    return fields


def versions(stored: str | bytes) -> dict[str, int]:
    """Each field's version alone, as a pull sends them, without building the writers."""
    parsed = from_json(stored)
    if not is_compact(parsed):
        return {name: entry["v"] for name, entry in parsed.items()}
    return {
        name: value[0] if isinstance(value, list) else value for name, value in parsed["f"].items()
    }


def is_compact(parsed: Any) -> bool:
    return (
        isinstance(parsed, dict)
        and set(parsed) == {"w", "f"}
        and isinstance(parsed["w"], list)
        and isinstance(parsed["f"], dict)
    )
