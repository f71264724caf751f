"""What a report is made of: the settings it needs, the finished Report, and its rounding.

Percentages have one decimal and means two; both are None when there is nothing to divide by,
so "no data" is never shown as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from statistics import median
from typing import Any

from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.domain.measures import Measure
from linkworker_desktop.domain.referral import SNOMED_DECLINED, SNOMED_REFERRAL
from linkworker_desktop.reports.period import Period

GROUPINGS = ("worker", "team", "practice", "source")
# The national concepts; a service's resources/print/snomed.toml may word or change them.
SNOMED = {
    "referral": {"code": SNOMED_REFERRAL, "term": "Referral to social prescribing service"},
    "declined": {"code": SNOMED_DECLINED, "term": "Social prescribing declined"},
}


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """The service's own words and rules a report uses; read from the caseload's settings."""

    service_name: str = "Social Prescribing Service"
    team: str = ""
    first_contact_target_days: int = 14
    zone: tzinfo = LONDON
    measures: Mapping[str, Measure] = field(default_factory=dict)
    snomed: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: SNOMED)


@dataclass(frozen=True, slots=True)
class CodingLine:
    """One thing a practice needs to code in the GP record, and whether it was confirmed."""

    patient_id: str
    referral_id: str
    code: str
    term: str
    date: str
    coded: bool
    coded_on: str | None


@dataclass(frozen=True, slots=True)
class Report:
    figures: dict[str, Any]
    people: dict[str, tuple[str, ...]]
    coding_lines: tuple[CodingLine, ...]
    meta: dict[str, Any]
    period: Period
    generated_at: datetime
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    by: str | None = None


def pct(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def mean(values: Iterable[float]) -> float | None:
    numbers = list(values)
    return round(sum(numbers) / len(numbers), 2) if numbers else None


def median_of(values: Iterable[float]) -> float | None:
    numbers = list(values)
    return round(float(median(numbers)), 1) if numbers else None


class People:
    """Which patients stand behind each figure (for the service's own drill-down only)."""

    def __init__(self) -> None:
        # A dict per figure keeps each patient once, in the order first met, in constant time.
        self._found: dict[str, dict[str, None]] = {}

    def add(self, path: str, patient_id: str) -> None:
        self._found.setdefault(path, {})[patient_id] = None

    def touch(self, path: str) -> None:
        self._found.setdefault(path, {})

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        return {path: tuple(ids) for path, ids in sorted(self._found.items())}


def zeroes(keys: Iterable[str]) -> dict[str, int]:
    return {key: 0 for key in keys}
