"""Alerts on a patient's record: what a worker must know before contact, set and cleared with
a reason, never forgotten (a cleared alert keeps its history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from linkworker_desktop.domain.errors import ValidationError

MAX_REASON = 500


@dataclass(frozen=True, slots=True)
class AlertKind:
    id: str
    label: str
    description: str
    confirm_home_visit: bool


@dataclass(frozen=True, slots=True)
class Alert:
    id: str
    patient_id: str
    kind: AlertKind
    reason: str
    set_at: datetime
    set_by: str
    cleared_at: datetime | None = None
    cleared_by: str = ""
    clear_reason: str = ""

    @property
    def active(self) -> bool:
        return self.cleared_at is None


def parse_alert_kinds(data: dict[str, Any], source: str) -> dict[str, AlertKind]:
    """The alert list from its data file; a malformed entry is named with its file."""
    kinds: dict[str, AlertKind] = {}
    for number, entry in enumerate(data.get("alert", []), start=1):
        try:
            kind = AlertKind(
                id=str(entry["id"]),
                label=str(entry["label"]),
                description=str(entry.get("description", "")),
                confirm_home_visit=bool(entry.get("confirm_home_visit", False)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{source}: alert {number} lacks {exc}") from exc
        if kind.id in kinds:
            raise ValueError(f"{source}: alert id {kind.id!r} appears twice")
        kinds[kind.id] = kind
    if not kinds:
        raise ValueError(f"{source} lists no alerts")
    return kinds


def check_reason(text: str, field: str = "reason") -> str:
    """A reason is required (the next worker needs to know why) and kept short."""
    reason = " ".join(text.split())
    if not reason:
        raise ValidationError({field: "Say why, in a few words: the next person will need it."})
    if len(reason) > MAX_REASON:
        raise ValidationError({field: f"Keep the reason under {MAX_REASON} characters."})
    return reason


def alert_words(alerts: list[Alert] | tuple[Alert, ...]) -> str:
    """The active alerts in words, for a banner, a table cell or a screen reader."""
    return " · ".join(a.kind.label for a in alerts if a.active)


class HomeVisitNeedsConfirmation(ValidationError):
    """A home visit to someone with an alert that asks for care: allowed once confirmed."""

    def __init__(self, alerts: list[Alert]):
        self.alerts = alerts
        super().__init__({"mode": home_visit_question(alerts)})


def home_visit_question(alerts: list[Alert]) -> str:
    """What the worker is asked before booking a home visit (each alert with its reason)."""
    lines = " ".join(f"{a.kind.label}: {a.reason}" for a in alerts)
    return f"This record has an alert for home visits. {lines} Book a home visit anyway?"
