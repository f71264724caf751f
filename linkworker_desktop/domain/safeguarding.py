"""Safeguarding concerns: what was seen or said, who is at risk, what was done at once, and who
it was passed to; written once, handed over, closed with an outcome, never rewritten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from linkworker_desktop.domain.errors import ValidationError

# A concern with no hand-over recorded this long after it was raised is chased on Today.
HANDOVER_DUE = timedelta(hours=24)
MAX_TEXT = 4000

PERSON_AT_RISK = {
    "patient": "The patient",
    "child": "A child",
    "other_adult": "Another adult",
}


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    group: str = ""

    @property
    def full_label(self) -> str:
        return f"{self.group}: {self.label}" if self.group else self.label


@dataclass(frozen=True, slots=True)
class Handover:
    id: str
    passed_to: Choice
    passed_at: datetime
    contact: str
    notes: str
    recorded_by: str


@dataclass(frozen=True, slots=True)
class Concern:
    id: str
    patient_id: str
    raised_at: datetime
    raised_by: str
    person_at_risk: str
    at_risk_details: str
    category: Choice
    what_was_seen: str
    immediate_action: str
    handovers: tuple[Handover, ...] = ()
    closed_at: datetime | None = None
    closed_by: str = ""
    outcome: str = ""

    @property
    def open(self) -> bool:
        return self.closed_at is None

    def handover_overdue(self, now: datetime) -> bool:
        """Open, nothing handed over, and raised 24 hours or more before ``now``."""
        return self.open and not self.handovers and now - self.raised_at >= HANDOVER_DUE


def parse_choices(data: dict[str, Any], key: str, source: str) -> dict[str, Choice]:
    found: dict[str, Choice] = {}
    for number, entry in enumerate(data.get(key, []), start=1):
        try:
            choice = Choice(str(entry["id"]), str(entry["label"]), str(entry.get("group", "")))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{source}: {key} {number} lacks {exc}") from exc
        if choice.id in found:
            raise ValueError(f"{source}: {key} id {choice.id!r} appears twice")
        found[choice.id] = choice
    if not found:
        raise ValueError(f"{source} lists no {key}")
    return found


def required_text(value: str, field: str, what: str) -> str:
    """Kept as written (line breaks and all), but not empty and not a book."""
    text = value.strip()
    if not text:
        raise ValidationError({field: f"Write {what}."})
    if len(text) > MAX_TEXT:
        raise ValidationError({field: f"Keep {what} under {MAX_TEXT} characters."})
    return text
