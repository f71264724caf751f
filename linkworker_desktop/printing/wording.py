"""The fixed wording of printed documents, read from ``resources/print``."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from typing import Any

from linkworker_desktop.paths import resources_dir


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


@cache
def wording(language: str = "en-GB") -> dict[str, Any]:
    path = resources_dir() / "print" / f"{language}.toml"
    if not path.exists():
        path = resources_dir() / "print" / "en-GB.toml"
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@cache
def snomed_codes() -> dict[str, dict[str, str]]:
    with open(resources_dir() / "print" / "snomed.toml", "rb") as fh:
        return tomllib.load(fh)
